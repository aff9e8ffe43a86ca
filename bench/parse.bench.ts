// `npm run bench -- parse`: bare parse time of our reader over 1,000,000 rows × 10 columns, side by
// side with raw papaparse over the same file. Set PARSE_BENCH_ROWS to change the row count.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeBigCsv } from './data/make-big-csv.js';
import { timePapaparse, timeReader } from './data/parse-timers.js';

/** Generates the file, times both passes (reader last so the page cache favours neither), prints key: value lines. */
export async function run(): Promise<void> {
  const rows = Number(process.env.PARSE_BENCH_ROWS ?? 1_000_000);
  const dir = await mkdtemp(join(tmpdir(), 'parse-bench-'));
  try {
    const file = await makeBigCsv(join(dir, 'big.csv'), rows, { seed: 1 });
    console.log(`file_mb: ${(file.bytes / 1e6).toFixed(1)}`);
    console.log(`rows: ${rows}`);
    await timePapaparse(file.path); // warm the page cache
    const papa = await timePapaparse(file.path);
    const reader = await timeReader(file.path);
    if (reader.rows !== rows) throw new Error(`reader returned ${reader.rows} rows, expected ${rows}`);
    const rssBefore = process.memoryUsage().rss;
    console.log(`papaparse_seconds: ${papa.seconds.toFixed(2)}`);
    console.log(`bare_parse_seconds: ${reader.seconds.toFixed(2)}`);
    console.log(`reader_vs_papaparse_ratio: ${(papa.seconds / reader.seconds).toFixed(2)}`);
    console.log(`rss_mb_after: ${(rssBefore / 1e6).toFixed(0)}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
