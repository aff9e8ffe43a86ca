import { z } from 'zod';
import { jobErrorSchema } from '../jobs/job-events.js';
import type { VerifyOutcome } from '../contract/verify.js';

const diffSchema = z.object({ name: z.string(), sent: z.string(), found: z.string().nullable(), modifiedAt: z.string().nullable() });
const base = { at: z.string(), run: z.number().int().min(1) };

/**
 * The records of a job's verification journal (`verify.jsonl` beside the job's journal), one JSON line
 * each. `lines` are the global 0-based data lines of the job (the row ledger's numbering) a sample
 * picked; null when every confirmed row is checked. A settled row is `l` (its line), `o` (its outcome)
 * and, for `differs`, `d` (what differs). A run without `verify.finished` stopped and resumes.
 */
export const verifyRecordSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('verify.started'),
    ...base,
    mode: z.enum(['all', 'sample']),
    seed: z.number().int().nullable(),
    sampleSize: z.number().int().min(1).nullable(),
    eligible: z.number().int().min(0),
    planned: z.number().int().min(0),
    /** How long after its batch completed a row may stay invisible before it is called missing. */
    waitMs: z.number().int().min(0),
    lines: z.array(z.number().int().min(0)).nullable(),
  }),
  z.object({
    type: z.literal('verify.settled'),
    ...base,
    rows: z.array(z.object({ l: z.number().int().min(0), o: z.enum(['verified', 'differs', 'missing', 'not-yet-visible']), d: z.array(diffSchema).optional() })),
  }),
  z.object({ type: z.literal('verify.paused'), ...base, error: jobErrorSchema }),
  z.object({ type: z.literal('verify.finished'), ...base }),
]);
export type VerifyRecord = z.infer<typeof verifyRecordSchema>;
export type VerifyStarted = Extract<VerifyRecord, { type: 'verify.started' }>;
export type SettledRow = Extract<VerifyRecord, { type: 'verify.settled' }>['rows'][number];

/** The latest run of a verification journal, folded: its start, every settled row by line, and how it ended. */
export interface VerifyRun {
  readonly started: VerifyStarted;
  readonly settled: ReadonlyMap<number, SettledRow>;
  readonly counts: Readonly<Record<VerifyOutcome, number>>;
  readonly finishedAt: string | null;
  readonly pausedError: Extract<VerifyRecord, { type: 'verify.paused' }>['error'] | null;
}

/** Returns zeroed outcome counts. */
export function emptyCounts(): Record<VerifyOutcome, number> {
  return { verified: 0, differs: 0, missing: 0, 'not-yet-visible': 0 };
}

/**
 * Folds verification records into the latest run (pure); earlier runs are history. Returns undefined
 * when no run started. A row settled twice in one run (a crash between the fetch and its record never
 * writes twice, but a repaired file might) counts once, with its last outcome.
 */
export function latestRun(records: readonly VerifyRecord[]): VerifyRun | undefined {
  let started: VerifyStarted | undefined;
  let settled = new Map<number, SettledRow>();
  let finishedAt: string | null = null;
  let pausedError: VerifyRun['pausedError'] = null;
  for (const r of records) {
    if (r.type === 'verify.started') {
      started = r;
      settled = new Map();
      finishedAt = null;
      pausedError = null;
    } else if (started && r.run === started.run) {
      if (r.type === 'verify.settled') {
        for (const row of r.rows) settled.set(row.l, row);
        pausedError = null;
      } else if (r.type === 'verify.paused') pausedError = r.error;
      else finishedAt = r.at;
    }
  }
  if (!started) return undefined;
  const counts = emptyCounts();
  for (const row of settled.values()) counts[row.o] += 1;
  return { started, settled, counts, finishedAt, pausedError };
}
