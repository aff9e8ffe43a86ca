// Acceptance of verification (issue 11) against the sandbox over real HTTP: dropped rows are found and
// only they, a re-send makes a later check clean, visibility lag reads as "not yet visible" and ends
// verified, a sample is seeded and recorded, and the result CSV carries what was found.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index.js';
import { admin } from '../../../sandbox/testing/http.js';
import type { VerifyView } from '../../../shared/contract/verify.js';
import { tempHome, writePrepared } from '../../upload/testing/fixtures.js';
import { createUploadServices, type UploadServices } from '../upload-services.js';
import { jobPaths } from '../jobs/job-paths.js';
import { readResultCsv } from '../testing/read-result-csv.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

interface World {
  readonly sandbox: RunningSandbox;
  readonly home: string;
  readonly services: UploadServices;
  readonly connectionId: string;
}

async function world(sandboxSettings: Record<string, unknown>, verify: Record<string, unknown> = {}): Promise<World> {
  const sandbox = await startSandbox({ processingDelayMs: 20, settings: { rateLimitWindowMs: 1000, chunkRows: 2500, ...sandboxSettings } });
  const home = await tempHome({ verify: { requestsPerSecond: 0, concurrency: 8, ...verify } });
  const services = await createUploadServices({ homeDir: home, keychain: null });
  const connection = await services.connections.save({ name: 'Dev', environment: '', color: '', clientCode: 'acme', apiVersion: 'v2', baseUrl: sandbox.baseUrl });
  cleanups.push(async () => {
    await services.close();
    await sandbox.close();
    await rm(home, { recursive: true, force: true });
  });
  return { sandbox, home, services, connectionId: connection.id };
}

/** Uploads a synthetic prepared folder (keys `${prefix}-<line>`) and returns the finished job's id. */
async function upload(w: World, batches: number, rowsPerBatch: number, prefix = 'CRM'): Promise<string> {
  const dir = join(w.home, `prepared-${prefix}`);
  await writePrepared(dir, { batches, rowsPerBatch, keyPrefix: prefix });
  const spec = await w.services.jobs.create({ preparedDir: dir, profileId: w.connectionId });
  const view = await w.services.jobs.run(spec.jobId);
  expect(view.state).toBe('completed');
  return spec.jobId;
}

async function droppedIds(w: World): Promise<string[]> {
  const { json } = await admin(w.sandbox, 'GET', '/admin/clients/acme/dropped-rows');
  return (json.rows as { id: string }[]).map((r) => r.id).sort();
}

describe('verification', () => {
  it('finds every row the sandbox dropped and no other, and a re-send makes the next check clean', async () => {
    const w = await world({ faults: { dropRowRate: 0.01, seed: 11 } });
    const jobId = await upload(w, 2, 5000);
    const dropped = await droppedIds(w);
    expect(dropped.length).toBeGreaterThan(50);
    expect(dropped.length).toBeLessThan(200);

    const view = await w.services.verify.run(jobId, { mode: 'all', waitMinutes: 0 });
    expect(view).toMatchObject({ state: 'finished', sample: false, planned: 10_000, checked: 10_000, missing: dropped.length, differs: 0, notYetVisible: 0 });
    expect(view.verified).toBe(10_000 - dropped.length);
    const problems = await w.services.verify.problems(jobId, 0, 1000);
    expect(problems.rows.map((r) => r.key).sort()).toEqual(dropped);
    expect(problems.rows.every((r) => r.outcome === 'missing' && r.row !== null)).toBe(true);
    // The row number is the input row: the fixture puts data line i on row i + 1.
    expect(problems.rows.every((r) => r.key === `CRM-${(r.row as number) - 1}`)).toBe(true);

    const csv = await readResultCsv((await w.services.jobs.results(jobId)).path);
    expect(csv.header.slice(-2)).toEqual(['verified', 'verify_detail']);
    expect(csv.rows.filter((r) => r.verified === 'missing').length).toBe(dropped.length);
    expect(csv.rows.filter((r) => r.verified === 'missing' && r.Reason?.startsWith('Read back from Target: no profile has this key.')).length).toBe(dropped.length);
    expect(csv.rows.filter((r) => r.verified === 'verified' && r.verify_detail === '').length).toBe(10_000 - dropped.length);

    await admin(w.sandbox, 'PUT', '/admin/clients/acme/settings', { faults: { dropRowRate: 0 } });
    const resend = await w.services.verify.resendMissing(jobId);
    expect(resend.batches.reduce((n, b) => n + b.rows, 0)).toBe(dropped.length);
    expect((await w.services.jobs.run(resend.jobId)).state).toBe('completed');
    const again = await w.services.verify.run(jobId, { mode: 'all', waitMinutes: 0 });
    expect(again).toMatchObject({ run: 2, checked: 10_000, verified: 10_000, missing: 0, differs: 0 });
  }, 120_000);

  it('reports rows as not yet visible while Target lags, and ends with them verified', async () => {
    const w = await world({ faults: { visibilityLagMs: 20_000 } });
    const jobId = await upload(w, 1, 40);
    const seen: VerifyView[] = [];
    const first = await w.services.verify.start(jobId, { mode: 'all', waitMinutes: 2 });
    expect(first.state).toBe('running');
    let view = first;
    while (view.state !== 'finished' && view.state !== 'paused') {
      await new Promise((r) => setTimeout(r, 500));
      view = (await w.services.verify.get(jobId)) as VerifyView;
      seen.push(view);
    }
    expect(seen.some((v) => v.state === 'waiting' && v.waitingVisible === 40 && v.missing === 0 && v.deadlineAt !== null)).toBe(true);
    expect(view).toMatchObject({ state: 'finished', checked: 40, verified: 40, missing: 0, notYetVisible: 0 });
  }, 90_000);

  it('calls rows still hidden not yet visible when told to stop waiting', async () => {
    const w = await world({ faults: { visibilityLagMs: 600_000 } });
    const jobId = await upload(w, 1, 10);
    await w.services.verify.start(jobId, { mode: 'all', waitMinutes: 30 });
    let view = (await w.services.verify.get(jobId)) as VerifyView;
    while (view.state !== 'waiting') {
      await new Promise((r) => setTimeout(r, 100));
      view = (await w.services.verify.get(jobId)) as VerifyView;
    }
    const final = await w.services.verify.stopWaiting(jobId);
    expect(final).toMatchObject({ state: 'finished', checked: 10, notYetVisible: 10, missing: 0 });
    const csv = await readResultCsv((await w.services.jobs.results(jobId)).path);
    expect(csv.rows.every((r) => r.verified === 'not-yet-visible')).toBe(true);
  }, 60_000);

  it('names the attribute, what was sent and what Target holds when a value differs', async () => {
    const w = await world({});
    const jobId = await upload(w, 1, 20);
    // Someone else changes one profile after the upload.
    const single = await fetch(`${w.sandbox.baseUrl}/m2/acme/profile/update?mbox3rdPartyId=CRM-3&profile.loyaltyTier=platinum`);
    expect(single.status).toBe(200);
    const view = await w.services.verify.run(jobId, { waitMinutes: 0 });
    expect(view).toMatchObject({ checked: 20, verified: 19, differs: 1 });
    const { rows } = await w.services.verify.problems(jobId);
    expect(rows).toEqual([{ row: 4, batch: 1, key: 'CRM-3', outcome: 'differs', diffs: [{ name: 'loyaltyTier', sent: 'tier0', found: 'platinum', modifiedAt: expect.any(String) as string }] }]);
  }, 60_000);

  it('samples per batch beyond the limit with a recorded seed, and a re-run checks the same rows', async () => {
    const w = await world({}, { rowLimit: 100, samplePerBatch: 30 });
    const jobId = await upload(w, 3, 200);
    const first = await w.services.verify.run(jobId, { waitMinutes: 0 });
    expect(first).toMatchObject({ sample: true, eligible: 600, planned: 90, checked: 90, verified: 90 });
    expect(first.notLandedEstimate).toMatchObject({ rate: 0, low: 0 });
    expect(first.notLandedEstimate?.high).toBeGreaterThan(0.01);
    const journal = (await readFile(jobPaths(w.home, jobId).verifyJournal, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { type: string; seed?: number; lines?: number[] });
    const second = await w.services.verify.run(jobId, { waitMinutes: 0 });
    expect(second).toMatchObject({ run: 2, planned: 90 });
    // A new run replaces the earlier run's records, keeping its seed and so its rows.
    const starts = [journal[0], ...(await readFile(jobPaths(w.home, jobId).verifyJournal, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { type: string; seed?: number; lines?: number[] })].filter((r) => r?.type === 'verify.started');
    expect(starts).toHaveLength(2);
    expect(starts[1]?.seed).toBe(starts[0]?.seed);
    expect(starts[1]?.lines).toEqual(starts[0]?.lines);
    expect(journal[0]?.lines).toHaveLength(90);
  }, 60_000);

  it('finds profiles that aged out after 14 idle days as missing (the caveat of "complete")', async () => {
    const w = await world({ profileIdleExpiryDays: 14 });
    const jobId = await upload(w, 1, 10);
    expect(await w.services.verify.run(jobId, { waitMinutes: 0 })).toMatchObject({ verified: 10, missing: 0 });
    // One visitor comes back on day 10 (an mbox call is activity); nobody else does.
    expect((await admin(w.sandbox, 'POST', '/admin/clock', { advanceMs: 10 * 86_400_000 })).status).toBe(200);
    await admin(w.sandbox, 'POST', '/admin/clients/acme/mbox-call', { thirdPartyId: 'CRM-4' });
    expect((await admin(w.sandbox, 'POST', '/admin/clock', { advanceMs: 5 * 86_400_000 })).status).toBe(200);
    const later = await w.services.verify.run(jobId, { waitMinutes: 0 });
    expect(later).toMatchObject({ run: 2, checked: 10, verified: 1, missing: 9 });
    expect((await w.services.verify.problems(jobId)).rows.map((r) => r.key)).not.toContain('CRM-4');
  }, 60_000);

  it('refuses a job that has not finished, and a verification that never ran', async () => {
    const w = await world({});
    const dir = join(w.home, 'prepared-x');
    await writePrepared(dir, { batches: 1, rowsPerBatch: 5 });
    const spec = await w.services.jobs.create({ preparedDir: dir, profileId: w.connectionId });
    await expect(w.services.verify.run(spec.jobId)).rejects.toMatchObject({ code: 'verify-not-ready', params: { variant: 'not-finished' } });
    await expect(w.services.verify.problems(spec.jobId)).rejects.toMatchObject({ code: 'verify-not-found' });
    expect(await w.services.verify.get(spec.jobId)).toBeNull();
  });
});
