import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { defaultMapping } from '../../../shared/domain/mapping-spec.js';
import { DEFAULT_VALUE_FIXES } from '../../../shared/validation/value-fixes.js';
import { runPrepare } from './prepare-pipeline.js';
import { SOURCE_ROWS_FILE } from './prepare-source-rows.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'prepare-source-rows-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('source-rows.csv', () => {
  it('keeps every input row as read (before edits and transforms), in row order, with what blocked it', async () => {
    const path = join(dir, 'in.csv');
    // CP949 Korean; row 2 has no id (blocked), row 3 is edited and row 4 excluded by the user; row 5 has a quoted comma and line break.
    await writeFile(path, iconv.encode('id,등급,memo\r\nA1,골드, spaced \r\n,실버,no id\r\nA3,브론즈,edited\r\n,골드,left out\r\nA5,"VIP, 우수","two\nlines"\r\n', 'cp949'));
    const outDir = join(dir, 'out');
    const r = await runPrepare({
      path,
      read: {},
      mapping: defaultMapping(['id', '등급', 'memo'], 'id', 'thirdPartyId'),
      duplicates: 'flag',
      fixes: { ...DEFAULT_VALUE_FIXES, comma: { kind: 'replace', with: ' ' }, lineBreak: { kind: 'replace', with: ' ' } },
      edits: [{ row: 3, cells: { memo: 'changed' } }, { row: 4, exclude: true }],
      outDir,
    });
    expect(r.manifest).toMatchObject({ rows: 5, rejected: 1, excluded: 1, sourceRows: SOURCE_ROWS_FILE });
    const [header, ...rows] = Papa.parse<string[]>(await readFile(join(outDir, SOURCE_ROWS_FILE), 'utf8'), { skipEmptyLines: true }).data as [string[], ...string[][]];
    expect(header).toEqual(['row', 'why', 'id', '등급', 'memo']);
    expect(rows.map((c) => [c[0], ...c.slice(2)])).toEqual([
      ['1', 'A1', '골드', ' spaced '],
      ['2', '', '실버', 'no id'],
      ['3', 'A3', '브론즈', 'edited'],
      ['4', '', '골드', 'left out'],
      ['5', 'A5', 'VIP, 우수', 'two\nlines'],
    ]);
    const why = rows.map((c) => (c[1] ? (JSON.parse(c[1]) as { code: string }[]).map((i) => i.code) : []));
    // Row 2 was blocked; row 4, left out by the user, would have been blocked too; the others were sent.
    expect(why).toEqual([[], ['id-missing'], [], ['id-missing'], []]);
  });
});
