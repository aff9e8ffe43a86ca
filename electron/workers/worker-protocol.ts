import type { MessagePort } from 'node:worker_threads';
import type { Worker } from 'node:worker_threads';
import { AppCallError, type AppError } from '../../shared/contract/errors.js';
import type { Reply } from '../../shared/contract/reply.js';

/** A request to a worker: `id` pairs it with its reply. */
export interface WorkerRequest<M extends string = string, A = unknown> {
  readonly kind: 'request';
  readonly id: number;
  readonly method: M;
  readonly args: A;
}
/** A worker's reply to one request: the contract's reply envelope, paired with its request by `id`. */
export type WorkerReply = { readonly kind: 'reply'; readonly id: number } & Reply;

/**
 * A thrown value as it crosses the thread boundary: an AppCallError keeps its code and params; anything
 * else becomes `internal`, its message kept for the log only.
 */
export function toWorkerError(error: unknown): AppError {
  if (error instanceof AppCallError) return error.toJSON();
  return { code: 'internal', message: error instanceof Error ? error.message : String(error), params: {} };
}

/** The error a worker's failure is rethrown as on the parent's side: the AppCallError, or an `internal` Error with the worker's message. */
export function fromWorkerError(error: AppError): Error {
  return error.code === 'internal' ? Object.assign(new Error(error.message), { code: 'internal' }) : AppCallError.from(error);
}
/** An unsolicited event from a worker (progress, completion…). */
export interface WorkerEvent<E = unknown> {
  readonly kind: 'event';
  readonly event: E;
}

type Method<A, R> = (args: A) => Promise<R>;

/**
 * The parent's side of a worker: `call` sends a typed request and resolves with its reply (rejects
 * with the worker's AppCallError, an `internal` Error, or `worker-crashed`/`worker-exited` when the
 * worker dies); `onEvent` receives events.
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
      else waiter.reject(fromWorkerError(message.error));
    });
    const failAll = (error: Error) => {
      for (const waiter of this.pending.values()) waiter.reject(error);
      this.pending.clear();
    };
    worker.on('error', (error) => failAll(new AppCallError('worker-crashed', { detail: error.message })));
    worker.on('exit', (code) => failAll(new AppCallError('worker-exited', { exitCode: code })));
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
 * The worker's side: answers requests with the matching method of `api` (an AppCallError keeps its
 * code and params; other errors become `internal`) and returns a function that posts events.
 */
export function serveWorker<Api extends Record<string, Method<never, unknown>>, E>(port: MessagePort, api: Api): (event: E) => void {
  port.on('message', async (message: WorkerRequest) => {
    if (message?.kind !== 'request') return;
    const method = api[message.method] as Method<unknown, unknown> | undefined;
    try {
      if (!method) throw new Error(`Unknown worker method ${message.method}`);
      const value = await method(message.args);
      port.postMessage({ kind: 'reply', id: message.id, ok: true, value } satisfies WorkerReply);
    } catch (error) {
      port.postMessage({ kind: 'reply', id: message.id, ok: false, error: toWorkerError(error) } satisfies WorkerReply);
    }
  });
  return (event: E) => port.postMessage({ kind: 'event', event } satisfies WorkerEvent<E>);
}
