// Timed passes over a CSV file, shared by the parse and prepare benchmarks.
import { createReadStream } from 'node:fs';
import Papa from 'papaparse';
import { openTable } from '../../electron/io/open-table.js';
import { readTable } from '../../electron/io/read-table.js';

export interface PassResult {
  /** Wall-clock seconds. */
  readonly seconds: number;
  /** CPU seconds (user + system) of the whole process during the pass: steadier than wall time on a busy machine. */
  readonly cpuSeconds: number;
  readonly rows: number;
}

function cpuSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

/** Raw papaparse over a Node stream (`step`, rows as arrays, no header mode); rows counts every record. */
export async function timePapaparse(path: string): Promise<PassResult> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  let rows = 0;
  await new Promise<void>((resolve, reject) => {
    Papa.parse(createReadStream(path, { encoding: 'utf8', highWaterMark: 256 * 1024 }), {
      step: () => {
        rows++;
      },
      complete: () => resolve(),
      error: (e: Error) => reject(e),
    });
  });
  return { seconds: (performance.now() - started) / 1000, cpuSeconds: cpuSince(cpu), rows };
}

/** Our reader (openTable + readTable: detection, decoding, line ends, parsing, notes); rows counts data rows. */
export async function timeReader(path: string): Promise<PassResult> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const info = await openTable(path);
  let rows = 0;
  for await (const chunk of readTable(path, info)) rows += chunk.rows.length;
  return { seconds: (performance.now() - started) / 1000, cpuSeconds: cpuSince(cpu), rows };
}
