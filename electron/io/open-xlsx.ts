// openTable for xlsx: sheet list from the workbook, the chosen sheet's header row from its first rows.
import { describeHeaders, detectHeaderRow, HEADER_SCAN_ROWS } from './header-row.js';
import { TableReadError } from './table-read-error.js';
import type { ReadOptions, TableInfo } from './table-types.js';
import { openXlsxContainer, verifyXlsx, type XlsxContainer, type XlsxSheet } from './xlsx-zip.js';
import { sheetRows, type SheetRow } from './xlsx-rows.js';

/** The first rows of a sheet, as physical rows (blank rows filled in as []); checks its bytes first. */
async function firstRows(container: XlsxContainer, sheet: XlsxSheet): Promise<string[][]> {
  await verifyXlsx(container, sheet);
  const rows: string[][] = [];
  for await (const row of sheetRows(container, sheet)) {
    addRow(rows, row);
    if (rows.length >= HEADER_SCAN_ROWS) break;
  }
  return rows;
}

function addRow(rows: string[][], row: SheetRow): void {
  while (rows.length < row.number - 1) rows.push([]);
  rows.push(row.cells);
}

/** Returns TableInfo for an xlsx workbook. Throws TableReadError corrupt-xlsx, unsupported-format, no-header. */
export async function openXlsx(path: string, size: number, options: ReadOptions): Promise<TableInfo> {
  const container = await openXlsxContainer(path, size);
  const sheets = container.sheets.map((s) => s.name);
  let sheet: string | undefined;
  let rows: string[][] = [];
  if (options.sheet !== undefined) {
    const chosen = container.sheets.find((s) => s.name === options.sheet);
    if (chosen === undefined) {
      throw new TableReadError('no-header', { variant: 'no-sheet', sheet: options.sheet, sheets });
    }
    sheet = chosen.name;
    rows = await firstRows(container, chosen);
  } else {
    // Visible sheets first: a hidden sheet is usually a lookup table, not the export.
    const ordered = [...container.sheets.filter((s) => !s.hidden), ...container.sheets.filter((s) => s.hidden)];
    for (const candidate of ordered) {
      rows = await firstRows(container, candidate);
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
    sizeBytes: size,
  };
}
