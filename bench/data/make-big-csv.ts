/**
 * `makeBigCsv(path, rows, { seed })` writes a deterministic UTF-8 CSV of `rows` data rows × 10 columns
 * (about 100 MB at 1,000,000 rows) with a header, quoted fields (some holding commas, doubled quotes
 * and Korean text), streamed in bounded memory. Same arguments → same bytes.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { BIG_CSV_HEADERS, CITY, FIRST, LAST, NOTE, TIER, bigId, bigRows } from './big-table.js';

export interface BigCsvOptions {
  /** PRNG seed; default 1. */
  readonly seed?: number;
}

export interface BigCsvResult {
  readonly path: string;
  readonly rows: number;
  readonly bytes: number;
}

/** A cell as CSV writes it: quoted, with doubled quotes, when it holds a comma, a quote or a line break. */
const csvCell = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Writes the CSV and resolves when it is flushed; rejects on a write error. */
export async function makeBigCsv(path: string, rows: number, options: BigCsvOptions = {}): Promise<BigCsvResult> {
  const out = createWriteStream(path, { highWaterMark: 1024 * 1024 });
  let bytes = 0;
  const write = async (s: string): Promise<void> => {
    bytes += Buffer.byteLength(s);
    if (!out.write(s)) await once(out, 'drain');
  };
  await write(BIG_CSV_HEADERS.join(',') + '\n');
  let block = '';
  let i = 0;
  for (const r of bigRows(rows, options.seed ?? 1)) {
    i++;
    block +=
      `${bigId(i)},user${i}@example.com,${LAST[r.last]},${FIRST[r.first]},${csvCell(CITY[r.city]!)},${TIER[r.tier]},${r.points},` +
      `${r.year}-${pad2(r.month)}-${pad2(r.day)},${csvCell(NOTE[r.note]!)},${r.phone}\n`;
    if (block.length > 256 * 1024) {
      await write(block);
      block = '';
    }
  }
  if (block !== '') await write(block);
  out.end();
  await once(out, 'finish');
  return { path, rows, bytes };
}
