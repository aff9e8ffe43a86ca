/**
 * A cell a spreadsheet would run as a formula: its first non-blank character is `=`, `+`, `-`, `@`
 * or their full-width forms (`＝ ＋ － ＠`, which some spreadsheets also accept), or it starts with a
 * tab or CR.
 */
const FORMULA_START = /^(?:[\t\r]|[\s\u00a0\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20])/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * Returns `text` as one CSV cell that a spreadsheet will show as text: a formula start (see above)
 * gets a `'` in front (formula injection), and the cell is quoted when it holds a comma, quote or line
 * break. Numbers are written as they are.
 */
export function safeCsvCell(text: string | number): string {
  let s = String(text);
  if (typeof text === 'string' && FORMULA_START.test(s)) s = `'${s}`;
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Returns one CSV line (no line break) of formula-safe cells. */
export function safeCsvLine(cells: readonly (string | number)[]): string {
  return cells.map(safeCsvCell).join(',');
}
