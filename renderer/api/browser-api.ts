import type { AppApi, AppEvent, CallName, Reply } from '../../shared/contract/index.js';
import { AppCallError, calls, unwrapReply } from '../../shared/contract/index.js';
import type { ClientApi } from './client-api.js';

/**
 * Browser mode: calls go to `POST /api/call/NAME` on the loopback host that served the page (the
 * access cookie rides along), events arrive over one EventSource, files are streamed to `/api/upload`.
 */
export function createBrowserApi(): ClientApi {
  const listeners = new Set<(event: AppEvent) => void>();
  let source: EventSource | undefined;

  const ensureEvents = () => {
    if (source) return;
    source = new EventSource('/api/events');
    source.onmessage = (message) => {
      const event = JSON.parse(message.data as string) as AppEvent;
      for (const listener of listeners) listener(event);
    };
  };

  const invoke = async (name: CallName, args: unknown): Promise<unknown> => {
    const response = await fetch(`/api/call/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(args ?? {}),
    });
    if (response.status === 401 || response.status === 403) throw new AppCallError('unauthorized');
    return unwrapReply((await response.json()) as Reply);
  };

  const call = Object.fromEntries(
    (Object.keys(calls) as CallName[]).map((name) => [name, (args: unknown) => invoke(name, args)]),
  ) as unknown as AppApi;

  return {
    host: 'browser',
    call,
    subscribe(listener) {
      ensureEvents();
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    pathForFile(file, onProgress) {
      return new Promise((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open('POST', `/api/upload?name=${encodeURIComponent(file.name)}`);
        xhr.upload.onprogress = (e) => onProgress?.(e.loaded, e.total);
        xhr.onload = () => {
          try {
            resolve(unwrapReply(JSON.parse(xhr.responseText) as Reply<{ path: string }>).path);
          } catch (error) {
            // A body that is not a reply means the upload was cut short.
            reject(error instanceof AppCallError ? error : new AppCallError('upload-interrupted'));
          }
        };
        xhr.onerror = () => reject(new AppCallError('upload-interrupted'));
        xhr.send(file);
      });
    },
  };
}
