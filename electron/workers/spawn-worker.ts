import { Worker } from 'node:worker_threads';

const bootstrap = new URL('./worker-bootstrap.mjs', import.meta.url);

/**
 * The entry of the app's worker `name` (the module `electron/workers/<name>.ts`). From source it is that
 * module, beside this one. In the built app esbuild has put this code inside the main process's bundle
 * (dist/electron/main/index.js) or a worker's (dist/electron/workers/*.js), and the workers are built
 * to dist/electron/workers/<name>.js: from either, that is `../workers/<name>.js`. (A path relative to
 * the calling module, as callers once wrote, points outside dist/electron/ once bundled.) `from` is
 * this module's URL; tests pass another.
 */
export function workerEntry(name: string, from: string = import.meta.url): URL {
  return from.endsWith('.ts') ? new URL(`./${name}.ts`, from) : new URL(`../workers/${name}.js`, from);
}

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
