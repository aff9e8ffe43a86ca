import type { MessagePort } from 'node:worker_threads';
import type { Worker } from 'node:worker_threads';
import { WORKER_HEAP_MB } from './spawn-worker.js';

/** A request to a worker: `id` pairs it with its reply. */
export interface WorkerRequest<M extends string = string, A = unknown> {
  readonly kind: 'request';
  readonly id: number;
  readonly method: M;
  readonly args: A;
}
/** A worker's reply to one request. */
export type WorkerReply =
  | { readonly kind: 'reply'; readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly kind: 'reply'; readonly id: number; readonly ok: false; readonly error: WorkerError };

/** A failure as it crosses the thread boundary: a stable code, English text, and Korean text when the thrower had it. */
export interface WorkerError {
  readonly code: string;
  readonly message: string;
  readonly messageKo?: string;
}

/** The code and texts of any thrown value (errors without a string `code` become `internal`). */
export function toWorkerError(error: unknown): WorkerError {
  const code = typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : 'internal';
  const message = error instanceof Error ? error.message : String(error);
  const messageKo = (error as { messageKo?: unknown })?.messageKo;
  return typeof messageKo === 'string' ? { code, message, messageKo } : { code, message };
}
/** An unsolicited event from a worker (progress, completion…). */
export interface WorkerEvent<E = unknown> {
  readonly kind: 'event';
  readonly event: E;
}

type Method<A, R> = (args: A) => Promise<R>;

/**
 * The parent's side of a worker: `call` sends a typed request and resolves with its reply (rejects
 * with an Error carrying `code` on failure, or when the worker dies); `onEvent` receives events.
 */
export class WorkerClient<Api extends Record<string, Method<never, unknown>>, E> {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  constructor(
    private readonly worker: Worker,
    onEvent: (event: E) => void,
  ) {
    worker.on('message', (message: WorkerReply | WorkerEvent<E>) => {
      if (message.kind === 'event') {
        onEvent(message.event);
        return;
      }
      const waiter = this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id);
      if (message.ok) waiter.resolve(message.value);
      else waiter.reject(Object.assign(new Error(message.error.message), message.error));
    });
    const failAll = (error: Error) => {
      for (const waiter of this.pending.values()) waiter.reject(error);
      this.pending.clear();
    };
    worker.on('error', (error) => {
      if ((error as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
        failAll(Object.assign(new Error(`This file needed more than ${WORKER_HEAP_MB} MB of memory, so reading it was stopped. Export it as CSV, or split it into smaller files.`), { code: 'out-of-memory' }));
      } else failAll(Object.assign(error, { code: 'worker-crashed' }));
    });
    worker.on('exit', (code) => failAll(Object.assign(new Error(`The background worker stopped (exit ${code}).`), { code: 'worker-exited' })));
  }

  /** Sends one request; resolves with the worker's value or rejects with its error. */
  call<K extends keyof Api & string>(method: K, args: Parameters<Api[K]>[0]): Promise<Awaited<ReturnType<Api[K]>>> {
    const id = this.nextId++;
    const request: WorkerRequest = { kind: 'request', id, method, args };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage(request);
    });
  }

  /** Stops the worker; pending calls reject. */
  async terminate(): Promise<void> {
    await this.worker.terminate();
  }
}

/**
 * The worker's side: answers requests with the matching method of `api` (errors with a `code`
 * property keep it; others become `internal`) and returns a function that posts events.
 */
export function serveWorker<Api extends Record<string, Method<never, unknown>>, E>(port: MessagePort, api: Api): (event: E) => void {
  port.on('message', async (message: WorkerRequest) => {
    if (message?.kind !== 'request') return;
    const method = api[message.method] as Method<unknown, unknown> | undefined;
    try {
      if (!method) throw Object.assign(new Error(`Unknown worker method ${message.method}`), { code: 'internal' });
      const value = await method(message.args);
      port.postMessage({ kind: 'reply', id: message.id, ok: true, value } satisfies WorkerReply);
    } catch (error) {
      port.postMessage({ kind: 'reply', id: message.id, ok: false, error: toWorkerError(error) } satisfies WorkerReply);
    }
  });
  return (event: E) => port.postMessage({ kind: 'event', event } satisfies WorkerEvent<E>);
}
