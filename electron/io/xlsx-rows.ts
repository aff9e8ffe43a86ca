// Streams the rows of one sheet of an xlsx file through exceljs's streaming WorkbookReader, as the
// strings the sheet shows (see excel-format.ts). Closing the generator early closes the file.
import ExcelJS from 'exceljs';
import { formatCell } from './excel-format.js';
import { cancelledError, TableReadError } from './table-read-error.js';
import { xlsxPartsStream, type XlsxContainer, type XlsxSheet } from './xlsx-zip.js';

export interface SheetRow {
  /** 1-based row number in the sheet. */
  readonly number: number;
  /** Cells from column A up to the last cell that has a value. */
  readonly cells: string[];
}

interface CellLike {
  readonly value: unknown;
  readonly numFmt?: string;
}
interface RowLike {
  readonly number: number;
  eachCell(opts: { includeEmpty: boolean }, cb: (cell: CellLike, col: number) => void): void;
}
interface WorksheetLike extends AsyncIterable<RowLike> {
  readonly name: string;
}

export interface SheetRowsOptions {
  readonly signal?: AbortSignal;
  /** Called with the bytes of the file read so far. */
  readonly onBytes?: (bytes: number) => void;
}

function toCells(row: RowLike): string[] {
  const cells: string[] = [];
  row.eachCell({ includeEmpty: false }, (cell, col) => {
    const text = formatCell(cell.value, cell.numFmt);
    while (cells.length < col - 1) cells.push('');
    cells[col - 1] = text;
  });
  while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
  return cells;
}

/** Returns the TableReadError for a failure inside exceljs or the zip stream. */
export function xlsxFailure(e: unknown): TableReadError {
  if (e instanceof TableReadError) return e;
  return new TableReadError('corrupt-xlsx', { variant: 'unreadable', detail: e instanceof Error ? e.message : String(e) });
}

/**
 * Yields the non-blank rows of `sheet`. Throws TableReadError 'corrupt-xlsx' when the zip or XML
 * breaks, 'cancelled' when the signal aborts. Only the workbook parts and this sheet are read.
 */
export async function* sheetRows(container: XlsxContainer, sheet: XlsxSheet, opts: SheetRowsOptions = {}): AsyncGenerator<SheetRow> {
  const input = xlsxPartsStream(container, sheet);
  let bytes = 0;
  input.on('data', (b) => {
    bytes += (b as Buffer).length;
    opts.onBytes?.(bytes);
  });
  // A damaged zip may fail on the file stream itself; keep such errors from going unhandled.
  input.on('error', () => undefined);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  try {
    for await (const ws of reader as unknown as AsyncIterable<WorksheetLike>) {
      if (ws.name !== sheet.name) continue;
      for await (const row of ws) {
        if (opts.signal?.aborted) throw cancelledError();
        const cells = toCells(row);
        if (cells.length > 0) yield { number: row.number, cells };
      }
      return;
    }
  } catch (e) {
    throw xlsxFailure(e);
  } finally {
    input.destroy();
  }
}
