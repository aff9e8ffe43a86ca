import type { Worker } from 'node:worker_threads';
import { AppCallError } from '../../shared/contract/errors.js';
import { WriteFailedError } from '../store/write-failure.js';
import type { JobDataWorkerApi } from './job-data-worker.js';
import { spawnWorker, workerEntry } from './spawn-worker.js';
import { WorkerClient } from './worker-protocol.js';

/** How long an idle job-data worker is kept for the next call (verification asks once per batch). */
const IDLE_MS = 10_000;

type Method = keyof JobDataWorkerApi & string;
type Args<K extends Method> = Parameters<JobDataWorkerApi[K]>[0];
type Result<K extends Method> = Awaited<ReturnType<JobDataWorkerApi[K]>>;

let shared: { client: WorkerClient<JobDataWorkerApi, never>; worker: Worker; pending: number; idle: NodeJS.Timeout | null } | null = null;

function acquire(): NonNullable<typeof shared> {
  if (shared === null) {
    const worker = spawnWorker(workerEntry('job-data-worker'));
    const entry = { client: new WorkerClient<JobDataWorkerApi, never>(worker, () => undefined), worker, pending: 0, idle: null as NodeJS.Timeout | null };
    // A worker that died (crash, out of memory) is replaced on the next call.
    worker.once('exit', () => {
      if (shared === entry) shared = null;
    });
    shared = entry;
  }
  if (shared.idle !== null) clearTimeout(shared.idle);
  shared.idle = null;
  shared.pending++;
  // While a call is pending the worker keeps the process alive (the CLI awaits it); idle, it does not.
  shared.worker.ref();
  return shared;
}

function release(entry: NonNullable<typeof shared>): void {
  entry.pending--;
  if (entry.pending > 0 || shared !== entry) return;
  entry.worker.unref();
  entry.idle = setTimeout(() => {
    if (shared === entry && entry.pending === 0) {
      shared = null;
      void entry.client.terminate();
    }
  }, IDLE_MS);
  entry.idle.unref();
}

/** A write error as the worker sent it, made the WriteFailedError callers test for again. */
function restore(error: unknown): unknown {
  if (!(error instanceof AppCallError) || (error.code !== 'disk-full' && error.code !== 'write-failed')) return error;
  const params = error.params as { path?: string; errno?: string };
  return new WriteFailedError(params.path ?? '', params.errno ?? (error.code === 'disk-full' ? 'ENOSPC' : ''));
}

/**
 * Runs `method` of the job-data worker (job-data-worker.ts) off the main thread and resolves with its
 * value. One worker serves every call of the process (started on demand, stopped after IDLE_MS idle,
 * never keeping an idle process alive). Rejects with what the work throws — a WriteFailedError stays a
 * WriteFailedError, an AppCallError keeps its code — or `worker-crashed` / `out-of-memory` when the
 * worker dies (the next call starts a new one).
 */
export async function inJobDataWorker<K extends Method>(method: K, args: Args<K>): Promise<Result<K>> {
  const entry = acquire();
  try {
    return await entry.client.call(method, args);
  } catch (error) {
    throw restore(error);
  } finally {
    release(entry);
  }
}

/** Stops the shared worker now (tests, shutdown); calls in flight reject with `worker-exited`. */
export async function stopJobDataWorker(): Promise<void> {
  const entry = shared;
  shared = null;
  if (entry?.idle) clearTimeout(entry.idle);
  await entry?.client.terminate();
}
