// `npm run bench -- parse`: bare parse time of our reader over 1,000,000 rows × 10 columns, side by
// side with raw papaparse over the same file. Set PARSE_BENCH_ROWS to change the row count.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeBigCsv } from './data/make-big-csv.js';
import { timePapaparse, timeReader } from './data/parse-timers.js';

/** Generates the file, times both passes interleaved (PARSE_BENCH_ROUNDS, default 3; best of each), prints key: value lines. */
export async function run(): Promise<void> {
  const rows = Number(process.env.PARSE_BENCH_ROWS ?? 1_000_000);
  const dir = await mkdtemp(join(tmpdir(), 'parse-bench-'));
  try {
    const file = await makeBigCsv(join(dir, 'big.csv'), rows, { seed: 1 });
    console.log(`file_mb: ${(file.bytes / 1e6).toFixed(1)}`);
    console.log(`rows: ${rows}`);
    const rounds = Math.max(1, Number(process.env.PARSE_BENCH_ROUNDS ?? 3));
    await timePapaparse(file.path); // warm the page cache
    let papa = Infinity;
    let reader = Infinity;
    let papaCpu = Infinity;
    let readerCpu = Infinity;
    // Interleaved rounds, best of each: other load on the machine hits both sides alike.
    for (let i = 0; i < rounds; i++) {
      const raw = await timePapaparse(file.path);
      papa = Math.min(papa, raw.seconds);
      papaCpu = Math.min(papaCpu, raw.cpuSeconds);
      const pass = await timeReader(file.path);
      if (pass.rows !== rows) throw new Error(`reader returned ${pass.rows} rows, expected ${rows}`);
      reader = Math.min(reader, pass.seconds);
      readerCpu = Math.min(readerCpu, pass.cpuSeconds);
    }
    console.log(`papaparse_seconds: ${papa.toFixed(2)}`);
    console.log(`bare_parse_seconds: ${reader.toFixed(2)}`);
    console.log(`reader_vs_papaparse_ratio: ${(papa / reader).toFixed(2)}`);
    console.log(`papaparse_cpu_seconds: ${papaCpu.toFixed(2)}`);
    console.log(`bare_parse_cpu_seconds: ${readerCpu.toFixed(2)}`);
    console.log(`reader_vs_papaparse_cpu_ratio: ${(papaCpu / readerCpu).toFixed(2)}`);
    console.log(`rss_mb_after: ${(process.memoryUsage().rss / 1e6).toFixed(0)}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
