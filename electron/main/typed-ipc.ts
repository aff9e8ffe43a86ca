import { ipcMain } from 'electron';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { calls } from '../../shared/contract/index.js';
import type { CallName } from '../../shared/contract/index.js';
import type { AppEvent } from '../../shared/contract/index.js';
import { failedReply } from '../../shared/contract/reply.js';
import { dispatchCall } from '../services/dispatch.js';
import type { Handlers } from '../services/handlers.js';
import { CALL_CHANNEL_PREFIX, EVENT_CHANNEL } from './ipc-channels.js';

/**
 * The only place `ipcMain` is used: registers one handler per contract call. Each invocation is
 * refused unless it comes from our own window's main frame loaded from our own files; arguments are
 * checked against the contract's schema by `dispatchCall`. Returns a function that removes them all.
 */
export function registerContractHandlers(handlers: Handlers, isTrustedSender: (event: IpcMainInvokeEvent) => boolean): () => void {
  const names = Object.keys(calls) as CallName[];
  for (const name of names) {
    ipcMain.handle(`${CALL_CHANNEL_PREFIX}${name}`, async (event, rawArgs: unknown) => {
      if (!isTrustedSender(event)) return failedReply('unauthorized');
      return dispatchCall(handlers, name, rawArgs);
    });
  }
  return () => {
    for (const name of names) ipcMain.removeHandler(`${CALL_CHANNEL_PREFIX}${name}`);
  };
}

/** Sends one contract event to a window, if it is still open. */
export function sendEvent(contents: WebContents, event: AppEvent): void {
  if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, event);
}
