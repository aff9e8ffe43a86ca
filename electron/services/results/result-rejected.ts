import { openTable } from '../../io/open-table.js';
import { readTable } from '../../io/read-table.js';

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
  let chunks: AsyncIterator<{ readonly rows: readonly (readonly string[])[] }> | undefined;
  let keyAt = -1;
  let buffer: readonly (readonly string[])[] = [];
  let at = 0;
  let done = false;

  const open = async () => {
    const info = await openTable(reportPath, { encoding: 'utf-8', delimiter: ',', headerRow: 1 });
    keyAt = idColumn === null ? -1 : info.headers.indexOf(idColumn, 3);
    return readTable(reportPath, info)[Symbol.asyncIterator]();
  };

  return {
    async find(row) {
      try {
        chunks ??= await open();
        for (;;) {
          while (at < buffer.length) {
            const cells = buffer[at] as readonly string[];
            const reportRow = Number(cells[0]);
            if (reportRow > row) return undefined;
            at++;
            if (reportRow === row) return { key: keyAt >= 0 ? (cells[keyAt] ?? '') : '', reasons: cells[2] ?? '' };
          }
          if (done) return undefined;
          const next = await chunks.next();
          if (next.done) {
            done = true;
            return undefined;
          }
          buffer = next.value.rows;
          at = 0;
        }
      } catch {
        done = true;
        buffer = [];
        return undefined;
      }
    },
  };
}
