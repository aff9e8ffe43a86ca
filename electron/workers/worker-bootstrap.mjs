// Worker entry when running from TypeScript source: registers tsx's loader inside this thread (vitest's
// and tsx's own loaders are not inherited by workers in every runner), then loads the real entry.
import { workerData } from 'node:worker_threads';

const entry = workerData.entry;
if (entry.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(entry);
