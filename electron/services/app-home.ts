import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The folder that holds all of the app's state (profiles, jobs, journals, templates, the local
 * sandbox's store). `PROFILE_LOADER_HOME` moves it; otherwise `~/.profile-loader`.
 */
export function resolveAppHome(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const fromEnv = env.PROFILE_LOADER_HOME;
  return fromEnv && fromEnv.trim() !== '' ? resolve(fromEnv) : join(homedir(), '.profile-loader');
}
