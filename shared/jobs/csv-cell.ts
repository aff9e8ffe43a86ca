/**
 * Returns `text` as one CSV cell that a spreadsheet will show as text: a leading `=`, `+`, `-`, `@`,
 * tab or CR gets a `'` in front (formula injection), and the cell is quoted when it holds a comma,
 * quote or line break.
 */
export function safeCsvCell(text: string | number): string {
  let s = String(text);
  if (typeof text === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Returns one CSV line (no line break) of formula-safe cells. */
export function safeCsvLine(cells: readonly (string | number)[]): string {
  return cells.map(safeCsvCell).join(',');
}
