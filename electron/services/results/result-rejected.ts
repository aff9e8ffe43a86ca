import { openTable } from '../../io/open-table.js';
import { readTable } from '../../io/read-table.js';
import { rowCursor } from './row-cursor.js';

/** What the rejected-rows report says about one input row. */
export interface RejectedRow {
  readonly key: string;
  readonly reasons: string;
}

/**
 * Walks `rejected-rows.csv` (row, codes, reasons, then the row's cells) in row order, so the result CSV
 * can name each rejected row's key and reasons without holding the report in memory. `find(row)` must
 * be called with increasing row numbers; it resolves to undefined for a row the report does not list.
 * The report is opened on the first call; a missing or unreadable report only means no details
 * (never an error), since the result CSV must be written regardless.
 */
export function rejectedRowCursor(reportPath: string, idColumn: string | null): { find(row: number): Promise<RejectedRow | undefined> } {
  let keyAt = -1;
  const next = rowCursor(async () => {
    const info = await openTable(reportPath, { encoding: 'utf-8', delimiter: ',', headerRow: 1 });
    keyAt = idColumn === null ? -1 : info.headers.indexOf(idColumn, 3);
    return readTable(reportPath, info)[Symbol.asyncIterator]();
  });
  return {
    async find(row) {
      const cells = await next(row);
      return cells === undefined ? undefined : { key: keyAt >= 0 ? (cells[keyAt] ?? '') : '', reasons: cells[2] ?? '' };
    },
  };
}
