// The bad-input corpus (item 8): every hostile file ends in a clear TableReadError or a reader note.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeError } from '../messages/error-words.js';
import { tempDirForTests } from './fixtures/temp-dir-for-tests.js';
import { makeHostileFixtures, type HostilePaths } from './fixtures/make-fixtures.js';
import { openTable } from './open-table.js';
import { readAllRows } from './read-all.js';
import { TableReadError, type TableErrorCode } from './table-types.js';

const { dir, made: fx } = tempDirForTests('io-bad-', makeHostileFixtures);

/** Opens and reads the file; returns the TableReadError it ends with (fails the test on any other outcome). */
async function failure(path: string): Promise<TableReadError> {
  try {
    const info = await openTable(path);
    await readAllRows(path, info);
  } catch (e) {
    expect(e).toBeInstanceOf(TableReadError);
    const err = e as TableReadError;
    expect(describeError(err)).not.toMatch(/\n\s+at /);
    return err;
  }
  throw new Error(`${path} was read without an error`);
}

describe('unusable files give a TableReadError with a code whose words are plain', () => {
  const cases: [keyof HostilePaths, TableErrorCode, RegExp][] = [
    ['empty', 'empty-file', /empty/],
    ['bomOnly', 'empty-file', /no data/],
    ['blankLines', 'empty-file', /blank lines/],
    ['png', 'binary-file', /PNG image/],
    ['randomBytes', 'binary-file', /not a table/],
    ['legacyXls', 'unsupported-format', /\.xls/],
    ['encryptedXlsx', 'unsupported-format', /password/],
    ['zipNotWorkbook', 'unsupported-format', /not an Excel workbook/],
    ['truncatedXlsx', 'corrupt-xlsx', /damaged or incomplete/],
    ['corruptXlsx', 'corrupt-xlsx', /damaged/],
    ['longLine', 'line-too-long', /first line is longer/],
    ['longRow', 'line-too-long', /Row 2 is longer than 2 MB/],
  ];
  for (const [key, code, message] of cases) {
    it(`${key} → ${code}`, async () => {
      const err = await failure(fx()[key]);
      expect(err.code).toBe(code);
      expect(describeError(err)).toMatch(message);
    });
  }

  it('a missing file → not-found; a folder → unreadable', async () => {
    expect((await failure(join(dir(), 'nope.csv'))).code).toBe('not-found');
    expect((await failure(dir())).code).toBe('unreadable');
  });
});

describe('damaged but usable files give notes', () => {
  it('unclosed quote near the end: the row is read to its line end, the lines after it stay rows, and it is noted', async () => {
    const info = await openTable(fx().unclosedQuote);
    const { rows, notes } = await readAllRows(fx().unclosedQuote, info);
    expect(rows).toEqual([['A1', 'Ann', 'fine'], ['A2', 'Bo', 'never closed'], ['A3', 'Cy', 'swallowed']]);
    expect(notes).toEqual([expect.objectContaining({ row: 2, code: 'unclosed-quote' })]);
  });

  it('an unclosed quote on the very last line keeps the rest of that line as the cell', async () => {
    const path = join(dir(), 'last-line-quote.csv');
    await writeFile(path, 'id,note\nA1,ok\nA2,"open to the end');
    const { rows, notes } = await readAllRows(path, await openTable(path));
    expect(rows).toEqual([['A1', 'ok'], ['A2', 'open to the end']]);
    expect(notes).toEqual([expect.objectContaining({ row: 2, code: 'unclosed-quote' })]);
  });

  it('NUL bytes are stripped and noted on their rows', async () => {
    const info = await openTable(fx().nulBytes);
    const { rows, notes } = await readAllRows(fx().nulBytes, info);
    expect(rows).toEqual([['A1', 'Ann'], ['A2', 'Bo'], ['A3', 'Cy']]);
    expect(notes.map((n) => [n.row, n.code])).toEqual([[1, 'nul-stripped'], [3, 'nul-stripped']]);
  });

  it('mixed line ends all count as line breaks, with one file-level note', async () => {
    const info = await openTable(fx().mixedLineEnds);
    const { rows, notes } = await readAllRows(fx().mixedLineEnds, info);
    expect(rows).toEqual([['A1', 'Ann'], ['A2', 'Bo'], ['A3', 'Cy']]);
    expect(notes).toEqual([expect.objectContaining({ row: 0, code: 'mixed-line-endings' })]);
  });

  it('duplicate and empty headers are kept and described in headerNotes', async () => {
    const dup = await openTable(fx().duplicateHeaders);
    expect(dup.headers).toEqual(['thirdPartyId', 'tier', 'tier', 'email']);
    expect(dup.headerNotes).toEqual([expect.objectContaining({ column: 2, code: 'duplicate-header' })]);
    const empty = await openTable(fx().emptyHeaders);
    expect(empty.headers).toEqual(['thirdPartyId', '', 'tier', '']);
    expect(empty.headerNotes.map((n) => [n.column, n.code])).toEqual([[1, 'empty-header'], [3, 'empty-header']]);
    expect((await readAllRows(fx().emptyHeaders, empty)).rows).toEqual([['A1', 'x', 'gold', 'y']]);
  });

  it('trailing empty cells beyond the headers are dropped without a note', async () => {
    const path = join(dir(), 'trailing-commas.csv');
    await writeFile(path, 'thirdPartyId,name\nA1,Ann,,\nA2,Bo,,x\n');
    const info = await openTable(path);
    const { rows, notes } = await readAllRows(path, info);
    expect(rows).toEqual([['A1', 'Ann'], ['A2', 'Bo', '', 'x']]);
    expect(notes.map((n) => [n.row, n.code])).toEqual([[2, 'extra-cells']]);
  });

  it('short rows are padded and noted; long rows keep their extra cells and are noted', async () => {
    const info = await openTable(fx().raggedRows);
    const { rows, notes } = await readAllRows(fx().raggedRows, info);
    expect(rows).toEqual([['A1', 'Ann', ''], ['A2', 'Bo', 'gold', 'extra'], ['A3', 'Cy', 'silver']]);
    expect(notes.map((n) => [n.row, n.code])).toEqual([[1, 'missing-cells'], [2, 'extra-cells']]);
  });
});
