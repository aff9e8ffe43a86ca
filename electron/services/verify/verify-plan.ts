import { readFile } from 'node:fs/promises';
import { seededRandom } from '../../../sandbox/rng.js';
import type { JobEvent } from '../../../shared/jobs/job-events.js';
import type { JobView } from '../../../shared/jobs/job-reducer.js';
import type { JobSpec } from '../../../shared/jobs/job-spec.js';
import type { VerifyStarted } from '../../../shared/verify/verify-records.js';
import { readPreparedInput } from '../../upload/prepared-input.js';
import { batchLineOutcomes, splitBatchBody } from '../results/result-lines.js';

/** The rows of one batch a verification reads back: local 0-based line indices, in order. */
export interface PlanBatch {
  readonly index: number;
  /** Global 0-based line of the batch's first data line (the row ledger's numbering). */
  readonly firstLine: number;
  readonly path: string;
  readonly lines: readonly number[];
  /** When Target said the batch completed (epoch ms): visibility lag is counted from here. */
  readonly completedAt: number;
}

/** Which rows a verification checks. */
export interface VerifyPlan {
  readonly mode: 'all' | 'sample';
  readonly seed: number | null;
  readonly sampleSize: number | null;
  /** Confirmed rows of the job. */
  readonly eligible: number;
  readonly planned: number;
  readonly batches: readonly PlanBatch[];
}

/** How to choose the rows: every confirmed row up to `rowLimit` (or all with `all`), else `sampleSize` per batch. */
export interface PlanChoice {
  readonly mode: 'auto' | 'all' | 'sample';
  readonly rowLimit: number;
  readonly sampleSize: number;
  /** The seed to sample with (a re-run passes the earlier run's, so it checks the same rows). */
  readonly seed: number;
}

/** One row to read back: its global line, batch, key and the non-empty values it sent (decoded). */
export interface RowToCheck {
  readonly line: number;
  readonly batch: number;
  readonly key: string;
  readonly sent: Readonly<Record<string, string>>;
  readonly deadline: number;
}

interface BatchCandidates {
  readonly index: number;
  readonly firstLine: number;
  readonly path: string;
  readonly confirmed: number[];
  readonly completedAt: number;
}

async function candidates(spec: JobSpec, view: JobView, events: readonly JobEvent[]): Promise<BatchCandidates[]> {
  const prepared = await readPreparedInput(spec.source.preparedDir);
  const completedAt = new Map<number, number>();
  for (const e of events) if (e.type === 'batch.finished') completedAt.set(e.index, Date.parse(e.at));
  const out: BatchCandidates[] = [];
  for (const b of prepared.batches) {
    if (view.batches.find((v) => v.index === b.index)?.outcome !== 'complete') continue;
    const outcomes = await batchLineOutcomes(spec, view, events, b.index);
    const confirmed: number[] = [];
    outcomes.outcomes.forEach((o, i) => {
      if (o === 'confirmed') confirmed.push(i);
    });
    if (confirmed.length > 0) out.push({ index: b.index, firstLine: b.firstLine, path: b.path, confirmed, completedAt: completedAt.get(b.index) ?? Date.now() });
  }
  return out;
}

/** Picks `k` of `items` with a seeded partial Fisher–Yates shuffle, returned in ascending order. */
function sample(items: readonly number[], k: number, seed: number): number[] {
  if (k >= items.length) return [...items];
  const a = [...items];
  const random = seededRandom(seed);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (a.length - i));
    [a[i], a[j]] = [a[j] as number, a[i] as number];
  }
  return a.slice(0, k).sort((x, y) => x - y);
}

/** Each batch samples with its own stream, so a batch's rows do not depend on the batches before it. */
function batchSeed(seed: number, index: number): number {
  return (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
}

/**
 * Chooses the rows of a finished job to read back: its confirmed rows (outcome `confirmed` in the
 * result CSV's sense), all of them when `mode` is `all` or there are at most `rowLimit`, else a seeded
 * random sample of `sampleSize` per batch (`sample` always samples).
 */
export async function buildPlan(spec: JobSpec, view: JobView, events: readonly JobEvent[], choice: PlanChoice): Promise<VerifyPlan> {
  const all = await candidates(spec, view, events);
  const eligible = all.reduce((n, b) => n + b.confirmed.length, 0);
  const sampled = choice.mode === 'sample' || (choice.mode === 'auto' && eligible > choice.rowLimit);
  const batches = all.map((b) => ({ index: b.index, firstLine: b.firstLine, path: b.path, completedAt: b.completedAt, lines: sampled ? sample(b.confirmed, choice.sampleSize, batchSeed(choice.seed, b.index)) : b.confirmed }));
  return {
    mode: sampled ? 'sample' : 'all',
    seed: sampled ? choice.seed : null,
    sampleSize: sampled ? choice.sampleSize : null,
    eligible,
    planned: batches.reduce((n, b) => n + b.lines.length, 0),
    batches,
  };
}

/** Rebuilds the plan a run recorded (to resume it): the sample's recorded lines, or every confirmed row again. */
export async function planOfRun(spec: JobSpec, view: JobView, events: readonly JobEvent[], started: VerifyStarted): Promise<VerifyPlan> {
  const all = await candidates(spec, view, events);
  const picked = started.lines === null ? null : new Set(started.lines);
  const batches = all.map((b) => ({
    index: b.index,
    firstLine: b.firstLine,
    path: b.path,
    completedAt: b.completedAt,
    lines: picked === null ? b.confirmed : b.confirmed.filter((i) => picked.has(b.firstLine + i)),
  }));
  return { mode: started.mode, seed: started.seed, sampleSize: started.sampleSize, eligible: started.eligible, planned: started.planned, batches };
}

function decode(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/**
 * Reads the rows of one planned batch from its batch file, skipping `skip` (global lines already
 * settled): the key and the non-empty values each line sent, decoded as Target decodes them (every cell
 * of a batch file is percent-encoded ASCII).
 */
export async function loadBatchRows(batch: PlanBatch, skip: ReadonlySet<number>, waitMs: number): Promise<RowToCheck[]> {
  const { header, lines } = splitBatchBody(await readFile(batch.path, 'latin1'));
  const names = header.split(',').slice(1).map(decode);
  const rows: RowToCheck[] = [];
  for (const i of batch.lines) {
    const line = batch.firstLine + i;
    if (skip.has(line)) continue;
    const cells = (lines[i] ?? '').split(',');
    const sent: Record<string, string> = {};
    names.forEach((name, c) => {
      const value = decode(cells[c + 1] ?? '');
      if (value !== '') sent[name] = value;
    });
    rows.push({ line, batch: batch.index, key: decode(cells[0] ?? ''), sent, deadline: batch.completedAt + waitMs });
  }
  return rows;
}

/** The `verify.started` fields of a plan. */
export function startedFields(plan: VerifyPlan): Pick<VerifyStarted, 'mode' | 'seed' | 'sampleSize' | 'eligible' | 'planned' | 'lines'> {
  return {
    mode: plan.mode,
    seed: plan.seed,
    sampleSize: plan.sampleSize,
    eligible: plan.eligible,
    planned: plan.planned,
    lines: plan.mode === 'sample' ? plan.batches.flatMap((b) => b.lines.map((i) => b.firstLine + i)) : null,
  };
}
