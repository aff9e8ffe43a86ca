// Background workers step aside for the main thread: the nice value is the worker thread's own, and the
// main thread keeps its priority.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { spawnWorker } from './spawn-worker.js';

/** The nice value of one thread of this process. */
function niceOf(tid: number): number {
  const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
}

describe.runIf(process.platform === 'linux')('lowerThreadPriority', () => {
  it('lowers the worker thread only', async () => {
    const before = niceOf(process.pid);
    const worker = spawnWorker(new URL('./testing/lowered-worker.ts', import.meta.url));
    try {
      const { lowered, tid } = await new Promise<{ lowered: boolean; tid: number }>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      expect(lowered).toBe(true);
      expect(niceOf(tid)).toBe(10);
      expect(niceOf(process.pid)).toBe(before);
    } finally {
      await worker.terminate();
    }
  });
});
