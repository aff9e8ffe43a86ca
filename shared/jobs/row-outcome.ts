import type { Counters, JobError } from './job-events.js';
import type { BatchView } from './job-reducer.js';
import type { ApiVersion } from './job-spec.js';

/**
 * What the result CSV says about one input row. `confirmed-or-not-found`: a v1 batch in which Target
 * counted both updates and unknown profiles (v1 does not say which rows).
 */
export type RowOutcome = 'confirmed' | 'not-found' | 'confirmed-or-not-found' | 'failed' | 'rejected' | 'excluded' | 'unknown' | 'not-sent' | 'pending';

/** Outcomes that "retry failed rows" sends again. */
export const RETRYABLE_OUTCOMES: ReadonlySet<RowOutcome> = new Set(['failed', 'unknown', 'not-sent']);

/**
 * Why a row ended as it did, as the result CSV's `detail` column says it (put into words by the
 * Node side's message table, electron/messages/outcome-words.ts): the batch's own note, or one of these.
 */
export type RowNote =
  | { readonly code: 'batch-note'; readonly note: JobError }
  | { readonly code: 'batch-refused' | 'cancelled' | 'stuck' | 'no-news' | 'no-counters' | 'listed-failed' | 'v1-not-found' }
  | { readonly code: 'v2-uncounted' | 'v1-mixed'; readonly counters: Counters; readonly rows: number }
  | { readonly code: 'ledger-orphan' | 'blocked-see-report' | 'duplicate-merged' | 'duplicate-dropped' | 'excluded-by-you' | 'no-source-rows' }
  | { readonly code: 'blocked' | 'excluded-blocked'; readonly reasons: string };

/** One group of rows of a batch: their outcome and why (null when there is nothing to add). */
export interface RowFate {
  readonly outcome: RowOutcome;
  readonly detail: RowNote | null;
}

/** How the rows of one batch fare, given what Target said about it. */
export interface BatchRowRule {
  /** Outcome of a row whose key Target listed as failed (v2). */
  readonly listedFailed: RowFate;
  /** Outcome of every other row. */
  readonly others: RowFate;
}

/**
 * Returns the per-row rule of a batch from its final view (pure). Under v2 the listed failures are
 * `failed` and the rest `confirmed` when Target's counters cover them, else `unknown`. Under v1 rows
 * are `confirmed`, `not-found` or (when the counters mix both) `confirmed-or-not-found`.
 */
export function batchRowRule(batch: BatchView, apiVersion: ApiVersion, listedFailures: number): BatchRowRule {
  const all = (fate: RowFate): BatchRowRule => ({ listedFailed: fate, others: fate });
  const noteOr = (fallback: RowNote): RowNote => (batch.note ? { code: 'batch-note', note: batch.note } : fallback);
  if (batch.phase !== 'finished') return all({ outcome: 'pending', detail: null });
  switch (batch.outcome) {
    case 'rejected':
      return all({ outcome: 'failed', detail: noteOr({ code: 'batch-refused' }) });
    case 'cancelled':
      return all({ outcome: 'not-sent', detail: { code: 'cancelled' } });
    case 'stuck':
      return all({ outcome: 'unknown', detail: { code: 'stuck' } });
    case 'unknown':
    case null:
      return all({ outcome: 'unknown', detail: noteOr({ code: 'no-news' }) });
    case 'complete':
      break;
  }
  const c = batch.counters;
  if (c === null) return all({ outcome: 'unknown', detail: { code: 'no-counters' } });
  const rows = batch.rows;
  const failedDetail: RowFate = { outcome: 'failed', detail: { code: 'listed-failed' } };
  if (apiVersion === 'v2') {
    const rest = rows - listedFailures;
    const unnamedFailures = Math.max(0, c.failedUpdates - listedFailures);
    if (unnamedFailures === 0 && c.successfulUpdates + c.profilesNotFound >= rest) {
      return { listedFailed: failedDetail, others: { outcome: 'confirmed', detail: null } };
    }
    return { listedFailed: failedDetail, others: { outcome: 'unknown', detail: { code: 'v2-uncounted', counters: c, rows } } };
  }
  if (c.failedUpdates === 0 && c.profilesNotFound === 0 && c.successfulUpdates >= rows) return { listedFailed: failedDetail, others: { outcome: 'confirmed', detail: null } };
  if (c.failedUpdates === 0 && c.successfulUpdates === 0 && c.profilesNotFound >= rows) {
    return { listedFailed: failedDetail, others: { outcome: 'not-found', detail: { code: 'v1-not-found' } } };
  }
  return {
    listedFailed: failedDetail,
    others: {
      outcome: c.failedUpdates === 0 && c.successfulUpdates + c.profilesNotFound >= rows ? 'confirmed-or-not-found' : 'unknown',
      detail: { code: 'v1-mixed', counters: c, rows },
    },
  };
}
