import type { AppEvent } from '../../shared/contract/index.js';
import { TOKEN_HEADER } from '../../electron/web/access-guard.js';
import type { AppHost } from './app-host.js';

/** The host's event stream as the test process receives it: independent of the page, so a busy page cannot delay it. */
export interface HostEvents {
  /** Resolves with the first event of this `type` (at once if one already came). */
  waitFor(type: AppEvent['type']): Promise<AppEvent>;
  /** True once an event of this `type` has come. */
  seen(type: AppEvent['type']): boolean;
  close(): void;
}

/** Connects to `GET /api/events` with the run's access key; resolves once the stream is open. */
export async function watchHostEvents(host: AppHost): Promise<HostEvents> {
  const token = new URL(host.url).searchParams.get('token') ?? '';
  const abort = new AbortController();
  const response = await fetch(`${host.origin}/api/events`, { headers: { [TOKEN_HEADER]: token }, signal: abort.signal });
  if (!response.ok || !response.body) throw new Error(`The event stream did not open (${response.status}).`);
  const received: AppEvent[] = [];
  const waiters = new Set<() => void>();
  void (async () => {
    const decoder = new TextDecoder();
    let buffered = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffered += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffered.indexOf('\n\n')) !== -1) {
          const message = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          const data = message.split('\n').find((line) => line.startsWith('data: '));
          if (data) received.push(JSON.parse(data.slice('data: '.length)) as AppEvent);
        }
        for (const wake of [...waiters]) wake();
      }
    } catch {
      // Closed by `close()` or by the host stopping.
    }
  })();
  const find = (type: AppEvent['type']) => received.find((event) => event.type === type);
  return {
    waitFor: (type) =>
      new Promise((resolve) => {
        const check = () => {
          const event = find(type);
          if (!event) return;
          waiters.delete(check);
          resolve(event);
        };
        waiters.add(check);
        check();
      }),
    seen: (type) => find(type) !== undefined,
    close: () => abort.abort(),
  };
}
