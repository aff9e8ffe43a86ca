import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { promisify } from 'node:util';

const run$ = promisify(execFile);

/** The median of `values` (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Runs one timed bench pass in a fresh Node process (`script mode file outDir`, under tsx), after
 * emptying `outDir`, and returns the JSON object its last stdout line prints. A fresh process per pass
 * makes each pass's peak RSS its own.
 */
export async function childPass<T>(script: string, mode: string, file: string, outDir: string): Promise<T> {
  await rm(outDir, { recursive: true, force: true });
  const { stdout } = await run$(process.execPath, ['--import', 'tsx', script, mode, file, outDir], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '') as T;
}
