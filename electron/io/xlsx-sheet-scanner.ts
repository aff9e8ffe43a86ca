// The rows of a sheet's XML as the strings the sheet shows (see excel-format.ts): an XmlScanner that
// turns the elements of one sheet part into rows, one piece of the part at a time. Rows and cells
// without an `r` attribute (valid OOXML: they follow the previous one) are placed in order.
import { formatCell, isDateFormat, numberFormatter } from './excel-format.js';
import { XmlScanner } from './xml-scan.js';
import { limitError, XLSX_LIMITS } from './xlsx-limits.js';
import { plainCell } from './xlsx-plain-cell.js';
import type { SharedStringsReader } from './xlsx-shared-strings.js';

export interface SheetRow {
  /** 1-based row number in the sheet. */
  readonly number: number;
  /** Cells from column A up to the last cell that has a value. */
  readonly cells: string[];
}

/** What reading cells needs besides the sheet: number formats per style and the shared strings. */
export interface SheetContext {
  readonly formats: readonly (string | undefined)[];
  readonly strings: SharedStringsReader;
  readonly date1904: boolean;
}

/** Column number (1-based) of a cell reference such as `AB12`; NaN when it has no letters. */
function columnOf(ref: string): number {
  return columnAt(ref, 0, ref.length);
}

/** What columnAt returns for a reference that holds an entity: it must be decoded first. */
const ENTITY = -2;

/** Column number of the cell reference in s[start, end) (see columnOf); ENTITY when it meets `&`. */
function columnAt(s: string, start: number, end: number): number {
  let col = 0;
  let i = start;
  for (; i < end; i++) {
    const code = s.charCodeAt(i);
    if (code === 0x26) return ENTITY;
    const c = code | 0x20; // lower-case
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
    if (col > XLSX_LIMITS.columns) return col;
  }
  return i === start ? Number.NaN : col;
}

/** Shows a number in one cell style. */
type Formatter = (n: number) => string;

/** The formatter of cell style `style`: its number format, dates moved to the 1900 system in a 1904 workbook. */
function formatterOf(ctx: SheetContext, style: number): Formatter {
  const fmt = ctx.formats[style];
  const f = numberFormatter(fmt);
  return ctx.date1904 && isDateFormat(fmt) ? (n) => f(n + 1462) : f;
}

/**
 * The number written as s[start, end) when it is 1 to 15 digits with no leading zero (or `0`): then
 * String() of it gives back the same text, and Number() of the text gives it. Else -1.
 */
function digitsAt(s: string, start: number, end: number): number {
  const length = end - start;
  if (length < 1 || length > 15 || (length > 1 && s.charCodeAt(start) === 0x30)) return -1;
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = s.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** The text a cell shows, from its type, raw value, inline text and style (`formatterFor` gives a style's formatter). */
function cellText(ctx: SheetContext, formatterFor: (style: number) => Formatter, type: string | undefined, value: string | null, inline: string | null, style: number): string {
  switch (type) {
    case 's':
      return value === null ? '' : (ctx.strings.get(Number(value)) ?? '');
    case 'inlineStr':
      return inline ?? value ?? '';
    case 'str':
    case 'e':
      return value ?? '';
    case 'b':
      return value === null ? '' : formatCell(value.trim() === '1' || value.trim() === 'true', undefined);
    case 'd': {
      if (value === null) return '';
      const date = new Date(value);
      return Number.isNaN(date.getTime()) ? value : formatCell(date, ctx.formats[style]);
    }
    default: {
      if (value === null || value.trim() === '') return '';
      const n = Number(value);
      if (!Number.isFinite(n)) return value;
      return formatterFor(style)(n);
    }
  }
}

/** The elements of a sheet the reader acts on, by their index in SHEET_TAGS. */
const SHEET_TAGS = ['c', 'v', 'row', 't', 'rPh', 'sheetData'];
const [CELL, VALUE, ROW, TEXT, PHONETIC, SHEET_DATA] = [0, 1, 2, 3, 4, 5];

export interface SheetScannerOptions {
  /**
   * Cells of the plain shape are read in one step (xlsx-plain-cell.ts); on unless false, which only the
   * tests that check both ways give the same rows pass.
   */
  readonly plainCells?: boolean;
}

/**
 * A scanner for the sheet part `part`: feed it the part's bytes (`write`, then `end`) and it calls `onRow`
 * with each non-blank row, in order, as soon as the row's close tag is read. Throws what XmlScanner
 * throws, and TableReadError `workbook-limit` for a row past 1,048,576, a column past XFD or a huge cell.
 */
export function sheetScanner(ctx: SheetContext, part: string, onRow: (row: SheetRow) => void, { plainCells = true }: SheetScannerOptions = {}): XmlScanner {
  const formatters: Formatter[] = [];
  /** The formatter of a cell style, compiled on its first use in this read. */
  const formatterFor = (style: number): Formatter =>
    formatters[style] ?? (Number.isInteger(style) && style >= 0 && style < 65_536 ? (formatters[style] = formatterOf(ctx, style)) : formatterOf(ctx, style));
  /** The value of the open <v> when it is one run of digits (see digitsAt), else -1 and the text is in `value`. */
  let digits = -1;
  let rowNumber = 0;
  let cells: string[] = [];
  let col = 0;
  let type: string | undefined;
  let style = 0;
  let value: string | null = null;
  let inline: string | null = null;
  let inSheetData = false;
  let inValue = false;
  let inInlineText = false;
  let phonetic = 0;
  /** Puts the cell just read (col, type, style, digits or value, inline) in the row. */
  const finishCell = (): void => {
    let text: string;
    if (digits >= 0 && type === 's') text = ctx.strings.get(digits) ?? '';
    else if (digits >= 0 && (type === undefined || type === 'n')) text = formatterFor(style)(digits);
    else text = cellText(ctx, formatterFor, type, digits >= 0 ? String(digits) : value, inline, style);
    digits = -1;
    if (text !== '') {
      while (cells.length < col - 1) cells.push('');
      cells[col - 1] = text;
    }
  };
  const scanner: XmlScanner = new XmlScanner(part, SHEET_TAGS, {
    shortcut(source, lt, ascii) {
      // Only where the events would start from a clean state: not inside a value, an inline text or a phonetic run.
      if (!plainCells || ascii === null || inValue || inInlineText || phonetic > 0) return -1;
      const cell = plainCell(ascii, lt);
      if (cell === null) return -1;
      const c = cell.column > 0 ? cell.column : col + 1;
      if (c > XLSX_LIMITS.columns) return -1; // the scanner's way says why
      col = c;
      type = cell.type;
      style = cell.style;
      inline = null;
      if (cell.valueStart < 0) {
        value = null;
        digits = -1;
      } else {
        digits = cell.digits;
        value = digits >= 0 ? '' : source.slice(cell.valueStart, cell.valueEnd);
      }
      finishCell();
      return cell.end;
    },
    open(tag) {
      switch (tag) {
        case SHEET_DATA:
          inSheetData = true;
          break;
        case ROW: {
          if (!inSheetData) break;
          const ref = scanner.attr('r');
          const r = ref === undefined ? rowNumber + 1 : Number.parseInt(ref, 10);
          rowNumber = Number.isInteger(r) && r > 0 ? r : rowNumber + 1;
          if (rowNumber > XLSX_LIMITS.rows) throw limitError('rows', XLSX_LIMITS.rows, part);
          cells = [];
          col = 0;
          break;
        }
        case CELL: {
          const at = scanner.attrAt('r');
          let c = at < 0 ? Number.NaN : columnAt(scanner.source, at, scanner.valueEnd);
          if (c === ENTITY) c = columnOf(scanner.attr('r') as string);
          col = Number.isNaN(c) ? col + 1 : c;
          if (col > XLSX_LIMITS.columns) throw limitError('columns', XLSX_LIMITS.columns, part);
          type = scanner.attr('t');
          const s = scanner.attr('s');
          style = s === undefined ? 0 : Number(s);
          value = null;
          digits = -1;
          inline = null;
          break;
        }
        case VALUE:
          inValue = true; // a second <v> in one cell starts over: the last one counts
          value = '';
          digits = -1;
          scanner.wantText = true;
          break;
        case PHONETIC:
          phonetic++;
          break;
        case TEXT:
          if (type === 'inlineStr' && phonetic === 0) {
            inInlineText = true;
            inline ??= '';
            scanner.wantText = true;
          }
          break;
        default:
          break;
      }
    },
    close(tag) {
      switch (tag) {
        case SHEET_DATA:
          inSheetData = false;
          break;
        case VALUE:
          inValue = false;
          scanner.wantText = inInlineText;
          break;
        case TEXT:
          inInlineText = false;
          scanner.wantText = inValue;
          break;
        case PHONETIC:
          phonetic--;
          break;
        case CELL:
          finishCell();
          break;
        case ROW:
          if (inSheetData && cells.length > 0) onRow({ number: rowNumber, cells });
          cells = [];
          break;
        default:
          break;
      }
    },
    text(source, start, end) {
      if (inValue) {
        // A value that is one run of plain digits (a shared-string index, most numbers) is read in place.
        if (value === '' && digits < 0) {
          digits = digitsAt(source, start, end);
          if (digits >= 0) return;
        } else if (digits >= 0) {
          value = String(digits);
          digits = -1;
        }
        value += source.slice(start, end);
      } else if (inInlineText) inline += source.slice(start, end);
      else return;
      // Many runs of rich text are still one cell: held to one text run's length.
      if ((value?.length ?? 0) + (inline?.length ?? 0) > XLSX_LIMITS.textRunChars) throw limitError('text-run', XLSX_LIMITS.textRunChars, part);
    },
  });
  return scanner;
}
