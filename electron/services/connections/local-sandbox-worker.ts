import { spawnWorker, workerEntry } from '../../workers/spawn-worker.js';
import type { SandboxWorkerApi } from '../../workers/sandbox-worker.js';
import { WorkerClient } from '../../workers/worker-protocol.js';
import type { LocalSandbox } from './connection-service.js';

/**
 * Starts the built-in Local sandbox over `dataDir` in a worker thread (sandbox-worker.ts) and resolves
 * once it listens; `close()` stops it and its worker. The worker does not keep an otherwise finished
 * process alive. Rejects with the sandbox's error (the worker is stopped then).
 */
export async function startSandboxInWorker(dataDir: string): Promise<LocalSandbox> {
  const worker = spawnWorker(workerEntry('sandbox-worker'));
  const client = new WorkerClient<SandboxWorkerApi, never>(worker, () => undefined);
  try {
    const { baseUrl, adminKey } = await client.call('start', { dataDir });
    // Like a listening server, it serves while the app runs but holds no process open by itself.
    worker.unref();
    let closed: Promise<void> | undefined;
    return {
      baseUrl,
      adminKey,
      close: () =>
        (closed ??= (async () => {
          worker.ref();
          try {
            await client.call('close', {});
          } finally {
            await client.terminate();
          }
        })()),
    };
  } catch (error) {
    await client.terminate();
    throw error;
  }
}
