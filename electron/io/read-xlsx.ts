// readTable for xlsx: the data rows below the header of the chosen sheet, in chunks.
import { ROWS_PER_CHUNK } from './read-csv.js';
import { cancelledError } from './table-read-error.js';
import type { ReaderNote, ReadTableOptions, RowChunk, TableInfo } from './table-types.js';
import { sheetRows } from './xlsx-rows.js';
import { openXlsxContainer } from './xlsx-zip.js';

/** Streams the data rows of the sheet in `info`; rows are padded to the header width. Throws TableReadError. */
export async function* readXlsx(path: string, info: TableInfo, opts: ReadTableOptions = {}): AsyncGenerator<RowChunk> {
  const { signal, onProgress } = opts;
  if (signal?.aborted) throw cancelledError();
  const width = info.headers.length;
  let bytesRead = 0;
  let rows: string[][] = [];
  let notes: ReaderNote[] = [];
  let firstRow = 1;
  let count = 0;
  const container = await openXlsxContainer(path, info.sizeBytes);
  const sheet = container.sheets.find((s) => s.name === info.sheet) ?? container.sheets[0];
  if (sheet === undefined) return;
  const source = sheetRows(container, sheet, { signal, onBytes: (b) => (bytesRead = b) });
  for await (const { number, cells } of source) {
    if (number <= info.headerRow) continue;
    count++;
    if (cells.length > width) notes.push({ row: count, code: 'extra-cells' });
    while (cells.length < width) cells.push('');
    rows.push(cells);
    if (rows.length >= ROWS_PER_CHUNK) {
      onProgress?.({ bytesRead, totalBytes: info.sizeBytes, rows: count });
      yield notes.length > 0 ? { firstRow, rows, notes } : { firstRow, rows };
      if (signal?.aborted) throw cancelledError();
      firstRow += rows.length;
      rows = [];
      notes = [];
    }
  }
  onProgress?.({ bytesRead: info.sizeBytes, totalBytes: info.sizeBytes, rows: count });
  if (rows.length > 0) yield notes.length > 0 ? { firstRow, rows, notes } : { firstRow, rows };
}
