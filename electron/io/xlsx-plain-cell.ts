// The plain shape nearly every cell of a sheet has, read in one step: the sheet reader's shortcut past
// the general XML scanner (xml-scan.ts), which stays the reader of every other shape.
import { XLSX_LIMITS } from './xlsx-limits.js';

/** A cell read whole by plainCell. */
export interface PlainCell {
  /** From its `r` (1-based), or 0 when it has none. */
  column: number;
  type: string | undefined;
  style: number;
  /** Where the text of its `<v>` starts and ends in the bytes read; -1 for a cell without one. */
  valueStart: number;
  valueEnd: number;
  /**
   * The value when its text is 1 to 15 digits with no leading zero (or `0`): then String() of it gives
   * back the same text, and Number() of the text gives it. Else -1.
   */
  digits: number;
  /** Index after its close tag. */
  end: number;
}

/** The one-letter cell types by letter (a = 0), so that reading them makes no string. */
const ONE_LETTER_TYPES: (string | undefined)[] = [];
for (const t of ['s', 'n', 'b', 'e', 'd']) ONE_LETTER_TYPES[t.charCodeAt(0) - 97] = t;
const KNOWN_TYPES = new Map(['str', 'inlineStr'].map((t) => [t, t]));

/** The cell type in b[from, to) (ASCII letters), a shared constant when it is a known one. */
function typeAt(b: Uint8Array, from: number, to: number): string {
  let t = '';
  for (let k = from; k < to; k++) t += String.fromCharCode(b[k] as number);
  return KNOWN_TYPES.get(t) ?? t;
}

const reused: PlainCell = { column: 0, type: undefined, style: 0, valueStart: -1, valueEnd: -1, digits: -1, end: 0 };

/** `</v></c>` at `k`. */
function closesValueAndCell(b: Uint8Array, k: number): boolean {
  return (
    b[k + 1] === 0x2f &&
    b[k + 2] === 0x76 &&
    b[k + 3] === 0x3e &&
    b[k + 4] === 0x3c &&
    b[k + 5] === 0x2f &&
    b[k + 6] === 0x63 &&
    b[k + 7] === 0x3e
  );
}

/**
 * Reads the cell element at `lt` in `b` (a piece of a sheet, all ASCII, as bytes) when it has the plain
 * shape spreadsheet writers give nearly every cell — `<c r="B2" s="1" t="s"><v>12</v></c>` or
 * `<c r="B2" s="1"/>`: attributes among r, s and t, each once, in double quotes, with a column
 * reference, a style number and a type of letters; a value with no `&` and no CR — and returns it (the
 * same object each time), or null for anything else: that cell is left to the scanner, which reads
 * every shape and refuses what is malformed. So this path never takes a cell the scanner would read
 * differently or refuse.
 */
export function plainCell(b: Uint8Array, lt: number): PlainCell | null {
  if (b[lt + 1] !== 0x63 || b[lt + 2] !== 0x20) return null;
  const n = b.length;
  let i = lt + 3;
  let column = 0;
  let style = 0;
  let type: string | undefined;
  let seen = 0;
  let empty = false;
  for (;;) {
    while (i < n && b[i] === 0x20) i++;
    if (i + 2 >= n) return null;
    const a = b[i] as number;
    if (a === 0x3e) {
      i++;
      break;
    }
    if (a === 0x2f) {
      if (b[i + 1] !== 0x3e) return null;
      empty = true;
      i += 2;
      break;
    }
    if (b[i + 1] !== 0x3d || b[i + 2] !== 0x22) return null;
    let j = i + 3;
    if (a === 0x72 && (seen & 1) === 0) {
      // r: letters (the column), then digits (the row, which the row element gives)
      seen |= 1;
      for (; j < n; j++) {
        const c = (b[j] as number) | 0x20;
        if (c < 97 || c > 122) break;
        column = column * 26 + (c - 96);
        if (column > XLSX_LIMITS.columns) return null;
      }
      if (column === 0) return null;
      while (j < n && (b[j] as number) >= 0x30 && (b[j] as number) <= 0x39) j++;
    } else if (a === 0x73 && (seen & 2) === 0) {
      seen |= 2;
      const from = j;
      for (; j < n && j - from < 9; j++) {
        const d = (b[j] as number) - 0x30;
        if (d < 0 || d > 9) break;
        style = style * 10 + d;
      }
      if (j === from) return null;
    } else if (a === 0x74 && (seen & 4) === 0) {
      seen |= 4;
      const from = j;
      while (j < n && ((b[j] as number) | 0x20) >= 97 && ((b[j] as number) | 0x20) <= 122) j++;
      if (j === from) return null;
      type = (j - from === 1 ? ONE_LETTER_TYPES[(b[from] as number) - 97] : undefined) ?? typeAt(b, from, j);
    } else return null;
    if (j >= n || b[j] !== 0x22) return null;
    i = j + 1;
  }
  const cell = reused;
  cell.column = column;
  cell.type = type;
  cell.style = style;
  cell.digits = -1;
  if (empty) {
    cell.valueStart = -1;
    cell.valueEnd = -1;
    cell.end = i;
    return cell;
  }
  // `<v>` text `</v></c>`, or `</c>` at once
  if (b[i] !== 0x3c) return null;
  if (b[i + 1] === 0x2f && b[i + 2] === 0x63 && b[i + 3] === 0x3e) {
    cell.valueStart = -1;
    cell.valueEnd = -1;
    cell.end = i + 4;
    return cell;
  }
  if (b[i + 1] !== 0x76 || b[i + 2] !== 0x3e) return null;
  const start = i + 3;
  let k = start;
  let number = 0;
  let onlyDigits = true;
  for (; k < n; k++) {
    const c = b[k] as number;
    if (c === 0x3c) break;
    if (c === 0x26 || c === 0x0d) return null;
    if (c >= 0x30 && c <= 0x39) number = number * 10 + (c - 0x30);
    else onlyDigits = false;
  }
  const length = k - start;
  if (k + 8 > n || length > XLSX_LIMITS.textRunChars || !closesValueAndCell(b, k)) return null;
  cell.valueStart = start;
  cell.valueEnd = k;
  cell.digits = onlyDigits && length >= 1 && length <= 15 && (length === 1 || b[start] !== 0x30) ? number : -1;
  cell.end = k + 8;
  return cell;
}
