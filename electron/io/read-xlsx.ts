// readTable for xlsx: the data rows below the header of the chosen sheet, in chunks.
import { ROWS_PER_CHUNK } from './read-csv.js';
import { cancelledError } from './table-read-error.js';
import type { ReaderNote, ReadTableOptions, RowChunk, TableInfo } from './table-types.js';
import { loadSheetContext, openXlsxBook, sheetRowBatches, type XlsxBook } from './xlsx-sheet.js';

/** Streams the data rows of the sheet in `info`; rows are padded to the header width. Throws TableReadError. */
export async function* readXlsx(path: string, info: TableInfo, opts: ReadTableOptions = {}): AsyncGenerator<RowChunk> {
  if (opts.signal?.aborted) throw cancelledError();
  const book = await openXlsxBook(path, info.sizeBytes);
  try {
    yield* chunks(book, info, opts);
  } finally {
    book.close();
  }
}

async function* chunks(book: XlsxBook, info: TableInfo, { signal, onProgress }: ReadTableOptions): AsyncGenerator<RowChunk> {
  const sheet = book.info.sheets.find((s) => s.name === info.sheet) ?? book.info.sheets[0];
  if (sheet === undefined) return;
  const width = info.headers.length;
  let bytesRead = 0;
  let rows: string[][] = [];
  let notes: ReaderNote[] = [];
  let firstRow = 1;
  let count = 0;
  const source = sheetRowBatches(book, await loadSheetContext(book), sheet, { signal, onBytes: (b) => (bytesRead = b) });
  for await (const batch of source) {
    for (const { number, cells } of batch) {
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
  }
  onProgress?.({ bytesRead: info.sizeBytes, totalBytes: info.sizeBytes, rows: count });
  if (rows.length > 0) yield notes.length > 0 ? { firstRow, rows, notes } : { firstRow, rows };
}
