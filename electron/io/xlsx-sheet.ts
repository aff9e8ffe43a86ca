// Streams the rows of one sheet of an xlsx as the strings the sheet shows (see xlsx-sheet-scanner.ts):
// its XML part is inflated and scanned piece by piece, so memory stays flat however long the sheet is.
import { cancelledError } from './table-read-error.js';
import { XLSX_LIMITS } from './xlsx-limits.js';
import { readCellFormats, readWorkbookInfo, type WorkbookInfo, type XlsxSheet } from './xlsx-parts.js';
import { sheetScanner, type SheetContext, type SheetRow, type SheetScannerOptions } from './xlsx-sheet-scanner.js';
import { SharedStringsReader } from './xlsx-shared-strings.js';
import { ZipArchive } from './zip-archive.js';

export type { XlsxSheet } from './xlsx-parts.js';
export type { SheetContext, SheetRow } from './xlsx-sheet-scanner.js';

/** An opened workbook: its archive and sheet list; `close()` releases the file. */
export interface XlsxBook {
  readonly zip: ZipArchive;
  readonly info: WorkbookInfo;
  readonly size: number;
  close(): void;
}

/** Opens an xlsx file and reads its sheet list. Throws TableReadError (corrupt-xlsx, unsupported-format, workbook-limit). */
export async function openXlsxBook(path: string, size: number): Promise<XlsxBook> {
  const zip = await ZipArchive.open(path);
  try {
    return { zip, info: await readWorkbookInfo(zip), size, close: () => zip.close() };
  } catch (e) {
    zip.close();
    throw e;
  }
}

/**
 * Reads the styles and the shared strings of a workbook (once per read). With `partial`, only the head of
 * the shared strings is read: more with `ctx.strings.loadUpTo`.
 */
export async function loadSheetContext(book: XlsxBook, { partial = false }: { partial?: boolean } = {}): Promise<SheetContext> {
  const formats = await readCellFormats(book.zip, book.info.stylesPart);
  const part = book.info.sharedStringsPart;
  const strings = partial ? await SharedStringsReader.start(book.zip, part) : await SharedStringsReader.readAll(book.zip, part);
  return { formats, strings, date1904: book.info.date1904 };
}

export interface SheetRowsOptions extends SheetScannerOptions {
  readonly signal?: AbortSignal;
  /** Called with how far through the file the reading is, in file bytes (estimated from the sheet's part). */
  readonly onBytes?: (bytes: number) => void;
}

/**
 * Yields the non-blank rows of `sheet` in order. Throws TableReadError `corrupt-xlsx` when the zip or
 * XML breaks, `workbook-limit` when the sheet breaks a limit (a row past 1,048,576, a column past XFD,
 * a huge cell), `cancelled` when the signal aborts. Breaking out of the loop stops reading.
 */
export async function* sheetRows(book: XlsxBook, ctx: SheetContext, sheet: XlsxSheet, opts: SheetRowsOptions = {}): AsyncGenerator<SheetRow> {
  for await (const batch of sheetRowBatches(book, ctx, sheet, opts)) yield* batch;
}

/** Like sheetRows, the rows in batches (those of one inflated piece of the part): one await per batch, not per row. */
export async function* sheetRowBatches(book: XlsxBook, ctx: SheetContext, sheet: XlsxSheet, opts: SheetRowsOptions = {}): AsyncGenerator<SheetRow[]> {
  const part = book.zip.part(sheet.part);
  if (part === undefined) return;
  const source = await book.zip.stream(sheet.part, XLSX_LIMITS.streamedPartBytes);
  let done: SheetRow[] = [];
  const scanner = sheetScanner(ctx, sheet.part, (row) => done.push(row), opts);
  let inflated = 0;
  try {
    for await (const chunk of source) {
      if (opts.signal?.aborted) throw cancelledError();
      scanner.write(chunk as Buffer);
      inflated += (chunk as Buffer).length;
      opts.onBytes?.(Math.round((inflated / Math.max(1, part.size)) * book.size));
      if (done.length > 0) {
        yield done;
        done = [];
      }
    }
    scanner.end();
    if (done.length > 0) yield done;
  } finally {
    source.destroy();
  }
}
