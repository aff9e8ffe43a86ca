// The plain shape nearly every cell of a sheet has, read in one step: the sheet reader's shortcut past
// the general XML scanner (xml-scan.ts), which stays the reader of every other shape.
import { XLSX_LIMITS } from './xlsx-limits.js';

/** A cell read whole by plainCell. */
export interface PlainCell {
  /** From its `r` (1-based), or 0 when it has none. */
  column: number;
  type: string | undefined;
  style: number;
  /** Where the text of its `<v>` starts and ends in the source; -1 for a cell without one. */
  valueStart: number;
  valueEnd: number;
  /** Index after its close tag. */
  end: number;
}

/** The value of a cell's `t` as a shared constant (most cells say one of these), else a copy. */
const CELL_TYPES = new Map(['s', 'n', 'b', 'e', 'd', 'str', 'inlineStr'].map((t) => [t, t]));

const reused: PlainCell = { column: 0, type: undefined, style: 0, valueStart: -1, valueEnd: -1, end: 0 };

/**
 * Reads the cell element at `lt` in `s` when it has the plain shape spreadsheet writers give nearly every
 * cell — `<c r="B2" s="1" t="s"><v>12</v></c>` or `<c r="B2" s="1"/>`: attributes among r, s and t, each
 * once, in double quotes, with a column reference, a style number and a type of letters; a value with
 * no `&` and no CR — and returns it (the same object each time), or null for anything else: that cell
 * is left to the scanner, which reads every shape and refuses what is malformed. So this path never
 * takes a cell the scanner would read differently or refuse.
 */
export function plainCell(s: string, lt: number): PlainCell | null {
  if (s.charCodeAt(lt + 1) !== 0x63 || s.charCodeAt(lt + 2) !== 0x20) return null;
  const n = s.length;
  let i = lt + 3;
  let column = 0;
  let style = 0;
  let type: string | undefined;
  let seen = 0;
  let empty = false;
  for (;;) {
    while (i < n && s.charCodeAt(i) === 0x20) i++;
    if (i + 2 >= n) return null;
    const a = s.charCodeAt(i);
    if (a === 0x3e) {
      i++;
      break;
    }
    if (a === 0x2f) {
      if (s.charCodeAt(i + 1) !== 0x3e) return null;
      empty = true;
      i += 2;
      break;
    }
    if (s.charCodeAt(i + 1) !== 0x3d || s.charCodeAt(i + 2) !== 0x22) return null;
    let j = i + 3;
    if (a === 0x72 && (seen & 1) === 0) {
      // r: letters (the column), then digits (the row, which the row element gives)
      seen |= 1;
      for (; j < n; j++) {
        const c = s.charCodeAt(j) | 0x20;
        if (c < 97 || c > 122) break;
        column = column * 26 + (c - 96);
        if (column > XLSX_LIMITS.columns) return null;
      }
      if (column === 0) return null;
      while (j < n && s.charCodeAt(j) >= 0x30 && s.charCodeAt(j) <= 0x39) j++;
    } else if (a === 0x73 && (seen & 2) === 0) {
      seen |= 2;
      const from = j;
      for (; j < n && j - from < 9; j++) {
        const d = s.charCodeAt(j) - 0x30;
        if (d < 0 || d > 9) break;
        style = style * 10 + d;
      }
      if (j === from) return null;
    } else if (a === 0x74 && (seen & 4) === 0) {
      seen |= 4;
      const from = j;
      while (j < n && ((s.charCodeAt(j) | 0x20) >= 97 && (s.charCodeAt(j) | 0x20) <= 122)) j++;
      if (j === from) return null;
      const raw = s.slice(from, j);
      type = CELL_TYPES.get(raw) ?? raw;
    } else return null;
    if (j >= n || s.charCodeAt(j) !== 0x22) return null;
    i = j + 1;
  }
  const cell = reused;
  cell.column = column;
  cell.type = type;
  cell.style = style;
  if (empty) {
    cell.valueStart = -1;
    cell.valueEnd = -1;
    cell.end = i;
    return cell;
  }
  // `<v>` text `</v></c>`, or `</c>` at once
  if (s.charCodeAt(i) !== 0x3c) return null;
  if (s.startsWith('/c>', i + 1)) {
    cell.valueStart = -1;
    cell.valueEnd = -1;
    cell.end = i + 4;
    return cell;
  }
  if (s.charCodeAt(i + 1) !== 0x76 || s.charCodeAt(i + 2) !== 0x3e) return null;
  const start = i + 3;
  let k = start;
  for (; k < n; k++) {
    const c = s.charCodeAt(k);
    if (c === 0x3c) break;
    if (c === 0x26 || c === 0x0d) return null;
  }
  if (k >= n || k - start > XLSX_LIMITS.textRunChars || !s.startsWith('</v></c>', k)) return null;
  cell.valueStart = start;
  cell.valueEnd = k;
  cell.end = k + 8;
  return cell;
}
