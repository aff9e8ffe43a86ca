// The verification commands as scripts call them: `jobs verify` (--json shape, exit codes), `jobs
// resend-missing`, `lookup`; and a verification killed mid-way resumes without reading settled rows again
// (counted at the sandbox).
import { spawn } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index.js';
import { admin } from '../../../sandbox/testing/http.js';
import { tempHome } from '../../upload/testing/fixtures.js';
import { runCli } from '../main.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const bin = join(root, 'bin', 'profile-loader.mjs');
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

/** A sandbox, a state folder with a "Dev" connection to it, and a CSV of `rows` customers uploaded through the CLI. */
async function uploaded(rows: number, sandboxSettings: Record<string, unknown>, verify: Record<string, unknown> = {}): Promise<{ sandbox: RunningSandbox; home: string; jobId: string }> {
  const sandbox = await startSandbox({ processingDelayMs: 20, settings: { rateLimitWindowMs: 1000, ...sandboxSettings } });
  const home = await tempHome({ verify: { requestsPerSecond: 0, ...verify } });
  cleanups.push(async () => {
    await sandbox.close();
    await rm(home, { recursive: true, force: true });
  });
  expect((await cli(home, ['connections', 'add', '--name', 'Dev', '--base-url', sandbox.baseUrl, '--client-code', 'acme', '--api-version', 'v2'])).code).toBe(0);
  const csv = ['customer_id,tier,city', ...Array.from({ length: rows }, (_, i) => `C${i},tier${i % 3},Seoul`)].join('\n');
  const input = join(home, 'customers.csv');
  await writeFile(input, `${csv}\n`);
  const up = await cli(home, ['upload', input, '--id-column', 'customer_id', '--id-type', 'thirdPartyId', '--profile', 'Dev', '--json']);
  expect(up.code).toBe(0);
  return { sandbox, home, jobId: (JSON.parse(up.out) as { jobId: string }).jobId };
}

describe('jobs verify, jobs resend-missing and lookup', () => {
  it('prints the contracted --json, exits 1 with missing rows, re-sends them and then exits 0', async () => {
    const { sandbox, home, jobId } = await uploaded(400, { faults: { dropRowRate: 0.05, seed: 3 } });
    const dropped = ((await admin(sandbox, 'GET', '/admin/clients/acme/dropped-rows')).json.rows as { id: string }[]).map((r) => r.id).sort();
    expect(dropped.length).toBeGreaterThan(5);

    const first = await cli(home, ['jobs', 'verify', jobId, '--all', '--wait-minutes', '0', '--json']);
    expect(first.code).toBe(1);
    const out = JSON.parse(first.out) as Record<string, unknown> & { rows: { key: string; outcome: string; row: number }[] };
    expect(Object.keys(out).slice(0, 8)).toEqual(['jobId', 'checked', 'verified', 'differs', 'missing', 'notYetVisible', 'sample', 'rows']);
    expect(out).toMatchObject({ jobId, checked: 400, verified: 400 - dropped.length, differs: 0, missing: dropped.length, notYetVisible: 0, sample: false });
    expect(out.rows.map((r) => r.key).sort()).toEqual(dropped);
    expect(out.rows.every((r) => r.outcome === 'missing' && r.row >= 2)).toBe(true);

    await admin(sandbox, 'PUT', '/admin/clients/acme/settings', { faults: { dropRowRate: 0 } });
    const resend = await cli(home, ['jobs', 'resend-missing', jobId, '--json']);
    expect(resend.code).toBe(0);
    const resent = JSON.parse(resend.out) as { jobId: string; rows: number; confirmed: number; state: string };
    expect(resent).toMatchObject({ state: 'completed', confirmed: dropped.length });
    expect(resent.jobId).not.toBe(jobId);

    const clean = await cli(home, ['jobs', 'verify', jobId, '--all', '--wait-minutes', '0', '--json']);
    expect(clean.code).toBe(0);
    expect(JSON.parse(clean.out)).toMatchObject({ checked: 400, verified: 400, missing: 0, rows: [] });
    const text = await cli(home, ['jobs', 'verify', jobId, '--wait-minutes', '0']);
    expect(text.out).toContain('verified 400 of 400 checked rows · 0 missing · 0 differ');
    const again = await cli(home, ['jobs', 'resend-missing', jobId]);
    expect(again.code).toBe(1);
    expect(again.err).toContain('no missing row');
  }, 120_000);

  it('explains bad arguments and a job never verified', async () => {
    const { home, jobId } = await uploaded(5, {});
    expect(await cli(home, ['jobs', 'verify'])).toMatchObject({ code: 2, err: expect.stringContaining('needs a JOBID') as string });
    expect(await cli(home, ['jobs', 'verify', jobId, '--all', '--sample', '5'])).toMatchObject({ code: 2, err: expect.stringContaining('use one') as string });
    expect(await cli(home, ['jobs', 'verify', jobId, '--wait-minutes', 'soon'])).toMatchObject({ code: 2, err: expect.stringContaining('--wait-minutes') as string });
    expect(await cli(home, ['jobs', 'verify', jobId, '--sample', '0'])).toMatchObject({ code: 2, err: expect.stringContaining('--sample') as string });
    expect(await cli(home, ['jobs', 'resend-missing', jobId])).toMatchObject({ code: 2, err: expect.stringContaining('has not been verified yet') as string });
    expect(await cli(home, ['jobs', 'verify', 'nope-1'])).toMatchObject({ code: 2 });
    expect((await cli(home, ['help', 'jobs'])).out).toContain('jobs verify JOBID [--all | --sample N] [--wait-minutes M] [--json]');
    expect((await cli(home, ['jobs', 'verify', '--help'])).out).toContain('read the job\'s confirmed rows back from Target');
  }, 60_000);

  it('looks one profile up (by customer id or ECID) beside what the app last sent, and says when Target has none', async () => {
    const fixture = await uploaded(3, {});
    const { home, jobId } = fixture;
    const found = await cli(home, ['lookup', '--connection', 'Dev', '--id', 'C1', '--json']);
    expect(found.code).toBe(0);
    const json = JSON.parse(found.out) as { profile: { attributes: { name: string; value: string }[] }; lastSent: { jobId: string; values: Record<string, string> } };
    expect(json.profile.attributes.map((a) => [a.name, a.value])).toEqual([
      ['city', 'Seoul'],
      ['tier', 'tier1'],
    ]);
    expect(json.lastSent).toMatchObject({ jobId, values: { tier: 'tier1', city: 'Seoul' } });
    const none = await cli(home, ['lookup', '--connection', 'Dev', '--id', 'nobody', '--json']);
    expect(none.code).toBe(1);
    expect(JSON.parse(none.out)).toEqual({ idType: 'thirdPartyId', id: 'nobody', profile: null, lastSent: null });
    expect((await cli(home, ['lookup', '--connection', 'Dev', '--id', 'nobody'])).out).toContain('Target has no profile for thirdPartyId nobody');
    // An ECID reaches the profile once a visit carried it (the sandbox's mbox-call route); nothing is ever sent by ECID.
    const { sandbox } = fixture;
    expect((await admin(sandbox, 'POST', '/admin/clients/acme/mbox-call', { thirdPartyId: 'C2', ecid: '12345678901234567890123456789012345678' })).status).toBe(200);
    const byEcid = await cli(home, ['lookup', '--connection', 'Dev', '--id', '12345678901234567890123456789012345678', '--id-type', 'ecid', '--json']);
    expect(byEcid.code).toBe(0);
    expect(JSON.parse(byEcid.out)).toMatchObject({ idType: 'ecid', profile: { attributes: [{ name: 'city', value: 'Seoul' }, { name: 'tier', value: 'tier2' }] }, lastSent: null });
    expect(await cli(home, ['lookup', '--connection', 'Dev'])).toMatchObject({ code: 2, err: expect.stringContaining('--id ID is required') as string });
    expect(await cli(home, ['lookup', '--connection', 'Dev', '--id', 'x', '--id-type', 'email'])).toMatchObject({ code: 2, err: expect.stringContaining('--id-type') as string });
    expect(await cli(home, ['lookup', '--connection', 'Nope', '--id', 'x'])).toMatchObject({ code: 2 });
  }, 60_000);

  it('resumes a verification killed mid-way without reading a settled row again', async () => {
    const { sandbox, home, jobId } = await uploaded(600, {}, { requestsPerSecond: 60, concurrency: 2 });
    await admin(sandbox, 'DELETE', '/admin/clients/acme/fetches');
    const child = spawn(process.execPath, [bin, 'jobs', 'verify', jobId, '--all', '--wait-minutes', '0', '--json'], { env: { ...process.env, PROFILE_LOADER_HOME: home }, stdio: 'ignore' });
    const journal = join(home, 'jobs', jobId, 'verify.jsonl');
    const settledLines = async () =>
      (await readFile(journal, 'utf8').catch(() => ''))
        .split('\n')
        .filter((l) => l.includes('"verify.settled"'))
        .flatMap((l) => (JSON.parse(l) as { rows: { l: number }[] }).rows.map((r) => r.l));
    while ((await settledLines()).length < 150) await new Promise((r) => setTimeout(r, 100));
    child.kill('SIGKILL');
    await new Promise((r) => child.on('close', r));
    const settled = await settledLines();
    expect(settled.length).toBeLessThan(600);
    const before = (await admin(sandbox, 'GET', '/admin/clients/acme/fetches')).json as { byId: Record<string, number> };

    const resumed = await cli(home, ['jobs', 'verify', jobId, '--all', '--wait-minutes', '0', '--json']);
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.out)).toMatchObject({ checked: 600, verified: 600 });
    const after = (await admin(sandbox, 'GET', '/admin/clients/acme/fetches')).json as { byId: Record<string, number> };
    // The CSV's data line i carries customer C<i>.
    for (const line of settled) expect(after.byId[`thirdPartyId:C${line}`]).toBe(before.byId[`thirdPartyId:C${line}`]);
    const fresh = Object.keys(after.byId).filter((k) => (after.byId[k] ?? 0) > (before.byId[k] ?? 0));
    expect(fresh.length).toBeGreaterThanOrEqual(600 - settled.length);
    // Rows read in the last second before the kill were not on disk yet (they are journaled in groups): at most ~1 s of reads again.
    expect(fresh.length).toBeLessThanOrEqual(600 - settled.length + 70);
  }, 120_000);
});
