import { readFile } from 'node:fs/promises';
import type { AppInfo, HostKind } from '../../shared/contract/index.js';
import type { HandlerSlice } from './handlers.js';

const packageJson = new URL('../../package.json', import.meta.url);

/** Handlers for `app.*`: reads name and version from package.json once, lazily. */
export function createAppInfoHandlers(ctx: { host: HostKind; homeDir: string }): HandlerSlice<'app.info'> {
  let cached: AppInfo | undefined;
  return {
    async 'app.info'() {
      if (!cached) {
        const pkg = JSON.parse(await readFile(packageJson, 'utf8')) as { version?: string };
        cached = { name: 'Profile Loader', version: pkg.version ?? '0.0.0', host: ctx.host, homeDir: ctx.homeDir, platform: process.platform };
      }
      return cached;
    },
  };
}
