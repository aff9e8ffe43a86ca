// Timed passes over a CSV file, shared by the parse and prepare benchmarks.
import { createReadStream } from 'node:fs';
import Papa from 'papaparse';
import { openTable } from '../../electron/io/open-table.js';
import { readTable } from '../../electron/io/read-table.js';

export interface PassResult {
  readonly seconds: number;
  readonly rows: number;
}

/** Raw papaparse over a Node stream (`step`, rows as arrays, no header mode); rows counts every record. */
export async function timePapaparse(path: string): Promise<PassResult> {
  const started = performance.now();
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
  return { seconds: (performance.now() - started) / 1000, rows };
}

/** Our reader (openTable + readTable: detection, decoding, line ends, parsing, notes); rows counts data rows. */
export async function timeReader(path: string): Promise<PassResult> {
  const started = performance.now();
  const info = await openTable(path);
  let rows = 0;
  for await (const chunk of readTable(path, info)) rows += chunk.rows.length;
  return { seconds: (performance.now() - started) / 1000, rows };
}
