import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { defaultMapping, mappingSpecSchema, type MappingSpec } from '../../../shared/domain/mapping-spec.js';
import { DEFAULT_VALUE_FIXES } from '../../../shared/validation/value-fixes.js';
import type { DuplicatePolicy } from '../../../shared/validation/duplicate-policy.js';
import type { RowEdit } from '../../../shared/domain/row-overlay.js';
import { makeFixtures, makeHostileFixtures, type FixturePaths, type HostilePaths } from '../../io/fixtures/make-fixtures.js';
import { runPrepare } from './prepare-pipeline.js';
import { batchLineRows, fateOf, readLedger, rowFate } from './prepare-ledger.js';
import { AppCallError } from '../../../shared/contract/errors.js';
import type { PrepareRequest } from './prepare-types.js';

let dir: string;
let fx: FixturePaths;
let hostile: HostilePaths;
let n = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'prepare-pipeline-'));
  fx = await makeFixtures(join(dir, 'fx'));
  hostile = await makeHostileFixtures(join(dir, 'hostile'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function csv(text: string | Buffer): Promise<string> {
  const path = join(dir, `in-${++n}.csv`);
  await writeFile(path, text);
  return path;
}

function request(path: string, mapping: MappingSpec, extra: Partial<PrepareRequest> = {}): PrepareRequest {
  return { path, read: {}, mapping, duplicates: 'flag', fixes: DEFAULT_VALUE_FIXES, edits: [], outDir: join(dir, `out-${++n}`), ...extra };
}

const tp = (headers: string[], id = 'id') => defaultMapping(headers, id, 'thirdPartyId');

describe('runPrepare', () => {
  it('turns a CP949 Korean Excel CSV into URL-encoded UTF-8, byte for byte', async () => {
    const mapping = mappingSpecSchema.parse({
      idColumn: 'thirdPartyId',
      idKind: 'thirdPartyId',
      columns: [{ column: '고객명', param: 'name' }, { column: '등급', param: '등급' }, { column: '포인트', param: 'points' }],
      // Names are personal data: sent here only because the mapping chooses so (this test is about the bytes).
      allowPersonalData: ['고객명'],
    });
    const req = request(fx.koreanCp949, mapping, { fixes: { ...DEFAULT_VALUE_FIXES, comma: { kind: 'replace', with: ' ' } } });
    const r = await runPrepare(req);
    expect(r.manifest).toMatchObject({ encoding: 'cp949', rows: 4, valid: 4, rejected: 0, excluded: 0 });
    const bytes = await readFile(join(req.outDir, 'batch-0001.txt'));
    const expected =
      'batch=thirdPartyId,name,%EB%93%B1%EA%B8%89,points\n' +
      'KR-000123,%ED%99%8D%EA%B8%B8%EB%8F%99,%EA%B3%A8%EB%93%9C,1500\n' +
      'KR-000124,%EA%B9%80%EC%B2%A0%EC%88%98,%EC%8B%A4%EB%B2%84,800\n' +
      'KR-000125,%EC%9D%B4%EB%98%A0%EC%88%9C,VIP%20%20%EC%9A%B0%EC%88%98,12000\n' +
      'KR-000126,%EB%B0%95%EB%B7%81,%EB%B8%8C%EB%A1%A0%EC%A6%88,0';
    expect(bytes.equals(Buffer.from(expected, 'ascii'))).toBe(true);
    // decoding the batch gives back the original Korean text (똠 and 뷁 exist only in CP949, not EUC-KR)
    expect(decodeURIComponent(bytes.toString('ascii').split('\n')[3]!.split(',')[1]!)).toBe('이똠순');
    expect(r.issueCounts['value-comma-fixed']).toBe(1);
  });

  it('checks an edited identifier for duplicates as edited, and the ids of the file as read', async () => {
    // Row 3's id is edited to row 1's; row 4 repeats row 2's id in the file itself (with spaces the id trim removes).
    const path = await csv('id,tier\nA-1,gold\nA-2,silver\nA-3,bronze\n  A-2 ,vip\n');
    const r = await runPrepare(request(path, tp(['id', 'tier']), { edits: [{ row: 3, cells: { id: 'A-1' } }] }));
    expect(r.manifest).toMatchObject({ rows: 4, valid: 2, rejected: 2 });
    expect(r.issues.filter((i) => i.code === 'duplicate-id').map((i) => i.row)).toEqual([3, 4]);
  });

  it('accounts for every row: batch line, excluded by the user, or rejected with a report', async () => {
    const path = await csv('id,tier,note\nA-1,gold,ok\nA+2,=cmd|calc!A0,x\nA-3,=HYPERLINK("x"),fine\nA-4,bronze,"a,b"\nA-5,vip,\n');
    const edits: RowEdit[] = [{ row: 5, exclude: true }, { row: 4, cells: { note: 'a b' } }];
    const req = request(path, tp(['id', 'tier', 'note']), { edits });
    const r = await runPrepare(req);
    const m = r.manifest;
    expect(m).toMatchObject({ rows: 5, valid: 3, rejected: 1, excluded: 1 });
    expect(m.valid + m.rejected + m.excluded).toBe(m.rows);
    const ledgerPath = join(req.outDir, m.ledger);
    const fates = await Promise.all([1, 2, 3, 4, 5].map((row) => rowFate(ledgerPath, m.batches, row)));
    expect(fates).toEqual([
      { kind: 'batch', batch: 1, line: 1 },
      { kind: 'rejected' },
      { kind: 'batch', batch: 1, line: 2 },
      { kind: 'batch', batch: 1, line: 3 },
      { kind: 'excluded', reason: 'user' },
    ]);
    expect(await rowFate(ledgerPath, m.batches, 6)).toBeNull();
    const body = await readFile(join(req.outDir, 'batch-0001.txt'), 'utf8');
    expect(body).toBe('batch=thirdPartyId,tier,note\nA-1,gold,ok\nA-3,%3DHYPERLINK(%22x%22),fine\nA-4,bronze,a%20b');
    const report = (await readFile(join(req.outDir, m.rejectedReport), 'utf8')).split('\r\n');
    expect(report[0]).toBe('\uFEFFrow,codes,reasons,id,tier,note');
    expect(report[1]).toBe("2,id-forbidden-char,\"Row 2, column `id`: `+` is not allowed in an mbox3rdPartyId\",A+2,'=cmd|calc!A0,x");
    const manifest = JSON.parse(await readFile(join(req.outDir, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ file: m.file, idType: 'thirdPartyId', rows: 5, batches: [{ index: 1, rows: 3, path: 'batch-0001.txt', firstRow: 1 }] });
  });

  it('splits batches by row count and by bytes, LF only, and writes the same bytes every time', async () => {
    const lines = ['id,v'];
    for (let i = 1; i <= 7; i++) lines.push(`ID-${i},${'x'.repeat(i * 100)}`);
    const path = await csv(lines.join('\r\n') + '\r\n');
    const a = request(path, tp(['id', 'v']), { batchRows: 3 });
    const ra = await runPrepare(a);
    expect(ra.manifest.batches.map((b) => [b.rows, b.firstRow, b.firstLine])).toEqual([[3, 1, 0], [3, 4, 3], [1, 7, 6]]);
    const b = request(path, tp(['id', 'v']), { batchRows: 3 });
    await runPrepare(b);
    for (const f of ['batch-0001.txt', 'batch-0002.txt', 'batch-0003.txt']) {
      const x = await readFile(join(a.outDir, f));
      expect(x.equals(await readFile(join(b.outDir, f)))).toBe(true);
      expect(x.includes(13)).toBe(false);
      expect(x.toString().startsWith('batch=thirdPartyId,v\n')).toBe(true);
    }
    const bySize = request(path, tp(['id', 'v']), { batchBytes: 1500 });
    const rs = await runPrepare(bySize);
    for (const batch of rs.manifest.batches) {
      expect(batch.bytes).toBeLessThan(1500);
      expect((await readFile(join(bySize.outDir, batch.path))).length).toBe(batch.bytes);
    }
    expect(rs.manifest.batches.reduce((s, x) => s + x.rows, 0)).toBe(7);
    expect(await readdir(bySize.outDir)).toContain('manifest.json');
  });

  const dupFile = 'id,tier,city\nD-1,gold,\nD-2,silver,Seoul\nD-1,,Busan\nD-3,bronze,\nD-1,vip,\n';
  const dupCases: [DuplicatePolicy, string, number[], string][] = [
    ['merge', 'D-2,silver,Seoul\nD-3,bronze,\nD-1,vip,Busan', [3, 1, 3, 2, 3], 'valid 5'],
    ['last-wins', 'D-2,silver,Seoul\nD-3,bronze,\nD-1,vip,', [-3, 1, -3, 2, 3], 'excluded 2'],
    ['first-wins', 'D-1,gold,\nD-2,silver,Seoul\nD-3,bronze,', [1, 2, -3, 3, -3], 'excluded 2'],
    ['flag', 'D-1,gold,\nD-2,silver,Seoul\nD-3,bronze,', [1, 2, -2, 3, -2], 'rejected 2'],
  ];
  for (const [policy, lines, lineOfRow, count] of dupCases) {
    it(`applies the duplicate policy ${policy}`, async () => {
      const req = request(await csv(dupFile), tp(['id', 'tier', 'city']), { duplicates: policy, batchRows: policy === 'merge' ? 2 : undefined });
      const r = await runPrepare(req);
      const bodies = await Promise.all(r.manifest.batches.map((b) => readFile(join(req.outDir, b.path), 'utf8')));
      expect(bodies.map((t) => t.split('\n').slice(1).join('\n')).join('\n')).toBe(lines);
      const ledger = await readLedger(join(req.outDir, 'rows.ledger'));
      const asLines = [...ledger].map((v) => {
        const f = fateOf(v, r.manifest.batches);
        return f.kind === 'batch' ? r.manifest.batches[f.batch - 1]!.firstLine + f.line : f.kind === 'rejected' ? -2 : -3;
      });
      expect(asLines).toEqual(lineOfRow);
      const [key, value] = count.split(' ');
      expect(r.manifest[key as 'valid']).toBe(Number(value));
      expect(r.manifest.rows).toBe(5);
      expect(r.manifest.valid + r.manifest.rejected + r.manifest.excluded).toBe(5);
      const dupIssue = r.issues.find((i) => i.code.startsWith('duplicate-id'));
      expect(dupIssue?.params.otherRow).toBe(1);
      if (policy === 'merge') {
        const rows = await batchLineRows(join(req.outDir, 'rows.ledger'), r.manifest.batches[1]!);
        expect(rows).toEqual([[1, 3, 5]]);
      }
    });
  }

  it('turns reader notes into issues and blocks a row swallowed by an unclosed quote', async () => {
    const req = request(hostile.unclosedQuote, tp([], ''), {});
    const info = await import('../../io/open-table.js').then((m) => m.openTable(hostile.unclosedQuote));
    const r = await runPrepare({ ...req, mapping: defaultMapping(info.headers, info.headers[0]!, 'thirdPartyId') });
    expect(r.issueCounts['reader-unclosed-quote']).toBe(1);
    expect(r.manifest.rejected).toBeGreaterThanOrEqual(1);
  });

  it('keeps at most issueLimit issues but counts every one', async () => {
    const path = await csv('id,v\n' + Array.from({ length: 6 }, (_, i) => `A+${i},x`).join('\n') + '\n');
    const r = await runPrepare(request(path, tp(['id', 'v']), { issueLimit: 2 }));
    expect(r.issues).toHaveLength(2);
    expect(r.issuesTruncated).toBe(true);
    expect(r.issueCounts).toEqual({ 'id-forbidden-char': 6 });
    expect(r.manifest.rejected).toBe(6);
  });

  it('stops every batch when the mapping itself blocks (two columns under one name)', async () => {
    const path = await csv('id,a,b\nX-1,1,2\n');
    const mapping = mappingSpecSchema.parse({ idColumn: 'id', idKind: 'thirdPartyId', columns: [{ column: 'a', param: 'p' }, { column: 'b', param: 'p' }] });
    const req = request(path, mapping);
    const r = await runPrepare(req);
    expect(r.manifest.blockedByFileIssues).toBe(true);
    expect(r.manifest.batches).toEqual([]);
    expect((await readdir(req.outDir)).filter((f) => f.startsWith('batch-'))).toEqual([]);
    expect(r.issues[0]).toMatchObject({ code: 'param-duplicate', severity: 'blocking', row: null, column: 'b' });
  });

  it('fails with a coded AppCallError for unusable input and absent columns', async () => {
    await expect(runPrepare(request(hostile.empty, tp(['id'])))).rejects.toMatchObject({ code: 'empty-file' });
    await expect(runPrepare(request(hostile.png, tp(['id'])))).rejects.toMatchObject({ code: 'binary-file' });
    await expect(runPrepare(request(join(dir, 'missing.csv'), tp(['id'])))).rejects.toMatchObject({ code: 'not-found' });
    const path = await csv('id,a\nX,1\n');
    const err = await runPrepare(request(path, tp(['id', 'a'], 'ID'))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppCallError);
    expect(err).toMatchObject({ code: 'mapping-column-missing', params: { columns: ['ID'], headers: ['id', 'a'] } });
  });

  it('meets every file of the bad-input corpus with a coded error or accounted rows, never a crash', async () => {
    const { openTable } = await import('../../io/open-table.js');
    for (const [key, path] of Object.entries(hostile)) {
      let headers: readonly string[];
      try {
        headers = (await openTable(path)).headers;
      } catch (e) {
        await expect(runPrepare(request(path, tp(['id'])))).rejects.toBeInstanceOf(AppCallError);
        expect((e as { code?: unknown }).code, key).toEqual(expect.any(String));
        continue;
      }
      const idColumn = headers.find((h) => h !== '') ?? '';
      const r = await runPrepare(request(path, defaultMapping(headers, idColumn, 'thirdPartyId'))).catch((e: unknown) => e);
      if (r instanceof AppCallError) {
        expect(r.code, key).toMatch(/^[a-z-]+$/);
        continue;
      }
      const m = (r as Awaited<ReturnType<typeof runPrepare>>).manifest;
      expect(m.valid + m.rejected + m.excluded, key).toBe(m.rows);
    }
  }, 120_000);

  it('reads every real-world export shape', async () => {
    const cases: [string, string, string][] = [
      // Its amounts are European (1.234,50 €): read as decimal commas, never stripped to 1.23450.
      [fx.europeanSemicolon1252, 'windows-1252', 'Z%C3%BCrich,1234.50%20%E2%82%AC'],
      [fx.utf8BomCrlf, 'utf-8', 'ana%40example.com'],
      [fx.titleRows, 'utf-8', 'ana%40example.com'],
      [fx.shiftJis, 'shift_jis', '%E6%9D%B1%E4%BA%AC%E9%83%BD'],
      [fx.utf16leTab, 'utf-16le', '%EA%B3%A0%EA%B0%9D%20%EB%A9%94%EB%AA%A8'],
      [fx.xlsxTextIds, '', '000123'],
    ];
    for (const [path, encoding, expected] of cases) {
      const info = await import('../../io/open-table.js').then((m) => m.openTable(path));
      // The e-mail and name columns are sent by explicit choice: this test is about reading, not the personal-data guard.
      const req = request(path, { ...defaultMapping(info.headers, 'thirdPartyId', 'thirdPartyId'), allowPersonalData: [...info.headers] }, {
        fixes: { comma: { kind: 'strip' }, lineBreak: { kind: 'replace', with: ' ' }, numbers: { columns: {}, all: 'decimal' } },
      });
      const r = await runPrepare(req);
      expect(r.manifest.encoding ?? '').toBe(encoding);
      expect(r.manifest.rejected).toBe(0);
      expect(await readFile(join(req.outDir, 'batch-0001.txt'), 'utf8')).toContain(expected);
    }
    expect(iconv.encodingExists('cp949')).toBe(true);
  });
});

describe('the personal-data guard in prepare', () => {
  const rrn = (first12: string): string => {
    const w = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
    const sum = [...first12].reduce((n, d, i) => n + Number(d) * w[i]!, 0);
    return `${first12.slice(0, 6)}-${first12.slice(6)}${(11 - (sum % 11)) % 10}`;
  };
  const body = ['회원번호,이름,휴대폰,이메일,주민등록번호,등급,메모'];
  for (let i = 1; i <= 12; i++) body.push(`M${100 + i},김민${i},010-${1000 + i}-${2000 + i},m${i}@example.kr,${rrn(`9${i % 10}0101${100000 + i}`)},${i % 2 ? 'GOLD' : 'SILVER'},${i === 5 ? '연락 010-9999-8888' : '없음'}`);

  it('leaves detected columns out, warns of personal values elsewhere with their rows, and counts rows', async () => {
    const path = await csv(body.join('\n') + '\n');
    const headers = body[0]!.split(',');
    const req = request(path, defaultMapping(headers, '회원번호', 'thirdPartyId'));
    const r = await runPrepare(req);
    expect(r.manifest.params).toEqual(['등급', '메모']);
    expect(r.personalData).toEqual([
      { column: '이름', kind: 'name', evidence: 'header', rows: 12, sent: false },
      { column: '휴대폰', kind: 'phone', evidence: 'header', rows: 12, sent: false },
      { column: '이메일', kind: 'email', evidence: 'header', rows: 12, sent: false },
      { column: '주민등록번호', kind: 'rrn', evidence: 'header', rows: 12, sent: false },
    ]);
    expect(r.manifest.personalData).toEqual(r.personalData);
    const warnings = r.issues.filter((i) => i.code === 'value-personal-data');
    expect(warnings).toEqual([{ code: 'value-personal-data', severity: 'warning', row: 5, column: '메모', params: { value: '01*-****-**88', variant: 'phone' } }]);
    expect(r.issues.filter((i) => i.code === 'personal-data-held-back').map((i) => i.column)).toEqual(['이름', '휴대폰', '이메일', '주민등록번호']);
    const batch = decodeURIComponent(await readFile(join(req.outDir, 'batch-0001.txt'), 'utf8'));
    expect(batch.split('\n')[1]).toBe('M101,GOLD,없음');
    expect(batch).not.toMatch(/김민|@example|-1001-/);
    // The copy of every row kept for the result CSV never holds a resident registration number.
    const copy = (await readFile(join(req.outDir, 'source-rows.csv'), 'utf8')).trim().split('\n');
    expect(copy).toHaveLength(13);
    expect(copy[1]).toBe(`1,,M101,김민1,010-1001-2001,m1@example.kr,,GOLD,없음`);
    for (let i = 1; i <= 12; i++) expect(copy.join('\n')).not.toContain(rrn(`9${i % 10}0101${100000 + i}`));
  });

  it('sends an allowed column, hashes a hashed one, and refuses a resident registration number even when allowed', async () => {
    const path = await csv(body.join('\n') + '\n');
    const headers = body[0]!.split(',');
    const base = defaultMapping(headers, '회원번호', 'thirdPartyId');
    const mapping = { ...base, allowPersonalData: ['휴대폰'], columns: base.columns.map((c) => (c.column === '이메일' ? { ...c, transforms: [{ kind: 'hash' as const, algorithm: 'sha256' as const }] } : c)) };
    const req = request(path, mapping);
    const r = await runPrepare(req);
    expect(r.manifest.params).toEqual(['휴대폰', '이메일', '등급', '메모']);
    const lines = (await readFile(join(req.outDir, 'batch-0001.txt'), 'utf8')).split('\n');
    expect(lines[1]).toMatch(/^M101,010-1001-2001,[0-9a-f]{64},GOLD,/);
    await expect(runPrepare(request(path, { ...mapping, allowPersonalData: ['주민등록번호'] }))).rejects.toMatchObject({ code: 'personal-data-refused', params: { column: '주민등록번호', variant: 'rrn' } });
  });

  it('blocks an identifier of e-mail addresses until it is hashed, and sends the hashes as mbox3rdPartyIds', async () => {
    const path = await csv(body.join('\n') + '\n');
    const headers = body[0]!.split(',');
    const byEmail = defaultMapping(headers, '이메일', 'thirdPartyId');
    const blocked = await runPrepare(request(path, byEmail));
    expect(blocked.manifest.blockedByFileIssues).toBe(true);
    expect(blocked.manifest.batches).toEqual([]);
    expect(blocked.issues.find((i) => i.code === 'id-personal-data')).toMatchObject({ severity: 'blocking', column: '이메일', params: { value: '이메일', variant: 'email' } });
    const req = request(path, { ...byEmail, idTransforms: [{ kind: 'trim' }, { kind: 'hash', algorithm: 'sha256' }] });
    const hashed = await runPrepare(req);
    expect(hashed.manifest).toMatchObject({ blockedByFileIssues: false, valid: 12, rejected: 0 });
    const ids = (await readFile(join(req.outDir, 'batch-0001.txt'), 'utf8')).split('\n').slice(1).map((l) => l.split(',')[0]);
    expect(ids).toHaveLength(12);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(hashed.personalData.find((c) => c.column === '이메일')).toMatchObject({ sent: true });
  });
});
