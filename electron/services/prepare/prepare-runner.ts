import { AppCallError } from '../../../shared/contract/errors.js';
import { spawnWorker, workerEntry } from '../../workers/spawn-worker.js';
import type { PrepareWorkerApi, PrepareWorkerEvent } from '../../workers/prepare-worker.js';
import { WorkerClient } from '../../workers/worker-protocol.js';
import type { PrepareProgress, PrepareRequest } from './prepare-types.js';
import type { PackedPrepareResult } from './packed-issues.js';

/**
 * Runs one prepare job in a fresh worker thread and resolves with its result, row issues packed
 * (packed-issues.ts: the main thread unpacks only the rows it shows). Rejects with the
 * pipeline's AppCallError (e.g. `empty-file`, `mapping-column-missing`, `cancelled`), `worker-crashed`,
 * or an Error with code `internal` for anything unexpected; aborting the signal cancels the job and
 * rejects with `cancelled`. The worker always stops before this settles.
 */
export async function prepareInWorker(request: PrepareRequest, opts: { signal?: AbortSignal; onProgress?: (p: PrepareProgress) => void } = {}): Promise<PackedPrepareResult> {
  const client = new WorkerClient<PrepareWorkerApi, PrepareWorkerEvent>(spawnWorker(workerEntry('prepare-worker')), (event) => {
    if (event.type === 'progress') opts.onProgress?.(event.progress);
  });
  const onAbort = (): void => {
    void client.call('cancel', {}).catch(() => undefined);
  };
  if (opts.signal?.aborted) {
    await client.terminate();
    throw new AppCallError('cancelled', { variant: 'prepare' });
  }
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await client.call('prepare', request);
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    await client.terminate();
  }
}
