/**
 * Worker thread for the built-in Local sandbox: the local Target that the default connection talks to
 * runs here, on its own event loop, so ingesting a 500,000-row batch (decoding, the profile store) never
 * holds up the app's main thread. Speaks the request/reply envelope of worker-protocol.ts.
 */
import { parentPort } from 'node:worker_threads';
import { startSandbox, type RunningSandbox } from '../../sandbox/index.js';
import { serveWorker } from './worker-protocol.js';
import { lowerThreadPriority } from './thread-priority.js';

/** The sandbox worker's methods: start one sandbox over a data folder, and close it. */
export interface SandboxWorkerApi {
  [method: string]: (args: never) => Promise<unknown>;
  start(args: { dataDir: string }): Promise<{ baseUrl: string; adminKey: string }>;
  close(args: Record<string, never>): Promise<void>;
}

if (parentPort) {
  // Background work: when the CPU is short, the main thread (the window's calls) goes first.
  lowerThreadPriority();
  let running: RunningSandbox | null = null;
  serveWorker<SandboxWorkerApi, never>(parentPort, {
    async start({ dataDir }) {
      running ??= await startSandbox({ dataDir, port: 0 });
      return { baseUrl: running.baseUrl, adminKey: running.adminKey };
    },
    async close() {
      await running?.close();
      running = null;
    },
  });
}
