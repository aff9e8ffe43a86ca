// Chooses the delimiter and the header row of a CSV/TSV/TXT file from its first decoded text.
import { parseAll } from './csv-chunk-parser.js';
import { detectHeaderRow, HEADER_SCAN_ROWS } from './header-row.js';
import { TableReadError } from './table-read-error.js';
import { DELIMITERS, type Delimiter } from './table-types.js';

export interface CsvLayout {
  readonly delimiter: Delimiter;
  readonly delimiterSource: 'detected' | 'override';
  /** 1-based record (physical line) of the header. */
  readonly headerRow: number;
  readonly headerRowSource: 'detected' | 'override';
  readonly headers: readonly string[];
}

const isBlank = (r: readonly string[]): boolean => r.length === 1 && (r[0] as string).trim() === '';

/** Returns how consistently `delimiter` splits the rows: the share of rows with the usual cell count (0 when it never splits). */
function score(records: readonly (readonly string[])[]): { readonly share: number; readonly cells: number } {
  const rows = records.filter((r) => !isBlank(r)).slice(0, 200);
  const freq = new Map<number, number>();
  for (const r of rows) freq.set(r.length, (freq.get(r.length) ?? 0) + 1);
  let cells = 0;
  let best = 0;
  for (const [k, n] of freq) if (n > best || (n === best && k > cells)) [cells, best] = [k, n];
  return { share: cells < 2 || rows.length === 0 ? 0 : best / rows.length, cells };
}

/** Picks the delimiter among , ; tab | that splits the sample most consistently (ties: more cells, then that order). */
export function sniffDelimiter(sample: string): Delimiter {
  let chosen: Delimiter = ',';
  let bestShare = 0;
  let bestCells = 0;
  for (const d of DELIMITERS) {
    const { share, cells } = score(parseAll(sample, d));
    if (share > bestShare || (share === bestShare && share > 0 && cells > bestCells)) {
      chosen = d;
      bestShare = share;
      bestCells = cells;
    }
  }
  return chosen;
}

/**
 * Returns delimiter, header row and headers for `sample` (decoded text with LF line ends, cut at a
 * line end). Throws TableReadError 'no-header' when the override points past the sample or no row
 * holds any text.
 */
export function sniffCsv(sample: string, overrides: { delimiter?: Delimiter; headerRow?: number }): CsvLayout {
  // Excel's "sep=;" first line names the delimiter; it is never the header.
  const hint = /^\uFEFF?sep=(.)\n/i.exec(sample)?.[1];
  const hinted = (DELIMITERS as readonly string[]).includes(hint ?? '') ? (hint as Delimiter) : undefined;
  const delimiter = overrides.delimiter ?? hinted ?? sniffDelimiter(sample);
  const records = parseAll(sample, delimiter);
  let index: number | null;
  if (overrides.headerRow !== undefined) {
    index = overrides.headerRow - 1;
    if (index < 0 || index >= records.length || isBlank(records[index] as string[])) {
      throw new TableReadError('no-header', { variant: 'header-row', row: overrides.headerRow, rows: records.length });
    }
  } else {
    const skip = hinted !== undefined ? 1 : 0;
    const found = detectHeaderRow(records.slice(skip, HEADER_SCAN_ROWS));
    index = found === null ? null : found + skip;
    if (index === null) {
      throw new TableReadError('no-header', { variant: 'blank' });
    }
  }
  const headers = (records[index] as string[]).map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h));
  return {
    delimiter,
    delimiterSource: overrides.delimiter === undefined ? 'detected' : 'override',
    headerRow: index + 1,
    headerRowSource: overrides.headerRow === undefined ? 'detected' : 'override',
    headers,
  };
}
