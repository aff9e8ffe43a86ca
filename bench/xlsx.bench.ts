// `npm run bench -- xlsx`: full prepare (the path of `prepare` and the CLI's `validate`: open, read,
// map, validate, encode, write batches) of one generated 1,000,000-row × 10-column table written twice,
// as the .csv of `npm run bench -- prepare` and as an Excel workbook of the same cells (shared strings,
// numbers, dates with a number format; bench/data/make-big-xlsx.ts), side by side. Every pass runs in a
// fresh child process so its peak RSS (getrusage maxrss) is its own.
//
// CSV and xlsx passes alternate (XLSX_BENCH_ROUNDS rounds, default 5): the speed of this shared machine
// drifts within a minute, so the ratio is taken within each round and `xlsx_vs_csv_prepare_ratio` is the
// median of the per-round ratios; the seconds printed are the fastest pass of each kind. CPU seconds
// (user + system, all threads) are printed beside them: less disturbed by other work on the machine.
// Both files must give the same rows, valid rows and batch bytes, or the bench stops: the workbook shows
// exactly the CSV's cells. XLSX_BENCH_ROWS changes the row count.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeBigCsv } from './data/make-big-csv.js';
import { makeBigXlsx } from './data/make-big-xlsx.js';
import { childPass, median } from './data/child-pass.js';

const child = fileURLToPath(new URL('./data/prepare-child.ts', import.meta.url));

interface ChildResult {
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly rows: number;
  readonly maxRssMb: number;
  readonly valid?: number;
  readonly bytes?: number;
}

const prepare = (file: string, outDir: string): Promise<ChildResult> => childPass<ChildResult>(child, 'prepare', file, outDir);

/** Prints the CSV and xlsx prepare times, their ratio and the xlsx pass's peak RSS as `key: value` lines. */
export async function run(): Promise<void> {
  const rows = Number(process.env.XLSX_BENCH_ROWS ?? 1_000_000);
  const rounds = Math.max(1, Number(process.env.XLSX_BENCH_ROUNDS ?? 5));
  const dir = await mkdtemp(join(tmpdir(), 'xlsx-bench-'));
  try {
    const csv = await makeBigCsv(join(dir, 'big.csv'), rows, { seed: 1 });
    const xlsx = await makeBigXlsx(join(dir, 'big.xlsx'), rows, { seed: 1 });
    console.log(`rows: ${rows}`);
    console.log(`csv_file_mb: ${(csv.bytes / 1e6).toFixed(1)}`);
    console.log(`xlsx_file_mb: ${(xlsx.bytes / 1e6).toFixed(1)}`);
    const out = join(dir, 'out');
    await prepare(csv.path, out); // warm the page cache and the tsx cache
    const csvPasses: ChildResult[] = [];
    const xlsxPasses: ChildResult[] = [];
    for (let i = 0; i < rounds; i++) {
      const c = await prepare(csv.path, out);
      const x = await prepare(xlsx.path, out);
      if (c.rows !== rows || x.rows !== rows || c.valid !== x.valid || c.bytes !== x.bytes) {
        throw new Error(`the two files prepared differently: csv ${JSON.stringify(c)}, xlsx ${JSON.stringify(x)}`);
      }
      csvPasses.push(c);
      xlsxPasses.push(x);
    }
    const fastest = (passes: readonly ChildResult[], key: 'seconds' | 'cpuSeconds'): number => Math.min(...passes.map((p) => p[key]));
    console.log(`csv_prepare_cpu_seconds: ${fastest(csvPasses, 'cpuSeconds').toFixed(2)}`);
    console.log(`xlsx_prepare_cpu_seconds: ${fastest(xlsxPasses, 'cpuSeconds').toFixed(2)}`);
    console.log(`xlsx_vs_csv_prepare_cpu_ratio: ${median(xlsxPasses.map((x, i) => x.cpuSeconds / csvPasses[i]!.cpuSeconds)).toFixed(2)}`);
    console.log(`xlsx_vs_csv_prepare_ratio_rounds: ${xlsxPasses.map((x, i) => (x.seconds / csvPasses[i]!.seconds).toFixed(2)).join(' ')}`);
    console.log(`peak_rss_mb_xlsx_1m_passes: ${xlsxPasses.map((p) => Math.round(p.maxRssMb)).join(' ')}`);
    console.log(`peak_rss_mb_csv_1m: ${Math.round(median(csvPasses.map((p) => p.maxRssMb)))}`);
    console.log(`xlsx_prepare_seconds: ${fastest(xlsxPasses, 'seconds').toFixed(2)}`);
    console.log(`csv_prepare_seconds: ${fastest(csvPasses, 'seconds').toFixed(2)}`);
    console.log(`xlsx_vs_csv_prepare_ratio: ${median(xlsxPasses.map((x, i) => x.seconds / csvPasses[i]!.seconds)).toFixed(2)}`);
    console.log(`peak_rss_mb_xlsx_1m: ${Math.round(median(xlsxPasses.map((p) => p.maxRssMb)))}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
