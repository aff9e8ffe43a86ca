// English for the result CSV's `verify_detail` column and the CLI: what reading a row back from Target found.
import type { SettledRow } from '../../shared/verify/verify-records.js';

/** The English words of one settled row ('' for a verified row: every value sent is there). */
export function describeVerifyRow(row: Pick<SettledRow, 'o' | 'd'>): string {
  switch (row.o) {
    case 'verified':
      return '';
    case 'missing':
      return 'Target has no profile for this id (still none after waiting for new data to show).';
    case 'not-yet-visible':
      return 'Target had no profile for this id yet when the check stopped waiting; check again later.';
    case 'differs':
      return (row.d ?? [])
        .map((d) => (d.found === null ? `${d.name}: sent "${d.sent}", Target has no value` : `${d.name}: sent "${d.sent}", Target has "${d.found}"${d.modifiedAt ? ` (changed ${d.modifiedAt})` : ''}`))
        .join('; ');
  }
}
