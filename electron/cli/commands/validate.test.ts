import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { makeFixtures, makeHostileFixtures, type FixturePaths, type HostilePaths } from '../../io/fixtures/make-fixtures.js';
import { makeTemplate } from '../../../shared/domain/mapping-template.js';
import { mappingSpecSchema } from '../../../shared/domain/mapping-spec.js';

const bin = resolve(__dirname, '../../../bin/profile-loader.mjs');
let dir: string;
let fx: FixturePaths;
let hostile: HostilePaths;

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Spawns the installed entry point (bin/profile-loader.mjs → tsx from source) like a user's shell would. */
function cli(...args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, [bin, 'validate', ...args], { cwd: dir, env: { ...process.env, npm_lifecycle_event: '' } }, (error, stdout, stderr) => {
      const code = error && typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : 0;
      done({ code, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-validate-'));
  fx = await makeFixtures(join(dir, 'fx'));
  hostile = await makeHostileFixtures(join(dir, 'hostile'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('profile-loader validate', () => {
  it('writes a CP949 Korean CSV as URL-encoded UTF-8 batch bytes and prints the documented JSON', async () => {
    const out = join(dir, 'out-kr');
    // 고객명 holds names: sent only because --allow-personal-data names it (this test is about the bytes).
    const r = await cli(fx.koreanCp949, '--id-column', 'thirdPartyId', '--id-type', 'thirdPartyId', '--map', '고객명=name,등급=grade', '--comma', 'replace:_', '--allow-personal-data', '고객명', '--out', out, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json).sort()).toEqual(['batches', 'delimiter', 'encoding', 'excluded', 'file', 'headerRow', 'idType', 'issueCounts', 'issues', 'issuesTruncated', 'params', 'personalData', 'rejected', 'rows', 'valid'].sort());
    expect(json.params).toEqual([
      { column: '고객명', param: 'name', from: 'map' },
      { column: '등급', param: 'grade', from: 'map' },
    ]);
    expect(json.personalData).toEqual([{ column: '고객명', kind: 'name', evidence: 'header', rows: 4, sent: true }]);
    expect(json).toMatchObject({ file: 'korean-excel-cp949.csv', encoding: 'cp949', delimiter: ',', rows: 4, valid: 4, rejected: 0, excluded: 0, issueCounts: { 'value-comma-fixed': 1 } });
    expect(json.issues).toEqual([{ code: 'value-comma-fixed', severity: 'info', row: 3, column: '등급', message: 'Row 3, column `등급`: a comma in `VIP, 우수` was replaced' }]);
    expect(json.batches).toEqual([{ index: 1, rows: 4, bytes: expect.any(Number), path: join(out, 'batch-0001.txt') }]);
    const bytes = await readFile(join(out, 'batch-0001.txt'));
    const expected = [
      'batch=thirdPartyId,name,grade',
      'KR-000123,%ED%99%8D%EA%B8%B8%EB%8F%99,%EA%B3%A8%EB%93%9C',
      'KR-000124,%EA%B9%80%EC%B2%A0%EC%88%98,%EC%8B%A4%EB%B2%84',
      'KR-000125,%EC%9D%B4%EB%98%A0%EC%88%9C,VIP_%20%EC%9A%B0%EC%88%98',
      'KR-000126,%EB%B0%95%EB%B7%81,%EB%B8%8C%EB%A1%A0%EC%A6%88',
    ].join('\n');
    expect(bytes.equals(Buffer.from(expected, 'ascii'))).toBe(true);
    expect(json.batches[0].bytes).toBe(bytes.length);
    expect((await readdir(out)).sort()).toEqual(['batch-0001.txt', 'manifest.json', 'rejected-rows.csv', 'rows.ledger', 'source-rows.csv']);
  });

  it('exits 1 when blocking issues remain, naming rows from 1 and columns by header', async () => {
    const path = join(dir, 'bad.csv');
    await writeFile(path, 'id,loyalty tier\nA-1,gold\nA+2,silver\n,bronze\nA-4,"x,y"\n');
    const r = await cli(path, '--id-column', 'id', '--id-type', 'thirdPartyId', '--json');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ rows: 4, valid: 1, rejected: 3, excluded: 0 });
    expect(json.issues.filter((i: { severity: string }) => i.severity === 'blocking').map((i: { code: string; row: number; column: string }) => [i.code, i.row, i.column])).toEqual([
      ['id-forbidden-char', 2, 'id'],
      ['id-missing', 3, 'id'],
      ['value-comma', 4, 'loyalty tier'],
    ]);
    expect(json.issues.find((i: { row: number }) => i.row === 2).message).toBe('Row 2, column `id`: `+` is not allowed in an mbox3rdPartyId');
    // Without --map the column is sent under its suggested name (the glossary's `tier` for `loyalty tier`).
    expect(json.params).toEqual([{ column: 'loyalty tier', param: 'tier', from: 'glossary' }]);
    expect(json.batches).toEqual([{ index: 1, rows: 1, bytes: 'batch=thirdPartyId,tier\nA-1,gold'.length, path: null }]);
  });

  it('sends Korean, Japanese and accented headers under the suggested ASCII names unless --map names them', async () => {
    const path = join(dir, 'korean-headers.csv');
    await writeFile(path, '회원번호,등급,포인트,회원등급,会員ランク,Straße,지역\nM-1,Gold,1200,VIP,A,Hauptstr. 1,서울\n');
    const out = join(dir, 'out-names');
    const r = await cli(path, '--id-column', '회원번호', '--id-type', 'thirdPartyId', '--out', out, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.params).toEqual([
      { column: '등급', param: 'tier', from: 'glossary' },
      { column: '포인트', param: 'points', from: 'glossary' },
      { column: '회원등급', param: 'hoewonDeunggeup', from: 'romanised' },
      { column: '会員ランク', param: 'tier2', from: 'glossary' },
      { column: 'Straße', param: 'strasse', from: 'accents' },
      { column: '지역', param: 'region', from: 'glossary' },
    ]);
    expect((await readFile(join(out, 'batch-0001.txt'), 'utf8')).split('\n')[0]).toBe('batch=thirdPartyId,tier,points,hoewonDeunggeup,tier2,strasse,region');
    const text = await cli(path, '--id-column', '회원번호', '--id-type', 'thirdPartyId');
    expect(text.stdout).toContain('parameters: "등급" -> tier (glossary), "포인트" -> points (glossary), "회원등급" -> hoewonDeunggeup (romanised)');
    const mapped = await cli(path, '--id-column', '회원번호', '--id-type', 'thirdPartyId', '--map', '등급=grade', '--json');
    expect(JSON.parse(mapped.stdout).params).toEqual([{ column: '등급', param: 'grade', from: 'map' }]);
  });

  it('warns on values over 256 characters and cuts them with --long-values cut', async () => {
    const path = join(dir, 'long.csv');
    await writeFile(path, `id,note\nA-1,${'n'.repeat(300)}\n`);
    const warned = JSON.parse((await cli(path, '--id-column', 'id', '--id-type', 'thirdPartyId', '--json')).stdout);
    expect(warned.issueCounts).toEqual({ 'value-too-long': 1 });
    expect(warned.issues[0].message).toMatch(/^Row 1, column `note`: `n{40}…` is 300 characters long; Target keeps at most 256/);
    const out = join(dir, 'out-long');
    const cut = await cli(path, '--id-column', 'id', '--id-type', 'thirdPartyId', '--long-values', 'cut', '--out', out, '--json');
    expect(cut.code).toBe(0);
    expect(JSON.parse(cut.stdout).issueCounts).toEqual({ 'value-too-long-cut': 1 });
    expect(await readFile(join(out, 'batch-0001.txt'), 'utf8')).toBe(`batch=thirdPartyId,note\nA-1,${'n'.repeat(256)}`);
    const bad = await cli(path, '--id-column', 'id', '--id-type', 'thirdPartyId', '--long-values', 'trim');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--long-values must be keep or cut/);
  }, 60_000);

  it('--comma decimal reads European numbers (1.234,50 → 1234.50); without it they stay blocked, and text commas are never touched by it', async () => {
    const blocked = await cli(fx.europeanSemicolon1252, '--id-column', 'thirdPartyId', '--id-type', 'thirdPartyId', '--map', 'Umsatz=revenue', '--comma', 'strip', '--json');
    expect(blocked.code).toBe(1);
    expect(JSON.parse(blocked.stdout).issueCounts).toEqual({ 'value-number-comma': 3 });
    const out = join(dir, 'out-de');
    const r = await cli(fx.europeanSemicolon1252, '--id-column', 'thirdPartyId', '--id-type', 'thirdPartyId', '--map', 'Umsatz=revenue', '--comma', 'decimal', '--out', out, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).issueCounts).toEqual({ 'value-number-converted': 3 });
    expect(await readFile(join(out, 'batch-0001.txt'), 'utf8')).toBe('batch=thirdPartyId,revenue\nDE-1001,1234.50%20%E2%82%AC\nFR-2002,99.90%20%E2%82%AC\nDE-1003,0.00%20%E2%82%AC');
    const text = join(dir, 'text-comma.csv');
    await writeFile(text, 'id;note;amount\nA-1;Berlin, Mitte;1.234,50\n');
    const both = await cli(text, '--id-column', 'id', '--id-type', 'thirdPartyId', '--comma', 'decimal', '--json');
    expect(JSON.parse(both.stdout).issueCounts).toEqual({ 'value-comma': 1, 'value-number-converted': 1 });
    const fixed = await cli(text, '--id-column', 'id', '--id-type', 'thirdPartyId', '--comma', 'decimal', '--comma', 'strip', '--json');
    expect(fixed.code).toBe(0);
    const conflict = await cli(text, '--id-column', 'id', '--id-type', 'thirdPartyId', '--comma', 'decimal', '--comma', 'thousands');
    expect(conflict.code).toBe(2);
    expect(conflict.stderr).toMatch(/--comma decimal and --comma thousands/);
  }, 120_000);

  it('prints a readable summary without --json and keeps no files without --out', async () => {
    const r = await cli(fx.utf8BomCrlf, '--id-column', 'thirdPartyId', '--id-type', 'thirdPartyId', '--line-break', 'replace: ', '--comma', 'strip');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('rows 3, valid 3, rejected 0, excluded 0');
    expect(r.stdout).toContain('batch 1: 3 rows');
    expect(r.stdout).toContain('nothing blocks');
    expect((await readdir(dir)).filter((f) => f.startsWith('batch-'))).toEqual([]);
  });

  it('uses a saved template, an xlsx sheet and a header-row override', async () => {
    const headers = ['thirdPartyId', 'accountNo', 'memberNo', 'joined', 'lastVisit', 'points'];
    const mapping = mappingSpecSchema.parse({ idColumn: 'thirdPartyId', idKind: 'thirdPartyId', columns: [{ column: 'memberNo', param: 'member' }, { column: 'joined', param: 'joined' }] });
    const tpl = join(dir, 'tpl.json');
    await writeFile(tpl, JSON.stringify(makeTemplate('xlsx ids', headers, mapping)));
    const out = join(dir, 'out-xlsx');
    const r = await cli(fx.xlsxTextIds, '--template', tpl, '--sheet', 'Customers', '--header-row', '1', '--out', out, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ encoding: null, delimiter: null, rows: 3, valid: 3 });
    expect(await readFile(join(out, 'batch-0001.txt'), 'utf8')).toBe('batch=thirdPartyId,member,joined\n000123,000042,2026-11-01\n004567,001234,2025-02-28\n0000001,999999,2024-07-15');
  });

  it('blocks a date a template’s date transform cannot read in its format, like the app, and notes dates that read two ways', async () => {
    const path = join(dir, 'dates.csv');
    await writeFile(path, 'id,joined,tier\nM-1,25/12/2025,Gold\nM-2,03/04/2026,GOLD\nM-3,31/02/2026,Silver\nM-4,14/07/2025,Platinum\n');
    const headers = ['id', 'joined', 'tier'];
    const mapping = mappingSpecSchema.parse({
      idColumn: 'id',
      idKind: 'thirdPartyId',
      columns: [
        { column: 'joined', param: 'joined', transforms: [{ kind: 'date', from: 'DD/MM/YYYY', to: 'YYYY-MM-DD' }] },
        { column: 'tier', param: 'tier', transforms: [{ kind: 'valueMap', map: { gold: 'gold', silver: 'silver' }, ignoreCase: true, otherwise: 'fail' }] },
      ],
    });
    const tpl = join(dir, 'dates-tpl.json');
    await writeFile(tpl, JSON.stringify(makeTemplate('dates', headers, mapping)));
    const out = join(dir, 'out-dates');
    const r = await cli(path, '--template', tpl, '--out', out, '--json');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ rows: 4, valid: 2, rejected: 2 });
    const shown = json.issues.map((i: { code: string; row: number; severity: string }) => [i.code, i.row, i.severity]);
    expect(shown).toEqual([
      ['value-date-ambiguous', 2, 'info'],
      ['value-date-unreadable', 3, 'blocking'],
      ['value-not-listed', 4, 'blocking'],
    ]);
    expect(json.issues.find((i: { row: number }) => i.row === 3).message).toBe(
      "Row 3, column `joined`: `31/02/2026` is not a date in the format DD/MM/YYYY the template's date transform reads, so the row is not sent (correct the date, change the format, or leave the row out)",
    );
    expect(await readFile(join(out, 'batch-0001.txt'), 'utf8')).toBe('batch=thirdPartyId,joined,tier\nM-1,2025-12-25,gold\nM-2,2026-04-03,gold');
  });

  it('exits 2 with one line and no stack trace for unusable input or arguments', async () => {
    const cases: [string[], RegExp][] = [
      [[hostile.png, '--id-column', 'id', '--id-type', 'pcId'], /not a (table|text)|binary/i],
      [[hostile.empty, '--id-column', 'id', '--id-type', 'pcId'], /empty/i],
      // Its header row is intact (the damage is further in): reading the rows finds it.
      [[hostile.corruptXlsx, '--id-column', 'thirdPartyId', '--id-type', 'pcId'], /Excel file is damaged/i],
      [[join(dir, 'nope.csv'), '--id-column', 'id', '--id-type', 'pcId'], /not found/i],
      [[fx.utf8BomCrlf, '--id-column', 'ID', '--id-type', 'thirdPartyId'], /no column "ID"/],
      [[fx.utf8BomCrlf, '--id-column', 'thirdPartyId', '--id-type', 'ecid'], /--id-type must be thirdPartyId or pcId/],
      [[fx.utf8BomCrlf, '--id-column', 'thirdPartyId'], /--id-type/],
      [[fx.utf8BomCrlf, '--id-column', 'thirdPartyId', '--id-type', 'pcId', '--encoding', 'klingon'], /unknown --encoding/],
      [[fx.utf8BomCrlf, '--id-column', 'thirdPartyId', '--id-type', 'pcId', '--map', 'nope=x'], /no column named "nope"/],
      [[fx.utf8BomCrlf, '--id-column', 'thirdPartyId', '--id-type', 'pcId', '--bogus'], /bogus/],
    ];
    for (const [args, reason] of cases) {
      const r = await cli(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trim().split('\n');
      expect(lines, r.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(/^profile-loader validate: /);
      expect(lines[0]).toMatch(reason);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  }, 180_000);

  it('honours --encoding, --header-row and --batch-rows', async () => {
    const out = join(dir, 'out-jp');
    const r = await cli(fx.shiftJis, '--encoding', 'sjis', '--id-column', 'thirdPartyId', '--id-type', 'thirdPartyId', '--batch-rows', '2', '--out', out, '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.encoding).toBe('shift_jis');
    expect(json.batches.map((b: { rows: number }) => b.rows)).toEqual([2, 1]);
    const t = await cli(fx.titleRows, '--header-row', '4', '--id-column', 'thirdPartyId', '--id-type', 'thirdPartyId', '--line-break', 'strip', '--comma', 'strip', '--json');
    expect(JSON.parse(t.stdout)).toMatchObject({ headerRow: 4, rows: 3, valid: 3 });
  }, 60_000);
});
