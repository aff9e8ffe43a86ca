// `npm run bench -- guard`: the personal-data guard on ordinary marketing data.
//
// - guard_false_positive_rate: of every value the guard's value pass checks in a prepare run of a
//   generated 1,000,000-row file of ordinary marketing values (ids, tiers, amounts, dates, cities,
//   product codes, order numbers, points, campaigns — no personal data), the share it warned about,
//   plus any column it took for personal data. Goal < 0.1%.
// - guard_rows_per_second: the value pass alone (scanValue over every cell of a row), in this process,
//   over the same generated rows.
// - guard_overhead_ratio: prepare of that file with the guard on / with it off, each pass in a fresh
//   child process, in GUARD_BENCH_ROUNDS rounds (default 5) whose order alternates (off-on, on-off, …);
//   the median of per-round ratios (a shared machine drifts, so each ratio is taken within one round).
//   guard_overhead_cpu_ratio is the same from the fastest CPU seconds of each mode. Goal ≤ 1.15.
// GUARD_BENCH_ROWS changes the row count.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scanValue } from '../shared/privacy/scan-value.js';
import { makeMarketingCsv, marketingValue, MARKETING_HEADERS } from './data/make-marketing-csv.js';
import { prng } from './data/prng.js';
import { childPass, median } from './data/child-pass.js';

const child = fileURLToPath(new URL('./data/guard-child.ts', import.meta.url));

interface Pass {
  readonly mode: 'on' | 'off';
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly rows: number;
  readonly valid: number;
  readonly params: number;
  readonly bytes: number;
  readonly personalWarnings: number;
  readonly personalColumns: number;
}

const pass = (mode: 'on' | 'off', file: string, outDir: string): Promise<Pass> => childPass<Pass>(child, mode, file, outDir);

/** The value pass alone over `rows` generated rows, in blocks of 10,000 rows made before each timed scan. */
function timeScan(rows: number): { seconds: number; values: number; hits: number; examples: string[] } {
  const next = prng(11);
  const block = 10_000;
  let seconds = 0;
  let values = 0;
  let hits = 0;
  const examples: string[] = [];
  for (let first = 1; first <= rows; first += block) {
    const cells: string[] = [];
    // Flat strings, as the CSV reader hands them over (a built-up string would be flattened on first read).
    for (let i = first; i < Math.min(rows + 1, first + block); i++) {
      for (let c = 0; c < MARKETING_HEADERS.length; c++) cells.push(Buffer.from(marketingValue(i, c, next).replace(/^"|"$/g, '')).toString());
    }
    const t0 = performance.now();
    for (const v of cells) {
      const hit = v.length < 6 ? null : scanValue(v);
      if (hit !== null) {
        hits++;
        if (examples.length < 5) examples.push(`${v} (${hit.kind})`);
      }
    }
    seconds += (performance.now() - t0) / 1000;
    values += cells.length;
  }
  return { seconds, values, hits, examples };
}

/** Prints the guard's false-positive rate, its speed and its cost inside prepare as `key: value` lines. */
export async function run(): Promise<void> {
  const rows = Number(process.env.GUARD_BENCH_ROWS ?? 1_000_000);
  const dir = await mkdtemp(join(tmpdir(), 'guard-bench-'));
  try {
    const scan = timeScan(rows);
    console.log(`rows: ${rows}`);
    console.log(`scan_values: ${scan.values}`);
    console.log(`scan_hits: ${scan.hits}${scan.examples.length > 0 ? ` e.g. ${scan.examples.join('; ')}` : ''}`);
    const file = await makeMarketingCsv(join(dir, 'marketing.csv'), rows, { seed: 7 });
    console.log(`file_mb: ${(file.bytes / 1e6).toFixed(1)}`);
    await pass('off', file.path, join(dir, 'out')); // warm the page cache
    const on: Pass[] = [];
    const off: Pass[] = [];
    const rounds = Math.max(1, Number(process.env.GUARD_BENCH_ROUNDS ?? 5));
    for (let i = 0; i < rounds; i++) {
      // Alternate which goes first, so a machine that speeds up or slows down within a round favours neither.
      if (i % 2 === 0) {
        off.push(await pass('off', file.path, join(dir, 'out')));
        on.push(await pass('on', file.path, join(dir, 'out')));
      } else {
        on.push(await pass('on', file.path, join(dir, 'out')));
        off.push(await pass('off', file.path, join(dir, 'out')));
      }
    }
    const first = on[0]!;
    if (first.rows !== rows || off[0]!.rows !== rows) throw new Error(`prepare read ${first.rows}/${off[0]!.rows} rows, expected ${rows}`);
    if (first.bytes !== off[0]!.bytes) console.log(`note: the guard changed the batches (${first.bytes} vs ${off[0]!.bytes} bytes): it left ${first.personalColumns} column(s) out`);
    // Every column but the identifier is a parameter the value pass reads.
    const checked = first.rows * first.params;
    const falsePositives = first.personalWarnings + first.personalColumns * first.rows;
    console.log(`guard_values_checked: ${checked}`);
    console.log(`guard_warnings: ${first.personalWarnings}`);
    console.log(`guard_columns_flagged: ${first.personalColumns}`);
    console.log(`prepare_guard_off_seconds: ${Math.min(...off.map((p) => p.seconds)).toFixed(2)}`);
    console.log(`prepare_guard_on_seconds: ${Math.min(...on.map((p) => p.seconds)).toFixed(2)}`);
    console.log(`guard_overhead_ratio_rounds: ${on.map((p, i) => (p.seconds / off[i]!.seconds).toFixed(3)).join(' ')}`);
    console.log(`guard_overhead_cpu_ratio: ${(Math.min(...on.map((p) => p.cpuSeconds)) / Math.min(...off.map((p) => p.cpuSeconds))).toFixed(3)}`);
    console.log(`guard_false_positive_rate: ${((falsePositives / checked) * 100).toFixed(4)}%`);
    console.log(`guard_rows_per_second: ${Math.round(rows / scan.seconds)}`);
    console.log(`guard_overhead_ratio: ${median(on.map((p, i) => p.seconds / off[i]!.seconds)).toFixed(3)}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
