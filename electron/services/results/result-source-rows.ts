import { openTable } from '../../io/open-table.js';
import { readTable } from '../../io/read-table.js';
import { rowCursor } from './row-cursor.js';

/** One input row as `source-rows.csv` keeps it: what blocked it (JSON, '' for nothing) and its cells as read. */
export interface SourceRow {
  readonly why: string;
  readonly cells: readonly string[];
}

/** A forward-only reader of `source-rows.csv`: its file headers, then rows found by increasing row number. */
export interface SourceRowCursor {
  /** The source file's headers as read (empty when the file cannot be read). */
  readonly headers: readonly string[];
  /** The row `row` (call with increasing numbers); undefined when the file does not list it. */
  find(row: number): Promise<SourceRow | undefined>;
}

/**
 * Opens `source-rows.csv` (row, why, then the row's cells; see prepare-source-rows.ts) for the result
 * CSV. Resolves to null when the file is missing or unreadable, so the result CSV is written regardless
 * (without original columns); a read error later only means the remaining rows have no cells.
 */
export async function openSourceRows(path: string): Promise<SourceRowCursor | null> {
  let info;
  try {
    info = await openTable(path, { encoding: 'utf-8', delimiter: ',', headerRow: 1 });
  } catch {
    return null;
  }
  const headers = info.headers.slice(2);
  const opened = info;
  const next = rowCursor(async () => readTable(path, opened)[Symbol.asyncIterator]());
  return {
    headers,
    async find(row) {
      const cells = await next(row);
      return cells === undefined ? undefined : { why: cells[1] ?? '', cells: cells.slice(2) };
    },
  };
}
