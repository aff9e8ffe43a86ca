import type { BatchView } from './job-reducer.js';
import type { ApiVersion } from './job-spec.js';

/**
 * What the result CSV says about one input row. `confirmed-or-not-found`: a v1 batch in which Target
 * counted both updates and unknown profiles (v1 does not say which rows).
 */
export type RowOutcome = 'confirmed' | 'not-found' | 'confirmed-or-not-found' | 'failed' | 'rejected' | 'excluded' | 'unknown' | 'not-sent' | 'pending';

/** Outcomes that "retry failed rows" sends again. */
export const RETRYABLE_OUTCOMES: ReadonlySet<RowOutcome> = new Set(['failed', 'unknown', 'not-sent']);

/** How the rows of one batch fare, given what Target said about it. */
export interface BatchRowRule {
  /** Outcome of a row whose key Target listed as failed (v2). */
  readonly listedFailed: { readonly outcome: RowOutcome; readonly detail: string };
  /** Outcome of every other row. */
  readonly others: { readonly outcome: RowOutcome; readonly detail: string };
}

/**
 * Returns the per-row rule of a batch from its final view (pure). Under v2 the listed failures are
 * `failed` and the rest `confirmed` when Target's counters cover them, else `unknown`. Under v1 rows
 * are `confirmed`, `not-found` or (when the counters mix both) `confirmed-or-not-found`.
 */
export function batchRowRule(batch: BatchView, apiVersion: ApiVersion, listedFailures: number): BatchRowRule {
  const unknown = (detail: string) => ({ listedFailed: { outcome: 'unknown' as const, detail }, others: { outcome: 'unknown' as const, detail } });
  if (batch.phase !== 'finished') return { listedFailed: { outcome: 'pending', detail: '' }, others: { outcome: 'pending', detail: '' } };
  switch (batch.outcome) {
    case 'rejected': {
      const detail = batch.message ?? 'Target did not accept the batch.';
      return { listedFailed: { outcome: 'failed', detail }, others: { outcome: 'failed', detail } };
    }
    case 'cancelled':
      return { listedFailed: { outcome: 'not-sent', detail: 'The job was cancelled.' }, others: { outcome: 'not-sent', detail: 'The job was cancelled.' } };
    case 'stuck':
      return unknown('Target reports the batch as stuck.');
    case 'unknown':
    case null:
      return unknown(batch.message ?? 'Target did not say what became of this batch.');
    case 'complete':
      break;
  }
  const c = batch.counters;
  if (c === null) return unknown('Target reported the batch complete without counters.');
  const rows = batch.rows;
  const failedDetail = { outcome: 'failed' as const, detail: 'Target listed this row as failed.' };
  if (apiVersion === 'v2') {
    const rest = rows - listedFailures;
    const unnamedFailures = Math.max(0, c.failedUpdates - listedFailures);
    if (unnamedFailures === 0 && c.successfulUpdates + c.profilesNotFound >= rest) {
      return { listedFailed: failedDetail, others: { outcome: 'confirmed', detail: '' } };
    }
    return {
      listedFailed: failedDetail,
      others: { outcome: 'unknown', detail: `Target counted ${c.successfulUpdates} of ${rows} rows as updated and ${c.failedUpdates} as failed without naming every row.` },
    };
  }
  if (c.failedUpdates === 0 && c.profilesNotFound === 0 && c.successfulUpdates >= rows) return { listedFailed: failedDetail, others: { outcome: 'confirmed', detail: '' } };
  if (c.failedUpdates === 0 && c.successfulUpdates === 0 && c.profilesNotFound >= rows) {
    return { listedFailed: failedDetail, others: { outcome: 'not-found', detail: 'No profile has this key; v1 updates existing profiles only.' } };
  }
  return {
    listedFailed: failedDetail,
    others: {
      outcome: c.failedUpdates === 0 && c.successfulUpdates + c.profilesNotFound >= rows ? 'confirmed-or-not-found' : 'unknown',
      detail: `In this batch Target counted ${c.successfulUpdates} updated, ${c.profilesNotFound} not found and ${c.failedUpdates} failed of ${rows}; v1 does not say which rows.`,
    },
  };
}
