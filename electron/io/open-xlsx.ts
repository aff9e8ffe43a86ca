// openTable for xlsx: sheet list from the workbook, the chosen sheet's header row from its first rows.
import { describeHeaders, detectHeaderRow, HEADER_SCAN_ROWS } from './header-row.js';
import { TableReadError } from './table-read-error.js';
import type { ReadOptions, TableInfo } from './table-types.js';
import { loadSheetContext, openXlsxBook, sheetRows, type SheetContext, type SheetRow, type XlsxBook, type XlsxSheet } from './xlsx-sheet.js';
import { corruptXlsx } from './zip-archive.js';

/**
 * The first rows of a sheet, as physical rows (blank rows filled in as []). The shared strings are read
 * only as far as these rows need: when they refer past what is read, more is read and the rows again.
 */
async function firstRows(book: XlsxBook, ctx: SheetContext, sheet: XlsxSheet): Promise<string[][]> {
  if (!book.zip.has(sheet.part)) throw corruptXlsx('sheet-missing', { sheet: sheet.name, part: sheet.part });
  for (;;) {
    ctx.strings.missed = -1;
    const rows: string[][] = [];
    for await (const row of sheetRows(book, ctx, sheet)) {
      addRow(rows, row);
      if (rows.length >= HEADER_SCAN_ROWS) break;
    }
    if (ctx.strings.missed < 0) return rows;
    await ctx.strings.loadUpTo(ctx.strings.missed + 1);
  }
}

function addRow(rows: string[][], row: SheetRow): void {
  while (rows.length < row.number - 1) rows.push([]);
  rows.push(row.cells);
}

/** Returns TableInfo for an xlsx workbook. Throws TableReadError corrupt-xlsx, unsupported-format, no-header, workbook-limit. */
export async function openXlsx(path: string, size: number, options: ReadOptions): Promise<TableInfo> {
  const book = await openXlsxBook(path, size);
  try {
    return await describeXlsx(book, size, options);
  } finally {
    book.close();
  }
}

async function describeXlsx(book: XlsxBook, size: number, options: ReadOptions): Promise<TableInfo> {
  const ctx = await loadSheetContext(book, { partial: true });
  const container = book.info;
  const sheets = container.sheets.map((s) => s.name);
  let sheet: string | undefined;
  let rows: string[][] = [];
  const sheetsWithData: string[] = [];
  const emptySheetsSkipped: string[] = [];
  // Visible sheets are each looked at (their first rows only): the Load step asks when more than one holds data.
  const visible = container.sheets.filter((s) => !s.hidden);
  const firstOf = new Map<string, string[][]>();
  for (const candidate of visible) {
    const head = await firstRows(book, ctx, candidate);
    if (head.some((r) => r.length > 0)) {
      sheetsWithData.push(candidate.name);
      firstOf.set(candidate.name, head);
    } else if (sheetsWithData.length === 0) emptySheetsSkipped.push(candidate.name);
  }
  if (options.sheet !== undefined) {
    const chosen = container.sheets.find((s) => s.name === options.sheet);
    if (chosen === undefined) {
      throw new TableReadError('no-header', { variant: 'no-sheet', sheet: options.sheet, sheets });
    }
    sheet = chosen.name;
    rows = firstOf.get(chosen.name) ?? (await firstRows(book, ctx, chosen));
    emptySheetsSkipped.length = 0;
  } else if (sheetsWithData.length > 0) {
    sheet = sheetsWithData[0] as string;
    rows = firstOf.get(sheet) as string[][];
  } else {
    // No visible sheet holds anything: a hidden one may (a lookup table is better than nothing to show).
    for (const candidate of container.sheets.filter((s) => s.hidden)) {
      rows = await firstRows(book, ctx, candidate);
      if (rows.some((r) => r.length > 0)) {
        sheet = candidate.name;
        break;
      }
    }
  }
  if (sheet === undefined || !rows.some((r) => r.length > 0)) {
    throw new TableReadError('empty-file', options.sheet === undefined ? { variant: 'workbook' } : { variant: 'sheet', sheet: options.sheet });
  }
  let index: number | null;
  if (options.headerRow !== undefined) {
    index = options.headerRow - 1;
    if (index < 0 || index >= rows.length || (rows[index] as string[]).length === 0) {
      throw new TableReadError('no-header', { variant: 'sheet-header-row', sheet, row: options.headerRow, rows: HEADER_SCAN_ROWS });
    }
  } else {
    index = detectHeaderRow(rows) as number;
  }
  const headers = rows[index] as string[];
  return {
    format: 'xlsx',
    encoding: null,
    delimiter: null,
    delimiterSource: null,
    headerRow: index + 1,
    headerRowSource: options.headerRow === undefined ? 'detected' : 'override',
    headers,
    headerNotes: describeHeaders(headers),
    sheets,
    sheet,
    sheetsWithData,
    emptySheetsSkipped: sheet !== undefined && sheetsWithData.includes(sheet) ? emptySheetsSkipped : [],
    sizeBytes: size,
  };
}
