/**
 * The preload: exposes exactly the contract to the page as `window.profileLoader` — one `invoke` that
 * only accepts declared call names, an event subscription, and a dropped file's path — and nothing else.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { calls } from '../../shared/contract/index.js';
import type { AppEvent } from '../../shared/contract/index.js';
import { failedReply } from '../../shared/contract/reply.js';
import { CALL_CHANNEL_PREFIX, EVENT_CHANNEL } from '../main/ipc-channels.js';

const names = new Set(Object.keys(calls));

contextBridge.exposeInMainWorld('profileLoader', {
  invoke(name: string, args: unknown) {
    if (!names.has(name)) return Promise.resolve(failedReply('unknown-call', { call: name }));
    return ipcRenderer.invoke(`${CALL_CHANNEL_PREFIX}${name}`, args);
  },
  onEvent(listener: (event: AppEvent) => void) {
    const wrapped = (_event: IpcRendererEvent, payload: AppEvent) => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
  },
  pathForFile(file: File) {
    return webUtils.getPathForFile(file);
  },
});
