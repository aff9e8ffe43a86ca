import type { AppApi, CallName } from '../../shared/contract/index.js';
import { calls, unwrapReply } from '../../shared/contract/index.js';
import type { ClientApi, PreloadBridge } from './client-api.js';

/** Electron: calls go through the preload's contract bridge; a dropped file's own path is opened. */
export function createElectronApi(bridge: PreloadBridge): ClientApi {
  const call = Object.fromEntries(
    (Object.keys(calls) as CallName[]).map((name) => [
      name,
      async (args: unknown) => unwrapReply(await bridge.invoke(name, args ?? {})),
    ]),
  ) as unknown as AppApi;
  return {
    host: 'electron',
    call,
    subscribe: (listener) => bridge.onEvent(listener),
    pathForFile: async (file) => bridge.pathForFile(file),
  };
}
