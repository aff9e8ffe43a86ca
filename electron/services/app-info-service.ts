import { readFile } from 'node:fs/promises';
import type { AppInfo, HostKind } from '../../shared/contract/index.js';
import type { HandlerSlice } from './handlers.js';

const packageJson = new URL('../../package.json', import.meta.url);

/** The app's version, as package.json says it ('0.0.0' when it says none). */
export async function readAppVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(packageJson, 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}

/** Handlers for `app.*`: reads name and version from package.json once, lazily. */
export function createAppInfoHandlers(ctx: { host: HostKind; homeDir: string }): HandlerSlice<'app.info'> {
  let cached: AppInfo | undefined;
  return {
    async 'app.info'() {
      if (!cached) {
        cached = { name: 'Profile Loader', version: await readAppVersion(), host: ctx.host, homeDir: ctx.homeDir, platform: process.platform };
      }
      return cached;
    },
  };
}
