import { spawnWorker } from '../workers/spawn-worker.js';
import type { PrepareWorkerApi, PrepareWorkerEvent } from '../workers/prepare-worker.js';
import { WorkerClient } from '../workers/worker-protocol.js';
import { PrepareError, type PrepareProgress, type PrepareRequest, type PrepareResult } from './prepare-types.js';

/**
 * Runs one prepare job in a fresh worker thread and resolves with its result. Rejects with PrepareError
 * (the pipeline's code, e.g. `empty-file`, `mapping-column-missing`, `cancelled`); aborting the signal
 * cancels the job and rejects with code `cancelled`. The worker always stops before this settles.
 */
export async function prepareInWorker(request: PrepareRequest, opts: { signal?: AbortSignal; onProgress?: (p: PrepareProgress) => void } = {}): Promise<PrepareResult> {
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  const client = new WorkerClient<PrepareWorkerApi, PrepareWorkerEvent>(spawnWorker(new URL(`../workers/prepare-worker${ext}`, import.meta.url)), (event) => {
    if (event.type === 'progress') opts.onProgress?.(event.progress);
  });
  const onAbort = (): void => {
    void client.call('cancel', {}).catch(() => undefined);
  };
  if (opts.signal?.aborted) {
    await client.terminate();
    throw new PrepareError('cancelled', 'Preparing the file was cancelled.', '파일 준비가 취소되었습니다.');
  }
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await client.call('prepare', request);
  } catch (error) {
    const code = typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : 'internal';
    const message = error instanceof Error ? error.message : String(error);
    throw new PrepareError(code, message, messageKoFor(code, message));
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    await client.terminate();
  }
}

function messageKoFor(code: string, message: string): string {
  if (code === 'cancelled') return '파일 준비가 취소되었습니다.';
  return `파일을 준비하지 못했습니다: ${message}`;
}
