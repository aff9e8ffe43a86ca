import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BASIC_CUSTOMERS,
  EUROPEAN_CUSTOMERS,
  JAPANESE_CUSTOMERS,
  KOREAN_CUSTOMERS,
  makeFixtures,
  XLSX_CUSTOMERS,
  type FixturePaths,
} from './fixtures/make-fixtures.js';
import { tempDirForTests } from './fixtures/temp-dir-for-tests.js';
import { openTable } from './open-table.js';
import { readAllRows } from './read-all.js';

const { dir, made: fx } = tempDirForTests('io-real-', makeFixtures);

async function readBack(path: string): Promise<{ info: Awaited<ReturnType<typeof openTable>>; table: string[][] }> {
  const info = await openTable(path);
  const { rows, notes } = await readAllRows(path, info);
  expect(notes).toEqual([]);
  return { info, table: [info.headers as string[], ...rows.map((r) => [...r])] };
}

describe('real-world export shapes', () => {
  it('Korean Excel CSV in CP949, including Hangul outside EUC-KR (똠, 뷁)', async () => {
    const { info, table } = await readBack(fx().koreanCp949);
    expect(info.encoding).toMatchObject({ encoding: 'cp949', bom: false, source: 'detected' });
    expect(info.encoding?.confidence).toBeGreaterThan(0.5);
    expect(info.delimiter).toBe(',');
    expect(table).toEqual(KOREAN_CUSTOMERS);
    expect(table.flat().join('')).toContain('이똠순');
  });

  it('European semicolon CSV in Windows-1252 with decimal commas and €', async () => {
    const { info, table } = await readBack(fx().europeanSemicolon1252);
    expect(info.encoding?.encoding).toBe('windows-1252');
    expect(info.delimiter).toBe(';');
    expect(table).toEqual(EUROPEAN_CUSTOMERS);
  });

  it('UTF-8 with BOM and CRLF: BOM not in the first header, quoted comma, quote and line break kept', async () => {
    const { info, table } = await readBack(fx().utf8BomCrlf);
    expect(info.encoding).toEqual({ encoding: 'utf-8', bom: true, confidence: 1, source: 'bom' });
    expect(info.headers[0]).toBe('thirdPartyId');
    expect(table).toEqual(BASIC_CUSTOMERS);
  });

  it('title rows above the header are skipped', async () => {
    const { info, table } = await readBack(fx().titleRows);
    expect(info.headerRow).toBe(4);
    expect(info.headerRowSource).toBe('detected');
    expect(table).toEqual(BASIC_CUSTOMERS);
  });

  it('a header-row override reads from that row (and a wrong one gives other headers)', async () => {
    const info = await openTable(fx().titleRows, { headerRow: 4 });
    expect(info.headerRowSource).toBe('override');
    expect([info.headers, ...(await readAllRows(fx().titleRows, info)).rows]).toEqual(BASIC_CUSTOMERS);
    const wrong = await openTable(fx().titleRows, { headerRow: 5 });
    expect(wrong.headers).toEqual(BASIC_CUSTOMERS[1]);
  });

  it('Shift_JIS Japanese, including CP932 extras (髙, ①)', async () => {
    const { info, table } = await readBack(fx().shiftJis);
    expect(info.encoding?.encoding).toBe('shift_jis');
    expect(table).toEqual(JAPANESE_CUSTOMERS);
  });

  it('UTF-16 LE tab-separated "Unicode text"', async () => {
    const { info, table } = await readBack(fx().utf16leTab);
    expect(info.encoding).toMatchObject({ encoding: 'utf-16le', bom: true });
    expect(info.delimiter).toBe('\t');
    expect(table).toEqual(BASIC_CUSTOMERS);
  });

  it('xlsx with text ids (leading zeros, 18 digits), a 000000 number format, dates and #,##0', async () => {
    const { info, table } = await readBack(fx().xlsxTextIds);
    expect(info).toMatchObject({ format: 'xlsx', encoding: null, delimiter: null, sheet: 'Customers', sheets: ['Customers', 'Lookup'], headerRow: 1 });
    expect(table).toEqual(XLSX_CUSTOMERS);
  });

  it('the generator is deterministic', async () => {
    const again = await makeFixtures(join(dir(), 'again'));
    const { readFile } = await import('node:fs/promises');
    for (const key of Object.keys(fx()) as (keyof FixturePaths)[]) {
      if (key === 'xlsxTextIds') continue; // zip timestamps are the write time
      expect(Buffer.compare(await readFile(fx()[key]), await readFile(again[key])), key).toBe(0);
    }
  });
});
