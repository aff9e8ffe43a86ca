import { readFile, rm } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../../sandbox/index.js';
import { tempHome } from '../../upload/testing/fixtures.js';
import { runCli } from '../main.js';

// The Korean CRM export of the personal-data e2e spec (CP949): 회원번호, 이름, 휴대폰, 이메일, 주민등록번호, 등급, 포인트.
const FIXTURE = resolve(__dirname, '../../../e2e/fixtures/korean-crm-cp949.csv');
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function cli(h: string, argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t), stdin: Readable.from(['']), env: { PROFILE_LOADER_HOME: h } });
  return { code, out, err };
}

async function home(): Promise<string> {
  const h = await tempHome();
  cleanups.push(() => rm(h, { recursive: true, force: true }));
  return h;
}

const idFlags = ['--id-column', '회원번호', '--id-type', 'thirdPartyId'];

/** The fixture's rows, header first, decoded from CP949 (its cells hold no commas or quotes). */
async function koreanCrmRows(): Promise<string[][]> {
  return iconv
    .decode(await readFile(FIXTURE), 'cp949')
    .trim()
    .split('\r\n')
    .map((line) => line.split(','));
}

describe('the personal-data guard on the command line', () => {
  it('validate --json lists the personal-data columns, none sent, and names why in the issues', async () => {
    const h = await home();
    const r = await cli(h, ['validate', FIXTURE, ...idFlags, '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { personalData: unknown[]; issues: { code: string; column: string; message: string }[] };
    expect(json.personalData).toEqual([
      { column: '이름', kind: 'name', evidence: 'header', rows: 40, sent: false },
      { column: '휴대폰', kind: 'phone', evidence: 'header', rows: 40, sent: false },
      { column: '이메일', kind: 'email', evidence: 'header', rows: 40, sent: false },
      { column: '주민등록번호', kind: 'rrn', evidence: 'header', rows: 40, sent: false },
    ]);
    const held = json.issues.filter((i) => i.code === 'personal-data-held-back');
    expect(held.map((i) => i.column)).toEqual(['이름', '휴대폰', '이메일', '주민등록번호']);
    expect(held[1]!.message).toContain('visible to everyone who builds audiences');
    const text = await cli(h, ['validate', FIXTURE, ...idFlags]);
    expect(text.out).toContain('personal data: "휴대폰" holds phone numbers (found by its header, 40 rows): not sent (--allow-personal-data to send it)');
    expect(text.out).toContain('personal data: "주민등록번호" holds resident registration numbers (found by its header, 40 rows): never sent');
  });

  it('upload sends none of those columns to Target without --allow-personal-data, and refuses the RRN column even with it (exit 2)', async () => {
    const h = await home();
    const sandbox = await startSandbox({ settings: { rateLimitWindowMs: 1000 } });
    cleanups.push(() => sandbox.close());
    expect((await cli(h, ['connections', 'add', '--name', 'Dev', '--base-url', sandbox.baseUrl, '--client-code', 'acme', '--api-version', 'v2'])).code).toBe(0);
    const up = await cli(h, ['upload', FIXTURE, ...idFlags, '--profile', 'Dev', '--json']);
    expect(up.err).toBe('');
    expect(up.code).toBe(0);
    const json = JSON.parse(up.out) as { confirmed: number; personalData: { column: string; sent: boolean }[] };
    expect(json.confirmed).toBe(40);
    expect(json.personalData.map((c) => [c.column, c.sent])).toEqual([['이름', false], ['휴대폰', false], ['이메일', false], ['주민등록번호', false]]);
    const rows = (await koreanCrmRows()).slice(1);
    for (const row of [rows[0]!, rows[17]!, rows[39]!]) {
      const response = await fetch(`${sandbox.baseUrl}/rest/v1/profiles/thirdPartyId/${encodeURIComponent(row[0]!)}?client=acme`);
      const body = (await response.json()) as { profileAttributes: Record<string, { value: string }> };
      const profile = JSON.stringify(body);
      // 등급 and 포인트 arrive under the names the CLI suggests, as the Map step does: tier and points.
      expect(body.profileAttributes.tier?.value).toBe(row[5]);
      expect(body.profileAttributes.points?.value).toBe(row[6]);
      for (const personal of row.slice(1, 5)) expect(profile).not.toContain(personal);
    }

    const refused = await cli(h, ['upload', FIXTURE, ...idFlags, '--profile', 'Dev', '--allow-personal-data', '주민등록번호', '--json']);
    expect(refused.code).toBe(2);
    expect(refused.out).toBe('');
    expect(refused.err).toContain('"주민등록번호"');
    expect(refused.err).toContain('resident registration numbers');
    expect(refused.err.trim().split('\n')).toHaveLength(1);

    // A column the file does not have is named, not ignored: nothing is sent.
    const misspelt = await cli(h, ['validate', FIXTURE, ...idFlags, '--allow-personal-data', '휴대전화', '--json']);
    expect(misspelt.code).toBe(2);
    expect(misspelt.out).toBe('');
    expect(misspelt.err).toContain('--allow-personal-data: the file has no column "휴대전화"');
  }, 60_000);

  it('--allow-personal-data sends the named column, and the job records the choice', async () => {
    const h = await home();
    const sandbox = await startSandbox({ settings: { rateLimitWindowMs: 1000 } });
    cleanups.push(() => sandbox.close());
    await cli(h, ['connections', 'add', '--name', 'Dev', '--base-url', sandbox.baseUrl, '--client-code', 'acme', '--api-version', 'v2']);
    const up = await cli(h, ['upload', FIXTURE, ...idFlags, '--profile', 'Dev', '--allow-personal-data', '휴대폰', '--json']);
    expect(up.code).toBe(0);
    const row = (await koreanCrmRows())[1]!;
    const profile = JSON.stringify(await (await fetch(`${sandbox.baseUrl}/rest/v1/profiles/thirdPartyId/${row[0]}?client=acme`)).json());
    expect(profile).toContain(row[2]!);
    expect(profile).not.toContain(row[3]!);
    const jobs = JSON.parse((await cli(h, ['jobs', 'list', '--json'])).out) as { personalDataSent: unknown }[];
    expect(jobs.map((j) => j.personalDataSent)).toEqual([[{ column: '휴대폰', kind: 'phone' }]]);
  }, 60_000);
});
