/** The cells of a report's lines, read in chunks (readTable's shape). */
export type CellChunks = AsyncIterator<{ readonly rows: readonly (readonly string[])[] }>;

/**
 * A forward-only walk over a report whose first cell is the input row number, in increasing order:
 * `find(row)` (called with increasing rows) resolves to that line's cells, or undefined when the report
 * does not list it. A read error ends the walk quietly (later rows have no line): the result CSV that
 * uses it must be written regardless.
 */
export function rowCursor(open: () => Promise<CellChunks>): (row: number) => Promise<readonly string[] | undefined> {
  let chunks: CellChunks | undefined;
  let buffer: readonly (readonly string[])[] = [];
  let at = 0;
  let done = false;
  return async (row) => {
    try {
      chunks ??= await open();
      for (;;) {
        while (at < buffer.length) {
          const cells = buffer[at] as readonly string[];
          const listed = Number(cells[0]);
          if (listed > row) return undefined;
          at++;
          if (listed === row) return cells;
        }
        if (done) return undefined;
        const next = await chunks.next();
        if (next.done) {
          done = true;
          return undefined;
        }
        buffer = next.value.rows;
        at = 0;
      }
    } catch {
      done = true;
      buffer = [];
      return undefined;
    }
  };
}
