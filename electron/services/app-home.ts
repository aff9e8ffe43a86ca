import { chmod, mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { isMainThread } from 'node:worker_threads';

/**
 * The folder that holds all of the app's state (saved connections, jobs, journals, templates, the local
 * sandbox's store). `PROFILE_LOADER_HOME` moves it; otherwise `~/.profile-loader`.
 */
export function resolveAppHome(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const fromEnv = env.PROFILE_LOADER_HOME;
  return fromEnv && fromEnv.trim() !== '' ? resolve(fromEnv) : join(homedir(), '.profile-loader');
}

/**
 * Makes the state folder private: from now on every file this process creates is 0600 and every
 * folder 0700 unless a mode says otherwise (the folder holds personal data and sealed tokens — the
 * local sandbox's database included), and the folder itself is created or tightened to 0700.
 */
export async function makeHomePrivate(homeDir: string): Promise<void> {
  // The mask is the process's; worker threads cannot set it and inherit the main thread's.
  if (isMainThread) process.umask(0o077);
  await mkdir(homeDir, { recursive: true, mode: 0o700 });
  await chmod(homeDir, 0o700);
}
