// Finds the header row among the first rows of a table, skipping title rows ("Customer export
// 2026-11-01", a blank line, then the header), and describes duplicate or empty header cells.
import type { HeaderNote } from './table-types.js';

/** Number of rows the detectors look at. */
export const HEADER_SCAN_ROWS = 50;

function width(row: readonly string[]): number {
  for (let i = row.length - 1; i >= 0; i--) if ((row[i] as string).trim() !== '') return i + 1;
  return 0;
}

function nonEmpty(row: readonly string[]): number {
  let n = 0;
  for (const cell of row) if (cell.trim() !== '') n++;
  return n;
}

/**
 * Returns the 0-based index of the header among `rows` (the first rows of the table, blank rows
 * included), or null when every row is blank. The header is the first row that fills at least half of
 * the table's usual width (and two cells when the table has two or more columns); rows above it are
 * titles or notes.
 */
export function detectHeaderRow(rows: readonly (readonly string[])[]): number | null {
  const scanned = rows.slice(0, HEADER_SCAN_ROWS);
  const freq = new Map<number, number>();
  for (const row of scanned) {
    const w = width(row);
    if (w > 0) freq.set(w, (freq.get(w) ?? 0) + 1);
  }
  if (freq.size === 0) return null;
  let usual = 0;
  let best = -1;
  for (const [w, n] of freq) {
    if (n > best || (n === best && w > usual)) {
      usual = w;
      best = n;
    }
  }
  const need = Math.max(Math.min(usual, 2), Math.ceil(usual / 2));
  const index = scanned.findIndex((row) => nonEmpty(row) >= need);
  return index === -1 ? scanned.findIndex((row) => width(row) > 0) : index;
}

/** Returns notes for empty headers and for headers that repeat an earlier one (compared exactly, trimmed). */
export function describeHeaders(headers: readonly string[]): HeaderNote[] {
  const notes: HeaderNote[] = [];
  const seen = new Map<string, number>();
  headers.forEach((raw, column) => {
    const name = raw.trim();
    if (name === '') {
      notes.push({ column, code: 'empty-header', message: `Column ${column + 1} has no header.` });
      return;
    }
    const first = seen.get(name);
    if (first === undefined) seen.set(name, column);
    else {
      notes.push({
        column,
        code: 'duplicate-header',
        message: `Column ${column + 1} has the same header as column ${first + 1}: "${name}".`,
      });
    }
  });
  return notes;
}
