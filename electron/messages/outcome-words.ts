// The CLI's English for the result CSV's plain columns (a file written without a UI language; the app
// passes its own language's table, renderer/i18n/<language>/results.ts `results.csv`).
import type { ResultCsvWords } from '../../shared/contract/result-words.js';
import type { RowNote } from '../../shared/jobs/row-outcome.js';
import { describeError } from './error-words.js';
import { fillWords } from './fill-words.js';

/** English words of the result CSV; the outcome terms are the screen's (renderer/i18n/en/results.ts `outcome.count`). */
export const resultCsvWordsEn: ResultCsvWords = {
  outcomeHeader: 'Outcome',
  reasonHeader: 'Reason',
  outcome: {
    confirmed: 'Updated',
    'not-found': 'Not found',
    'confirmed-or-not-found': 'Updated or not found',
    failed: 'Failed',
    rejected: 'Blocked',
    excluded: 'Left out',
    unknown: 'Unknown',
    'not-sent': 'Not sent',
    pending: 'In progress',
  },
  reason: {
    'batch-note': '{{message}}',
    'batch-refused': 'Target did not accept the batch.',
    cancelled: 'The job was cancelled.',
    stuck: 'Target reports the batch as stuck.',
    'no-news': 'Target did not say what became of this batch.',
    'no-counters': 'Target reported the batch complete without counters.',
    'listed-failed': 'Target listed this row as failed.',
    'v1-not-found': 'No profile has this key; v1 updates existing profiles only.',
    'v2-uncounted': 'Target counted {{updated, number}} of {{rows, number}} rows as updated and {{failed, number}} as failed without naming every row.',
    'v1-mixed': 'In this batch Target counted {{updated, number}} updated, {{notFound, number}} not found and {{failed, number}} failed of {{rows, number}}; v1 does not say which rows.',
    'ledger-orphan': 'The row ledger points at a line no batch has.',
    blocked: 'Blocked before sending: {{reasons}}',
    'blocked-see-report': 'Blocked by validation before sending; see rejected-rows.csv.',
    'duplicate-merged': 'Duplicate key merged into another row.',
    'duplicate-dropped': 'Another row has the same key; that row was sent instead.',
    'excluded-by-you': 'Left out by you.',
    'excluded-blocked': 'Left out by you; the checks had blocked it: {{reasons}}',
    'verify-missing': 'Read back from Target: no profile has this key.',
    'verify-not-yet-visible': 'Read back from Target: no profile for this key yet when the check stopped waiting; check again later.',
    'verify-differs': 'Read back from Target, values differ: {{details}}',
    'verify-differs-item': '{{name}}: sent "{{sent}}", Target has "{{found}}"',
    'verify-differs-none': '{{name}}: sent "{{sent}}", Target has no value',
    'no-source-rows': 'The original cells of this row were not kept (a job prepared by an older version).',
  },
  separator: ' | ',
};

/** The words of a row's note in `words` ('' for none); a Target or connection problem is named in the CLI's English. */
export function describeRowNote(note: RowNote | null, words: ResultCsvWords = resultCsvWordsEn, locale = 'en-US'): string {
  if (note === null) return '';
  const t = words.reason;
  switch (note.code) {
    case 'batch-note':
      return fillWords(t['batch-note'], { message: describeError(note.note) }, locale);
    case 'v2-uncounted':
    case 'v1-mixed':
      return fillWords(t[note.code], { updated: note.counters.successfulUpdates, notFound: note.counters.profilesNotFound, failed: note.counters.failedUpdates, rows: note.rows }, locale);
    case 'blocked':
    case 'excluded-blocked':
      return fillWords(t[note.code], { reasons: note.reasons }, locale);
    default:
      return t[note.code];
  }
}
