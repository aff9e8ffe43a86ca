// Test support: a result CSV read the way a script reads it (BOM dropped, cells by header name).
import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';

/** A result CSV's header and rows (each row's cells by header name). */
export interface ResultCsv {
  readonly header: readonly string[];
  readonly rows: readonly Readonly<Record<string, string>>[];
}

/** Parses result CSV text; throws when it does not start with a BOM or a line has another number of cells than the header. */
export function parseResultCsv(text: string): ResultCsv {
  if (!text.startsWith('\uFEFF')) throw new Error('The result CSV has no byte-order mark');
  const [header, ...lines] = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data as [string[], ...string[][]];
  const bad = lines.findIndex((cells) => cells.length !== header.length);
  if (bad >= 0) throw new Error(`Line ${bad + 2} of the result CSV has ${lines[bad]!.length} cells, the header ${header.length}`);
  return { header, rows: lines.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']))) };
}

/** Reads and parses the result CSV at `path` (see parseResultCsv). */
export async function readResultCsv(path: string): Promise<ResultCsv> {
  return parseResultCsv(await readFile(path, 'utf8'));
}
