/**
 * Worker thread for one prepare run: read → map → validate → encode → write batches, off the main
 * thread. Speaks the request/reply/event envelope of worker-protocol.ts; `cancel` aborts a running job.
 */
import { parentPort } from 'node:worker_threads';
import { runPrepare } from '../services/prepare/prepare-pipeline.js';
import type { PrepareProgress, PrepareRequest } from '../services/prepare/prepare-types.js';
import { packPrepareResult, type PackedPrepareResult } from '../services/prepare/packed-issues.js';
import { serveWorker } from './worker-protocol.js';
import { lowerThreadPriority } from './thread-priority.js';

/** Events the prepare worker posts: progress of the running job. */
export type PrepareWorkerEvent = { readonly type: 'progress'; readonly progress: PrepareProgress };

/** The prepare worker's methods. */
export interface PrepareWorkerApi {
  [method: string]: (args: never) => Promise<unknown>;
  /** The run's result, its row issues packed (a Review of a large file can have hundreds of thousands). */
  prepare(args: PrepareRequest): Promise<PackedPrepareResult>;
  cancel(args: Record<string, never>): Promise<void>;
}

if (parentPort) {
  // Background work: when the CPU is short, the main thread (the window's calls) goes first.
  lowerThreadPriority();
  let abort = new AbortController();
  let lastPost = 0;
  const post = serveWorker<PrepareWorkerApi, PrepareWorkerEvent>(parentPort, {
    async prepare(request) {
      abort = new AbortController();
      const result = await runPrepare(request, {
        signal: abort.signal,
        onProgress: (progress) => {
          const now = Date.now();
          if (progress.stage === 'reading' && now - lastPost < 100) return;
          lastPost = now;
          post({ type: 'progress', progress });
        },
      });
      return packPrepareResult(result);
    },
    async cancel() {
      abort.abort();
    },
  });
}
