import type { TopValues } from '../../../shared/contract/review.js';
import type { CompiledMapping } from '../../../shared/domain/compile-mapping.js';

/** Distinct values tracked per parameter; past this the counts of values not yet seen are lost (marked `capped`). */
export const TOP_VALUES_CAP = 20_000;
const PAGE = 1000;

export interface TopValuesInput {
  readonly mapping: CompiledMapping;
  /** The row's values as they will be sent, by column (`sentCells`). */
  sentCells(cells: readonly string[]): readonly (string | null)[];
  readonly limit: number;
  /** Reads rows `first`.. (1-based) of the open file, waiting for rows not counted yet; a short page means the file ended there. */
  readPage(first: number, count: number): Promise<{ readonly rows: readonly (readonly string[])[]; readonly totalRows: number; readonly complete: boolean }>;
  /** True when the row will be sent. */
  sent(row: number): boolean;
  /** The row's cells with the user's edits applied. */
  edit(row: number, cells: readonly string[]): readonly string[];
}

/**
 * Counts the values of every column-sourced parameter (as sent: transforms and fixes applied) over the rows that will be
 * sent, a page at a time, and returns the `limit` most common per parameter, most common first.
 */
export async function countTopValues(input: TopValuesInput): Promise<readonly TopValues[]> {
  const params = input.mapping.params.filter((p) => p.index >= 0);
  const counts = params.map(() => new Map<string, number>());
  const empty = params.map(() => 0);
  const capped = params.map(() => false);
  let first = 1;
  for (;;) {
    const page = await input.readPage(first, PAGE);
    if (page.rows.length === 0) break;
    for (let i = 0; i < page.rows.length; i++) {
      const row = first + i;
      if (!input.sent(row)) continue;
      const sent = input.sentCells(input.edit(row, page.rows[i]!));
      for (let p = 0; p < params.length; p++) {
        const value = sent[params[p]!.index] ?? '';
        if (value === '') {
          empty[p]!++;
          continue;
        }
        const map = counts[p]!;
        const had = map.get(value);
        if (had !== undefined) map.set(value, had + 1);
        else if (map.size < TOP_VALUES_CAP) map.set(value, 1);
        else capped[p] = true;
      }
    }
    first += page.rows.length;
  }
  return params.map((param, p) => {
    const map = counts[p]!;
    const top = [...map.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, input.limit).map(([value, count]) => ({ value, count }));
    return { param: param.name, column: param.column, distinct: map.size, capped: capped[p]!, empty: empty[p]!, top };
  });
}
