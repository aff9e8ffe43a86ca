// Streaming behaviour of readTable: chunking, row numbering, progress, cancellation, limits.
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTable } from './open-table.js';
import { readAllRows } from './read-all.js';
import { ROWS_PER_CHUNK } from './read-csv.js';
import { readTable } from './read-table.js';
import { TableReadError } from './table-types.js';

let dir: string;
let big: string;
const ROWS = 25_000;
const rowAt = (i: number): string[] => [`ID-${i}`, i % 10 === 0 ? `multi\nline ${i}` : `name ${i}`, i % 7 === 0 ? `has "quotes", commas` : 'x'];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'io-read-'));
  big = join(dir, 'big.csv');
  const quote = (c: string): string => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  const lines = ['id,name,note'];
  for (let i = 1; i <= ROWS; i++) lines.push(rowAt(i).map(quote).join(','));
  await writeFile(big, lines.join('\r\n') + '\r\n');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readTable on a multi-chunk CSV', () => {
  it('returns every row in order, quoted multi-line cells intact, in chunks of at most ROWS_PER_CHUNK', async () => {
    const info = await openTable(big);
    const { rows, chunks, chunkSizes, notes } = await readAllRows(big, info);
    expect(notes).toEqual([]);
    expect(rows).toHaveLength(ROWS);
    for (let i = 1; i <= ROWS; i++) expect(rows[i - 1]).toEqual(rowAt(i));
    expect(chunkSizes.every((n) => n > 0 && n <= ROWS_PER_CHUNK)).toBe(true);
    let expected = 1;
    chunks.forEach((c, i) => {
      expect(c.firstRow).toBe(expected);
      expected += chunkSizes[i] as number;
    });
  });

  it('reports progress in bytes, rising to the file size', async () => {
    const info = await openTable(big);
    const { progress } = await readAllRows(big, info);
    expect(progress.length).toBeGreaterThan(1);
    for (let i = 1; i < progress.length; i++) expect(progress[i]!.bytesRead).toBeGreaterThanOrEqual(progress[i - 1]!.bytesRead);
    expect(progress.at(-1)).toEqual({ bytesRead: info.sizeBytes, totalBytes: info.sizeBytes, rows: ROWS });
  });

  it('stops with TableReadError "cancelled" when the signal aborts mid-file', async () => {
    const info = await openTable(big);
    const controller = new AbortController();
    let seen = 0;
    const run = async (): Promise<void> => {
      for await (const chunk of readTable(big, info, { signal: controller.signal })) {
        seen += chunk.rows.length;
        controller.abort();
      }
    };
    await expect(run()).rejects.toMatchObject({ code: 'cancelled' });
    expect(seen).toBeGreaterThan(0);
    expect(seen).toBeLessThan(ROWS);
  });

  it('an already aborted signal reads nothing', async () => {
    const info = await openTable(big);
    const controller = new AbortController();
    controller.abort();
    await expect(readAllRows(big, info, { signal: controller.signal })).rejects.toBeInstanceOf(TableReadError);
  });

  it('breaking out early is allowed and the same info reads the same rows again', async () => {
    const info = await openTable(big);
    for await (const chunk of readTable(big, info)) {
      expect(chunk.firstRow).toBe(1);
      break;
    }
    expect((await readAllRows(big, info)).rows).toHaveLength(ROWS);
  });
});

describe('readTable edge cases', () => {
  it('blank lines between rows are skipped, rows stay numbered consecutively', async () => {
    const path = join(dir, 'blank.csv');
    await writeFile(path, 'id,name\n\nA1,Ann\n\n\nA2,Bo\n\n');
    const info = await openTable(path);
    expect((await readAllRows(path, info)).rows).toEqual([['A1', 'Ann'], ['A2', 'Bo']]);
  });

  it('a header-only file has no rows', async () => {
    const path = join(dir, 'header-only.csv');
    await writeFile(path, 'id,name\r\n');
    const info = await openTable(path);
    expect(info.headers).toEqual(['id', 'name']);
    expect((await readAllRows(path, info)).rows).toEqual([]);
  });

  it('a file without a final line end keeps its last row; a CR-only file reads as lines', async () => {
    const a = join(dir, 'no-eol.csv');
    await writeFile(a, 'id,name\nA1,Ann');
    expect((await readAllRows(a, await openTable(a))).rows).toEqual([['A1', 'Ann']]);
    const b = join(dir, 'cr.csv');
    await writeFile(b, 'id,name\rA1,Ann\rA2,Bo\r');
    expect((await readAllRows(b, await openTable(b))).rows).toEqual([['A1', 'Ann'], ['A2', 'Bo']]);
  });

  it('a quote opened mid-file and never closed costs only its own row: the rows after it are read', async () => {
    const path = join(dir, 'runaway.csv');
    const after = Array.from({ length: 20_000 }, (_, i) => [`A${i}`, `plain text number ${i}`]);
    await writeFile(path, `id,name\nB,"opened\n${after.map((r) => r.join(',')).join('\n')}\n`);
    const info = await openTable(path);
    const { rows, notes } = await readAllRows(path, info);
    expect(rows[0]).toEqual(['B', 'opened']);
    expect(rows.slice(1)).toEqual(after);
    expect(notes).toEqual([expect.objectContaining({ row: 1, code: 'unclosed-quote' })]);
  });

  it('a legitimate quoted cell spanning many lines (under 64 KB) stays one cell', async () => {
    const path = join(dir, 'long-cell.csv');
    const cell = Array.from({ length: 500 }, (_, i) => `line ${i}, with a comma`).join('\n');
    await writeFile(path, `id,note\nA1,"${cell}"\nA2,after\n`);
    const { rows, notes } = await readAllRows(path, await openTable(path));
    expect(rows).toEqual([['A1', cell], ['A2', 'after']]);
    expect(notes).toEqual([]);
  });

  it('misplaced quotes are noted on their row', async () => {
    const path = join(dir, 'bad-quote.csv');
    await writeFile(path, 'id,name\nA1,"Ann"x"\nA2,Bo\n');
    const { notes, rows } = await readAllRows(path, await openTable(path));
    expect(rows).toEqual([['A1', 'Ann"x'], ['A2', 'Bo']]);
    expect(notes).toEqual([expect.objectContaining({ row: 1, code: 'malformed-quotes' })]);
  });
});
