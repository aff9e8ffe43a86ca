import { Worker } from 'node:worker_threads';

const bootstrap = new URL('./worker-bootstrap.mjs', import.meta.url);

/** A worker's heap cap: a file that would need more stops its worker (ERR_WORKER_OUT_OF_MEMORY), never the app. */
export const WORKER_HEAP_MB = 1024;

/** Every worker runs within these limits (the readers' own limits keep real use far below them). */
const RESOURCE_LIMITS = { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: 64, stackSizeMb: 4 };

/**
 * Starts a worker thread running the module at `entry` (a file URL next to the caller) within
 * RESOURCE_LIMITS. Works from source (a `.ts` entry: the bootstrap registers tsx inside the worker, so
 * it runs under vitest and tsx alike) and from built output (a `.js` entry loads directly).
 */
export function spawnWorker(entry: URL, workerData?: unknown): Worker {
  const options = { workerData: { entry: entry.href, data: workerData }, resourceLimits: RESOURCE_LIMITS };
  return new Worker(entry.pathname.endsWith('.ts') ? bootstrap : entry, options);
}
