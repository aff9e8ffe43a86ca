// `npm run bench -- prepare`: full prepare (read → decode → parse → map → validate → encode → write
// batches) of a deterministic 1,000,000-row × 10-column CSV, side by side with a bare papaparse parse of
// the same file, then peak RSS at 1,000,000 and 2,000,000 rows. Every timed pass runs in a fresh child
// process so its peak RSS (getrusage maxrss) is its own.
//
// Parse and prepare passes alternate (PREPARE_BENCH_ROUNDS rounds, default 5). The speed of a shared
// machine drifts, by up to half over tens of seconds, so the ratio is taken within each round (a parse
// and the prepare right after it) and `prepare_vs_parse_ratio` is the median of those per-round ratios;
// the seconds printed are the fastest pass of each kind, and their ratio is printed too
// (`prepare_vs_parse_ratio_fastest`).
//
// Peak RSS moves with when V8 happens to collect, so the memory figures are medians over passes (1M rows:
// the timed passes; 2M rows: PREPARE_BENCH_ROUNDS_2X passes, default 3), with every pass's peak printed
// beside them and the highest 1M peak on a line of its own. PREPARE_BENCH_ROWS changes the row count.
//
// PREPARE_BENCH_10M=1 adds one pass over ten times the rows (10,000,000 rows, about 1 GB; a few minutes,
// so CI leaves it out) and prints `peak_rss_mb_10m` and `rss_growth_10m_vs_1m` (goal ≤ 1.25).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeBigCsv } from './data/make-big-csv.js';
import { childPass, median } from './data/child-pass.js';

const child = fileURLToPath(new URL('./data/prepare-child.ts', import.meta.url));

interface ChildResult {
  readonly mode: string;
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly rows: number;
  readonly maxRssMb: number;
  readonly valid?: number;
}

const pass = (mode: 'papaparse' | 'prepare', file: string, outDir: string): Promise<ChildResult> => childPass<ChildResult>(child, mode, file, outDir);

/** Prints bare parse and prepare times, then the three target figures as `key: value` lines. */
export async function run(): Promise<void> {
  const rows = Number(process.env.PREPARE_BENCH_ROWS ?? 1_000_000);
  const dir = await mkdtemp(join(tmpdir(), 'prepare-bench-'));
  try {
    const small = await makeBigCsv(join(dir, 'big-1x.csv'), rows, { seed: 1 });
    console.log(`rows: ${rows}`);
    console.log(`file_mb: ${(small.bytes / 1e6).toFixed(1)}`);
    await pass('papaparse', small.path, join(dir, 'out')); // warm the page cache
    const parses: ChildResult[] = [];
    const prepares: ChildResult[] = [];
    const rounds = Math.max(1, Number(process.env.PREPARE_BENCH_ROUNDS ?? 5));
    for (let i = 0; i < rounds; i++) {
      parses.push(await pass('papaparse', small.path, join(dir, 'out')));
      const p = await pass('prepare', small.path, join(dir, 'out'));
      if (p.rows !== rows) throw new Error(`prepare read ${p.rows} rows, expected ${rows}`);
      prepares.push(p);
    }
    const parse = Math.min(...parses.map((p) => p.seconds));
    const prepare = Math.min(...prepares.map((p) => p.seconds));
    const rss1 = median(prepares.map((p) => p.maxRssMb));
    const parseCpu = Math.min(...parses.map((p) => p.cpuSeconds));
    const prepareCpu = Math.min(...prepares.map((p) => p.cpuSeconds));
    console.log(`bare_parse_seconds: ${parse.toFixed(2)}`);
    console.log(`prepare_seconds: ${prepare.toFixed(2)}`);
    // CPU seconds of the same passes: less disturbed than wall time when other work shares the cores.
    console.log(`bare_parse_cpu_seconds: ${parseCpu.toFixed(2)}`);
    console.log(`prepare_cpu_seconds: ${prepareCpu.toFixed(2)}`);
    console.log(`prepare_vs_parse_cpu_ratio: ${(parseCpu / prepareCpu).toFixed(2)}`);
    console.log(`prepare_valid_rows: ${prepares[0]!.valid ?? 0}`);
    await rm(small.path, { force: true });
    const big = await makeBigCsv(join(dir, 'big-2x.csv'), rows * 2, { seed: 1 });
    const doubles: ChildResult[] = [];
    for (let i = 0; i < Math.max(1, Number(process.env.PREPARE_BENCH_ROUNDS_2X ?? 3)); i++) {
      const p2 = await pass('prepare', big.path, join(dir, 'out'));
      if (p2.rows !== rows * 2) throw new Error(`prepare read ${p2.rows} rows, expected ${rows * 2}`);
      doubles.push(p2);
    }
    const rss2 = median(doubles.map((p) => p.maxRssMb));
    console.log(`prepare_seconds_2x: ${Math.min(...doubles.map((p) => p.seconds)).toFixed(2)}`);
    console.log(`peak_rss_mb_1m_passes: ${prepares.map((p) => Math.round(p.maxRssMb)).join(' ')}`);
    console.log(`peak_rss_mb_2m_passes: ${doubles.map((p) => Math.round(p.maxRssMb)).join(' ')}`);
    console.log(`peak_rss_mb_1m_max: ${Math.round(Math.max(...prepares.map((p) => p.maxRssMb)))}`);
    console.log(`prepare_vs_parse_ratio_rounds: ${parses.map((p, i) => (p.seconds / prepares[i]!.seconds).toFixed(2)).join(' ')}`);
    console.log(`prepare_vs_parse_ratio_fastest: ${(parse / prepare).toFixed(2)}`);
    console.log(`prepare_vs_parse_ratio: ${median(parses.map((p, i) => p.seconds / prepares[i]!.seconds)).toFixed(2)}`);
    console.log(`peak_rss_mb_1m: ${Math.round(rss1)}`);
    console.log(`rss_growth_2m_vs_1m: ${(rss2 / rss1).toFixed(2)}`);
    if (process.env.PREPARE_BENCH_10M === '1') {
      await rm(big.path, { force: true });
      const huge = await makeBigCsv(join(dir, 'big-10x.csv'), rows * 10, { seed: 1 });
      console.log(`file_mb_10m: ${(huge.bytes / 1e6).toFixed(1)}`);
      const p10 = await pass('prepare', huge.path, join(dir, 'out'));
      if (p10.rows !== rows * 10) throw new Error(`prepare read ${p10.rows} rows, expected ${rows * 10}`);
      console.log(`prepare_seconds_10m: ${p10.seconds.toFixed(2)}`);
      console.log(`peak_rss_mb_10m: ${Math.round(p10.maxRssMb)}`);
      console.log(`rss_growth_10m_vs_1m: ${(p10.maxRssMb / rss1).toFixed(2)}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
