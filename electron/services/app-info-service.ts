import { readFile } from 'node:fs/promises';
import type { AppInfo, HostKind } from '../../shared/contract/index.js';
import type { HandlerSlice } from './handlers.js';

/**
 * The app's package.json, from this module's URL `from`: from source this module is
 * electron/services/app-info-service.ts; built, it is inside dist/electron/main/index.js, one folder deeper.
 */
export function packageJsonUrl(from: string = import.meta.url): URL {
  return new URL(from.endsWith('.ts') ? '../../package.json' : '../../../package.json', from);
}

const packageJson = packageJsonUrl();

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
