import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../../sandbox/index.js';
import { admin } from '../../../sandbox/testing/http.js';
import { tempHome } from '../../upload/testing/fixtures.js';
import { runCli } from '../main.js';
import { readResultCsv } from '../../services/testing/read-result-csv.js';
import { RESULT_MACHINE_HEADER } from '../../../shared/jobs/result-columns.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function home(): Promise<string> {
  const h = await tempHome();
  cleanups.push(() => rm(h, { recursive: true, force: true }));
  return h;
}

async function cli(h: string, argv: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t), stdin: Readable.from([stdin]), env: { PROFILE_LOADER_HOME: h } });
  return { code, out, err };
}

describe('connections, upload and jobs commands', () => {
  it('adds a connection with a token from stdin, never prints it, and says the token is session-only here', async () => {
    const h = await home();
    const added = await cli(h, ['connections', 'add', '--name', 'Prod', '--base-url', 'https://acme.tt.omtrdc.net', '--client-code', 'acme', '--api-version', 'v2', '--token-stdin', '--json'], 'tok-XYZ-987\n');
    expect(added.code).toBe(0);
    expect(added.err).toContain('kept for this command only');
    expect(added.out + added.err).not.toContain('tok-XYZ-987');
    const list = await cli(h, ['connections', 'list', '--json']);
    const parsed = JSON.parse(list.out) as { secretStorage: string; profiles: { name: string; hasToken: boolean }[] };
    expect(parsed.secretStorage).toBe('session-only');
    expect(parsed.profiles.map((p) => p.name)).toEqual(['Local sandbox', 'Prod']);
    expect(await readFile(join(h, 'profiles.json'), 'utf8')).not.toContain('tok-XYZ-987');
  });

  it('keeps "profiles" as the old name of "connections": same output, --json shapes and exit codes', async () => {
    const h = await home();
    expect((await cli(h, ['profiles', 'add', '--name', 'Old', '--base-url', 'https://old.tt.omtrdc.net', '--client-code', 'old', '--api-version', 'v1'])).code).toBe(0);
    for (const argv of [['list', '--json'], ['list'], ['remove', 'Nope'], ['add', '--name', 'P'], ['frobnicate']]) {
      const viaNew = await cli(h, ['connections', ...argv]);
      const viaOld = await cli(h, ['profiles', ...argv]);
      expect({ code: viaOld.code, out: viaOld.out }).toEqual({ code: viaNew.code, out: viaNew.out });
      expect(viaOld.err.replaceAll('profiles', 'connections')).toBe(viaNew.err);
    }
    const listed = JSON.parse((await cli(h, ['profiles', 'list', '--json'])).out) as Record<string, unknown>;
    expect(Object.keys(listed)).toEqual(['profiles', 'secretStorage']);
    const help = (await cli(h, ['--help'])).out;
    expect(help).toMatch(/^ {2}connections +list, add, remove or test connections/m);
    expect(help).toMatch(/^ {2}profiles +the old name of "connections"/m);
    expect((await cli(h, ['help', 'profiles'])).out).toContain('"profiles" is the old name of "connections"');
  });

  it('explains bad input in one line with exit 2', async () => {
    const h = await home();
    const insecure = await cli(h, ['connections', 'add', '--name', 'P', '--base-url', 'http://acme.tt.omtrdc.net', '--client-code', 'acme', '--api-version', 'v2']);
    expect(insecure).toMatchObject({ code: 2, err: expect.stringContaining('must use https://') });
    expect(await cli(h, ['connections', 'add', '--name', 'P'])).toMatchObject({ code: 2, err: expect.stringContaining('--base-url, --client-code, --api-version') });
    expect(await cli(h, ['jobs', 'show', 'nope'])).toMatchObject({ code: 2, err: expect.stringContaining('No job nope') });
    expect(await cli(h, ['upload', 'x.csv', '--id-column', 'id', '--id-type', 'thirdPartyId'])).toMatchObject({ code: 2, err: expect.stringContaining('--profile NAME is required') });
    expect(await cli(h, ['upload', 'x.csv', '--id-column', 'id', '--id-type', 'thirdPartyId', '--profile', 'Nope'])).toMatchObject({ code: 2, err: expect.stringContaining('No connection named "Nope"') });
    expect(await cli(h, ['jobs', 'list', '--json'])).toMatchObject({ code: 0, out: '[]\n' });
  });

  it('upload --dry-run prepares and sends nothing; upload then sends, and jobs list/show/results report it', async () => {
    const h = await home();
    const sandbox = await startSandbox({ settings: { rateLimitWindowMs: 1000 } });
    cleanups.push(() => sandbox.close());
    const csv = join(h, 'people.csv');
    await writeFile(csv, `crm_id,tier\n${Array.from({ length: 30 }, (_, i) => `C${i},t${i % 2}`).join('\n')}\n`);
    expect((await cli(h, ['connections', 'add', '--name', 'Dev', '--base-url', sandbox.baseUrl, '--client-code', 'acme', '--api-version', 'v1'])).code).toBe(0);
    const dry = await cli(h, ['upload', csv, '--id-column', 'crm_id', '--id-type', 'thirdPartyId', '--batch-rows', '10', '--profile', 'Dev', '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.out)).toMatchObject({ dryRun: true, rows: 30, valid: 30, batches: [{ rows: 10 }, { rows: 10 }, { rows: 10 }] });
    expect(JSON.parse((await cli(h, ['jobs', 'list', '--json'])).out)).toEqual([]);
    const up = await cli(h, ['upload', csv, '--id-column', 'crm_id', '--id-type', 'thirdPartyId', '--batch-rows', '10', '--profile', 'Dev', '--json']);
    const result = JSON.parse(up.out) as Record<string, unknown>;
    // v1 updates existing profiles only: the sandbox has none, so every row is "not found" (exit 0: nothing failed).
    expect(up.code).toBe(0);
    expect(result).toMatchObject({ state: 'completed', rows: 30, sent: 30, confirmed: 0, notFound: 30, failed: 0, rejected: 0, excluded: 0 });
    expect(Object.keys(result)).toEqual(expect.arrayContaining(['jobId', 'rows', 'sent', 'confirmed', 'notFound', 'failed', 'rejected', 'excluded', 'batches']));
    expect((result.batches as Record<string, unknown>[])[0]).toEqual({ index: 1, rows: 10, batchId: expect.any(String), status: 'complete', consumedCount: 10, successfulUpdates: 0, profilesNotFound: 10, failedUpdates: 0 });
    const jobs = JSON.parse((await cli(h, ['jobs', 'list', '--json'])).out) as { jobId: string; state: string }[];
    expect(jobs).toEqual([expect.objectContaining({ jobId: result.jobId, state: 'completed', notFound: 30 })]);
    const shown = JSON.parse((await cli(h, ['jobs', 'show', String(result.jobId), '--json'])).out) as Record<string, unknown>;
    expect(shown).toMatchObject({ jobId: result.jobId, state: 'completed', profileName: 'Dev', apiVersion: 'v1' });
    const res = JSON.parse((await cli(h, ['jobs', 'results', String(result.jobId), '--json'])).out) as { path: string; rows: number };
    expect(res.rows).toBe(30);
    // --json's `results` is the result CSV the command rewrites: plain words, the file's columns as read, then the pl_ columns.
    expect(res.path).toBe(result.results);
    const first = await readResultCsv(res.path);
    expect(first.header).toEqual(['Outcome', 'Reason', 'crm_id', 'tier', ...RESULT_MACHINE_HEADER]);
    expect(first.rows[0]).toMatchObject({ Outcome: 'Not found', crm_id: 'C0', tier: 't0', row: '1', key: 'C0', outcome: 'not-found', batch: '1' });
    expect(await cli(h, ['jobs', 'retry', String(result.jobId)])).toMatchObject({ code: 1, err: expect.stringContaining('nothing to retry') });

    // A results file that cannot be written: exit 2 with the path and the reason in plain words, the job untouched.
    await rm(res.path);
    await mkdir(res.path);
    const blocked = await cli(h, ['jobs', 'results', String(result.jobId)]);
    expect(blocked).toMatchObject({ code: 2, err: `profile-loader jobs: Could not write ${res.path}: a folder stands where the file should be (EISDIR).\n` });
    expect((await readdir(res.path)).length).toBe(0);
    expect(JSON.parse((await cli(h, ['jobs', 'list', '--json'])).out)).toEqual([expect.objectContaining({ state: 'completed' })]);
  });

  it('an upload that stops before sending leaves no job folder behind', async () => {
    const h = await home();
    expect((await cli(h, ['connections', 'add', '--name', 'Dev', '--base-url', 'http://127.0.0.1:9', '--client-code', 'acme', '--api-version', 'v2'])).code).toBe(0);
    const csv = join(h, 'people.csv');
    await writeFile(csv, 'crm_id,tier\nC1,gold\n');
    expect((await cli(h, ['upload', join(h, 'missing.csv'), '--id-column', 'crm_id', '--id-type', 'thirdPartyId', '--profile', 'Dev'])).code).toBe(2);
    expect((await cli(h, ['upload', csv, '--id-column', 'nope', '--id-type', 'thirdPartyId', '--profile', 'Dev'])).code).toBe(2);
    expect(await readdir(join(h, 'jobs')).catch(() => [])).toEqual([]);
  });
  it('upload refuses a file with blocked rows and sends nothing, unless --send-valid-rows says to send the rest', async () => {
    const h = await home();
    const sandbox = await startSandbox({ settings: { rateLimitWindowMs: 1000 } });
    cleanups.push(() => sandbox.close());
    const csv = join(h, 'people.csv');
    await writeFile(csv, 'crm_id,tier\nC1,gold\nC+2,silver\nC3,bronze\n');
    expect((await cli(h, ['connections', 'add', '--name', 'Dev', '--base-url', sandbox.baseUrl, '--client-code', 'acme', '--api-version', 'v2'])).code).toBe(0);
    const refused = await cli(h, ['upload', csv, '--id-column', 'crm_id', '--id-type', 'thirdPartyId', '--profile', 'Dev', '--json']);
    expect(refused.code).toBe(1);
    expect(refused.out).toBe('');
    expect(refused.err).toContain('1 of 3 rows have blocking problems, so nothing was sent');
    expect(JSON.parse((await cli(h, ['jobs', 'list', '--json'])).out)).toEqual([]);
    expect((await fetch(`${sandbox.baseUrl}/rest/v1/profiles/thirdPartyId/C1?client=acme`)).status).toBe(404);

    const sent = await cli(h, ['upload', csv, '--id-column', 'crm_id', '--id-type', 'thirdPartyId', '--profile', 'Dev', '--send-valid-rows', '--json']);
    const result = JSON.parse(sent.out) as { jobId: string };
    expect(sent.code).toBe(1);
    expect(result).toMatchObject({ state: 'completed', rows: 3, sent: 2, confirmed: 2, rejected: 1 });
    const res = JSON.parse((await cli(h, ['jobs', 'results', result.jobId, '--json'])).out) as { path: string };
    const blocked = (await readResultCsv(res.path)).rows[1];
    expect(blocked).toMatchObject({ Outcome: 'Blocked', crm_id: 'C+2', row: '2', key: 'C+2', outcome: 'rejected', batch: '' });
    expect(blocked?.Reason).toMatch(/^Blocked before sending: Column `crm_id`: /);
  });

  it('"connections test" and "jobs retry" use a token given on standard input for that command (not saved)', async () => {
    const h = await home();
    // Ids longer than 4 characters fail at Target, so the first job ends with failed rows to retry.
    const sandbox = await startSandbox({ settings: { rateLimitWindowMs: 1000, maxThirdPartyIdLength: 4 } });
    cleanups.push(() => sandbox.close());
    const csv = join(h, 'people.csv');
    await writeFile(csv, 'crm_id,tier\nC1,gold\nC-LONG,silver\n');
    expect((await cli(h, ['connections', 'add', '--name', 'Dev', '--base-url', sandbox.baseUrl, '--client-code', 'acme', '--api-version', 'v2'])).code).toBe(0);
    const first = await cli(h, ['upload', csv, '--id-column', 'crm_id', '--id-type', 'thirdPartyId', '--profile', 'Dev', '--json']);
    const job = JSON.parse(first.out) as { jobId: string };
    expect(first.code).toBe(1);
    expect(JSON.parse(first.out)).toMatchObject({ state: 'completed', confirmed: 1, failed: 1 });

    await admin(sandbox, 'PUT', '/admin/clients/acme/settings', { requireAuth: true, maxThirdPartyIdLength: 256 });
    const token = String(((await admin(sandbox, 'POST', '/admin/clients/acme/token')).json as { token: string }).token);
    const without = JSON.parse((await cli(h, ['connections', 'test', 'Dev', '--json'])).out) as { ok: boolean; checks: { check: string; code: string }[] };
    expect(without.checks.find((c) => c.check === 'token')).toMatchObject({ code: 'check-token-required' });
    const tested = await cli(h, ['connections', 'test', 'Dev', '--json', '--token-stdin'], `${token}\n`);
    expect(tested.code).toBe(0);
    expect((JSON.parse(tested.out) as typeof without).checks.find((c) => c.check === 'token')).toMatchObject({ code: 'check-token-accepted' });

    const retried = await cli(h, ['jobs', 'retry', job.jobId, '--json', '--token-stdin'], `${token}\n`);
    expect(retried.code).toBe(0);
    expect(JSON.parse(retried.out)).toMatchObject({ state: 'completed', rows: 1, confirmed: 1, failed: 0 });
    expect(retried.out + retried.err).not.toContain(token);
    const fetched = await fetch(`${sandbox.baseUrl}/rest/v1/profiles/thirdPartyId/C-LONG?client=acme`, { headers: { authorization: `Bearer ${token}` } });
    expect(fetched.status).toBe(200);
    expect(JSON.parse((await cli(h, ['connections', 'list', '--json'])).out)).toMatchObject({ profiles: [{}, { name: 'Dev', hasToken: false }] });
  });
});

