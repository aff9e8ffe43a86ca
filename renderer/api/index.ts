import type { ClientApi, PreloadBridge } from './client-api.js';
import { createBrowserApi } from './browser-api.js';
import { createElectronApi } from './electron-api.js';

let api: ClientApi | undefined;

/** The one ClientApi of this page: Electron's bridge when the preload exposed it, browser mode otherwise. */
export function getApi(): ClientApi {
  if (!api) {
    const bridge = (window as unknown as { profileLoader?: PreloadBridge }).profileLoader;
    api = bridge ? createElectronApi(bridge) : createBrowserApi();
  }
  return api;
}

export type { ClientApi } from './client-api.js';
