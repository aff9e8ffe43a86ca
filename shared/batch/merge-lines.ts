/**
 * Merges encoded lines of one identifier in file order: each column takes the last non-empty value.
 * Safe to split on commas because a raw comma never survives into an encoded cell.
 */
export function mergeEncodedLines(lines: readonly string[]): string {
  const first = lines[0];
  if (first === undefined) return '';
  const cells = first.split(',');
  for (let i = 1; i < lines.length; i++) {
    const next = lines[i]!.split(',');
    for (let c = 1; c < next.length; c++) {
      if (next[c] !== '') cells[c] = next[c]!;
    }
  }
  return cells.join(',');
}
