import { readFile } from 'node:fs/promises';
import type { JobEvent } from '../../../shared/jobs/job-events.js';
import type { JobView } from '../../../shared/jobs/job-reducer.js';
import { batchRowRule, type RowNote, type RowOutcome } from '../../../shared/jobs/row-outcome.js';
import type { JobSpec } from '../../../shared/jobs/job-spec.js';

/** The outcome of every line of one batch (line 1 = first row after the header), with the key it carries. */
export interface BatchLineOutcomes {
  readonly index: number;
  readonly batchId: string | null;
  readonly keys: readonly string[];
  readonly outcomes: readonly RowOutcome[];
  /** Why each line ended as it did (the result CSV puts it into words). */
  readonly notes: readonly (RowNote | null)[];
  /** Raw encoded lines, kept only when asked for (to build a retry job). */
  readonly lines: readonly string[] | null;
}

function decodeKey(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** Splits a `batch=` body into its header and data lines (empty trailing line dropped). */
export function splitBatchBody(body: string): { header: string; lines: string[] } {
  const all = body.split('\n');
  const header = all.shift() ?? '';
  if (all.length > 0 && all[all.length - 1] === '') all.pop();
  return { header, lines: all };
}

/**
 * Reads one batch file and gives each of its lines an outcome from the job's final view and the v2
 * failures Target listed (matched on the decoded key, and on the key as sent).
 */
export async function batchLineOutcomes(spec: JobSpec, view: JobView, events: readonly JobEvent[], index: number, keepLines = false): Promise<BatchLineOutcomes> {
  const batchSpec = spec.batches.find((b) => b.index === index);
  const batch = view.batches.find((b) => b.index === index);
  if (!batchSpec || !batch) throw new Error(`No batch ${index} in job ${spec.jobId}`);
  let failedIds: readonly string[] = [];
  for (const e of events) if (e.type === 'batch.finished' && e.index === index) failedIds = e.failedIds;
  const failedSet = new Set(failedIds);
  const { lines } = splitBatchBody(await readFile(batchSpec.path, 'latin1'));
  const keys = lines.map((l) => {
    const comma = l.indexOf(',');
    return comma < 0 ? l : l.slice(0, comma);
  });
  const decoded = keys.map(decodeKey);
  const isListed = (i: number) => failedSet.has(decoded[i] as string) || failedSet.has(keys[i] as string);
  let listed = 0;
  for (let i = 0; i < keys.length; i++) if (isListed(i)) listed++;
  const rule = batchRowRule(batch, spec.connection.apiVersion, listed);
  const outcomes: RowOutcome[] = [];
  const notes: (RowNote | null)[] = [];
  for (let i = 0; i < keys.length; i++) {
    const listedRow = isListed(i);
    outcomes.push(listedRow ? rule.listedFailed.outcome : rule.others.outcome);
    notes.push(listedRow ? rule.listedFailed.detail : rule.others.detail);
  }
  return { index, batchId: batch.batchId, keys: decoded, outcomes, notes, lines: keepLines ? lines : null };
}
