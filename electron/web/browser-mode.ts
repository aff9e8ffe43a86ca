import { fileURLToPath } from 'node:url';
import { resolveAppHome } from '../services/app-home.js';
import { createAppServices } from '../services/app-services.js';
import { loadAppSettings } from '../store/settings-store.js';
import { startWebHost } from './web-host.js';
import type { WebHost } from './web-host.js';
import type { AppServices } from '../services/app-services.js';

/** Where `vite build` puts the renderer. */
export const defaultStaticDir = fileURLToPath(new URL('../../dist/renderer', import.meta.url));

export interface BrowserModeOptions {
  readonly port?: number;
  readonly homeDir?: string;
  readonly staticDir?: string;
  readonly token?: string;
  readonly log?: (line: string) => void;
}

/** The app in browser mode: services over the state folder plus the loopback web host. */
export interface BrowserMode {
  readonly host: WebHost;
  readonly services: AppServices;
  close(): Promise<void>;
}

/** Starts the Node side and the loopback host; `close()` stops both. */
export async function startBrowserMode(options: BrowserModeOptions = {}): Promise<BrowserMode> {
  const homeDir = options.homeDir ?? resolveAppHome();
  const services = await createAppServices({ homeDir, host: 'browser', log: options.log });
  const { browserMode } = await loadAppSettings(homeDir);
  const host = await startWebHost({ services, staticDir: options.staticDir ?? defaultStaticDir, port: options.port, token: options.token, maxUploadBytes: browserMode.maxUploadBytes, log: options.log });
  return {
    host,
    services,
    async close() {
      await host.close();
      await services.close();
    },
  };
}
