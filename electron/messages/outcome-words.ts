// English for the result CSV's `detail` column (a file with no UI language): why each row ended as it did.
import type { RowNote } from '../../shared/jobs/row-outcome.js';
import { describeError } from './error-words.js';

/** The English words of a row's note ('' for none). */
export function describeRowNote(note: RowNote | null): string {
  if (note === null) return '';
  switch (note.code) {
    case 'batch-note':
      return describeError(note.note);
    case 'batch-refused':
      return 'Target did not accept the batch.';
    case 'cancelled':
      return 'The job was cancelled.';
    case 'stuck':
      return 'Target reports the batch as stuck.';
    case 'no-news':
      return 'Target did not say what became of this batch.';
    case 'no-counters':
      return 'Target reported the batch complete without counters.';
    case 'listed-failed':
      return 'Target listed this row as failed.';
    case 'v1-not-found':
      return 'No profile has this key; v1 updates existing profiles only.';
    case 'v2-uncounted':
      return `Target counted ${note.counters.successfulUpdates} of ${note.rows} rows as updated and ${note.counters.failedUpdates} as failed without naming every row.`;
    case 'v1-mixed':
      return `In this batch Target counted ${note.counters.successfulUpdates} updated, ${note.counters.profilesNotFound} not found and ${note.counters.failedUpdates} failed of ${note.rows}; v1 does not say which rows.`;
    case 'ledger-orphan':
      return 'The row ledger points at a line no batch has.';
    case 'blocked':
      return `Blocked before sending: ${note.reasons}`;
    case 'blocked-see-report':
      return 'Blocked by validation before sending; see rejected-rows.csv.';
    case 'duplicate-merged':
      return 'Duplicate key merged into another row.';
    case 'excluded-by-you':
      return 'Excluded by you.';
  }
}
