import { Worker } from 'node:worker_threads';

const bootstrap = new URL('./worker-bootstrap.mjs', import.meta.url);

/**
 * Starts a worker thread running the module at `entry` (a file URL next to the caller). Works from
 * source (a `.ts` entry: the bootstrap registers tsx inside the worker, so it runs under vitest and
 * tsx alike) and from built output (a `.js` entry loads directly).
 */
export function spawnWorker(entry: URL, workerData?: unknown): Worker {
  if (entry.pathname.endsWith('.ts')) {
    return new Worker(bootstrap, { workerData: { entry: entry.href, data: workerData } });
  }
  return new Worker(entry, { workerData: { entry: entry.href, data: workerData } });
}
