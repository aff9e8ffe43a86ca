import type { AppApi, AppEvent, CallName } from '../../shared/contract/index.js';
import { calls } from '../../shared/contract/index.js';
import type { ClientApi } from './client-api.js';
import { toCallError } from './call-error.js';

type Reply = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

/**
 * Browser mode: calls go to `POST api/call/NAME` (JSON) relative to the page, on the loopback host that
 * served it (the access cookie, scoped to the page's path, rides along); events arrive over one
 * EventSource; files are streamed to `api/upload` as application/octet-stream.
 */
export function createBrowserApi(): ClientApi {
  const listeners = new Set<(event: AppEvent) => void>();
  let source: EventSource | undefined;

  const ensureEvents = () => {
    if (source) return;
    source = new EventSource('api/events');
    source.onmessage = (message) => {
      const event = JSON.parse(message.data as string) as AppEvent;
      for (const listener of listeners) listener(event);
    };
  };

  const invoke = async (name: CallName, args: unknown): Promise<unknown> => {
    const response = await fetch(`api/call/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(args ?? {}),
    });
    if (response.status === 401 || response.status === 403) {
      throw toCallError({ code: 'unauthorized', message: await response.text() });
    }
    const reply = (await response.json()) as Reply;
    if (!reply.ok) throw toCallError(reply.error);
    return reply.value;
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
        xhr.open('POST', `api/upload?name=${encodeURIComponent(file.name)}`);
        xhr.setRequestHeader('content-type', 'application/octet-stream');
        xhr.upload.onprogress = (e) => onProgress?.(e.loaded, e.total);
        xhr.onload = () => {
          try {
            const reply = JSON.parse(xhr.responseText) as Reply;
            if (reply.ok) resolve((reply.value as { path: string }).path);
            else reject(toCallError(reply.error));
          } catch {
            reject(toCallError({ code: 'upload-interrupted', message: 'The file did not arrive completely.' }));
          }
        };
        xhr.onerror = () => reject(toCallError({ code: 'upload-interrupted', message: 'The file did not arrive completely.' }));
        xhr.send(file);
      });
    },
  };
}
