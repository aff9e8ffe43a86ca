import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeError } from '../messages/error-words.js';
import { startSandbox, type RunningSandbox } from '../../sandbox/index.js';
import type { JobEvent } from '../../shared/jobs/job-events.js';
import { jobSummary } from '../../shared/jobs/job-summary.js';
import { parseSubmitResponse } from '../../shared/target/submit-response.js';
import { batchUpdateUrl } from '../../shared/target/urls.js';
import { createUploadServices, type UploadServices } from '../services/upload-services.js';
import { jobPaths } from '../services/jobs/job-paths.js';
import { JobJournal } from '../store/journal.js';
import { UsageLedger } from '../store/usage-ledger.js';
import { createHttpTransport, type Transport } from './http-transport.js';
import { SANDBOX_FAST, tempHome, writePrepared } from './testing/fixtures.js';
import { admin as sandboxAdmin } from '../../sandbox/testing/http.js';
import { parseResultCsv, readResultCsv } from '../services/testing/read-result-csv.js';
import { resultCsvWordsEn } from '../messages/outcome-words.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function setup(sandboxOpts: Parameters<typeof startSandbox>[0] = {}, transport?: (home: string) => Transport) {
  const sandbox: RunningSandbox = await startSandbox({ processingDelayMs: 30, ...sandboxOpts, settings: { ...SANDBOX_FAST, ...sandboxOpts.settings } });
  const home = await tempHome();
  const services: UploadServices = await createUploadServices({ homeDir: home, keychain: null, ...(transport ? { transport: transport(home) } : {}) });
  cleanups.push(async () => {
    await services.close();
    await sandbox.close();
    await rm(home, { recursive: true, force: true });
  });
  const profile = await services.connections.save({ name: 'S', environment: '', color: '', clientCode: 'acme', apiVersion: 'v2', baseUrl: sandbox.baseUrl });
  return { sandbox, home, services, profile };
}

type WithoutJobId = JobEvent extends infer E ? (E extends JobEvent ? Omit<E, 'jobId'> : never) : never;

/** Appends hand-written events to a job's journal, as a process that died at that point would have left them. */
async function appendEvents(home: string, jobId: string, events: WithoutJobId[]): Promise<void> {
  const j = await JobJournal.open(jobPaths(home, jobId).journal);
  for (const e of events) await j.append({ ...e, jobId } as JobEvent);
  await j.close();
}

const NO_SOURCE = resultCsvWordsEn.reason['no-source-rows'];

describe('the unknown-outcome rule (a POST in flight when the app died)', () => {
  it('sends the batch again when no later write to the same keys exists, counting each row once', async () => {
    const { home, services, profile } = await setup();
    const prepared = join(home, 'in');
    const lines = await writePrepared(prepared, { batches: 3, rowsPerBatch: 10 });
    const spec = await services.jobs.create({ preparedDir: prepared, profileId: profile.id });
    await appendEvents(home, spec.jobId, [{ type: 'batch.submitting', at: new Date().toISOString(), index: 1, attempt: 1 }]);
    const events: JobEvent[] = [];
    const view = await services.jobs.run(spec.jobId, { onEvent: (e) => events.push(e) });
    expect(events.find((e) => e.type === 'batch.outcome-unknown')).toMatchObject({ index: 1 });
    expect(events.find((e) => e.type === 'job.alert')).toMatchObject({ code: 'resent-after-unknown', index: 1 });
    expect(jobSummary(view)).toMatchObject({ state: 'completed', confirmed: lines, sent: lines, unknown: 0 });
  });

  it('asks instead when a later acknowledged batch shares a key; then gives up or re-sends as told', async () => {
    const { sandbox, home, services, profile } = await setup();
    const prepared = join(home, 'in');
    // Batch 1 and batch 2 both carry key DUP (a later value for it is in batch 2).
    await writePrepared(prepared, { batches: 2, rowsPerBatch: 5, keyOf: (i) => (i === 0 || i === 7 ? 'DUP' : `K${i}`) });
    const spec = await services.jobs.create({ preparedDir: prepared, profileId: profile.id });
    // Batch 2 really reached Target after batch 1's POST started.
    const transport = createHttpTransport();
    const b2 = spec.batches[1]!;
    const res = await transport.send({ method: 'POST', url: batchUpdateUrl(sandbox.baseUrl, 'acme', 2), bodyFile: { path: b2.path, bytes: b2.bytes }, timeoutMs: 10_000 });
    transport.close();
    const accepted = res.kind === 'response' ? parseSubmitResponse(res.body) : undefined;
    if (accepted?.kind !== 'accepted') throw new Error('setup POST failed');
    const t = Date.now();
    await appendEvents(home, spec.jobId, [
      { type: 'batch.submitting', at: new Date(t).toISOString(), index: 1, attempt: 1 },
      { type: 'batch.submitting', at: new Date(t + 1).toISOString(), index: 2, attempt: 1 },
      { type: 'batch.submitted', at: new Date(t + 2).toISOString(), index: 2, batchId: accepted.batchId!, statusUrl: accepted.batchStatusUrl },
    ]);
    const paused = await services.jobs.run(spec.jobId);
    expect(paused.state).toBe('paused');
    expect(paused.pause).toMatchObject({ reason: 'unknown-outcome', error: { code: 'outcome-unknown' } });
    expect(paused.pause?.error?.params).toEqual({ variant: 'parked', batches: [1] });
    expect(paused.batches.find((b) => b.index === 2)).toMatchObject({ phase: 'finished', outcome: 'complete' });
    expect(paused.batches.find((b) => b.index === 1)).toMatchObject({ phase: 'unknown-outcome', batchId: null });

    const gaveUp = await services.jobs.run(spec.jobId, { unknownChoice: 'give-up' });
    expect(jobSummary(gaveUp)).toMatchObject({ state: 'completed', confirmed: 5, unknown: 5, sent: 5 });
    const csv = await readResultCsv(jobPaths(home, spec.jobId).results);
    expect(csv.rows.filter((r) => r.outcome === 'unknown' && r.Outcome === 'Unknown')).toHaveLength(5);

    // "Retry failed rows" then sends exactly those rows, as the user decides to.
    const retry = await services.jobs.retryFailed(spec.jobId);
    expect(retry.source.retryOf).toBe(spec.jobId);
    const retried = await services.jobs.run(retry.jobId);
    expect(jobSummary(retried)).toMatchObject({ state: 'completed', rows: 5, confirmed: 5, unknown: 0 });
    const retryCsv = await readResultCsv(jobPaths(home, retry.jobId).results);
    expect(retryCsv.rows.map((r) => r.row)).toEqual(['1', '2', '3', '4', '5']);
    await expect(services.jobs.retryFailed(retry.jobId)).rejects.toMatchObject({ code: 'nothing-to-retry' });
  });
});

describe('limits and guards', () => {
  it('pauses before passing the daily row budget and says when it frees up', async () => {
    const { sandbox, home, services } = await setup();
    const capped = await services.connections.save({ name: 'Capped', environment: '', color: '', clientCode: 'acme', apiVersion: 'v2', baseUrl: sandbox.baseUrl, dailyRowBudget: 100 });
    const prepared = join(home, 'in');
    await writePrepared(prepared, { batches: 3, rowsPerBatch: 40 });
    const spec = await services.jobs.create({ preparedDir: prepared, profileId: capped.id, options: { concurrency: 1 } });
    const view = await services.jobs.run(spec.jobId);
    expect(view.state).toBe('paused');
    expect(view.pause).toMatchObject({ reason: 'daily-budget', error: { code: 'daily-budget-exceeded' } });
    expect(view.pause?.error?.params).toMatchObject({ budget: 100, clientCode: 'acme', used: 80 });
    expect(describeError(view.pause!.error!)).toMatch(/daily budget of 100 rows for client acme \(80 used.*It fits again after/);
    expect(jobSummary(view)).toMatchObject({ sent: 80, confirmed: 80, pending: 40 });
  });

  it('records each batch in the usage ledger before its POST, and takes back a POST Target refused', async () => {
    const seenAtPost: number[] = [];
    // Reads the ledger at the moment each POST leaves (the real transport then sends it).
    const counting = (home: string): Transport => {
      const real = createHttpTransport();
      return {
        async send(request) {
          const ledger = await readFile(join(home, 'usage', 'acme.jsonl'), 'utf8').catch(() => '');
          if (request.method === 'POST') seenAtPost.push(ledger.split('\n').filter((l) => l.includes('"rows"')).length);
          return real.send(request);
        },
        close: () => real.close(),
      };
    };
    const { sandbox, home, services, profile } = await setup({}, counting);
    const prepared = join(home, 'in');
    await writePrepared(prepared, { batches: 3, rowsPerBatch: 10 });
    const spec = await services.jobs.create({ preparedDir: prepared, profileId: profile.id, options: { concurrency: 1 } });
    expect((await services.jobs.run(spec.jobId)).state).toBe('completed');
    expect(seenAtPost).toEqual([1, 2, 3]);
    expect((await new UsageLedger(home).since('acme', 0)).map((e) => e.rows)).toEqual([10, 10, 10]);
    // A batch Target refuses (a 403 for a token it does not accept) is taken back.
    await sandboxAdmin(sandbox, 'PUT', '/admin/clients/acme/settings', { requireAuth: true });
    const again = await services.jobs.create({ preparedDir: prepared, profileId: profile.id, options: { concurrency: 1 } });
    expect((await services.jobs.run(again.jobId)).pause?.reason).toBe('auth');
    expect(seenAtPost).toHaveLength(4);
    expect((await new UsageLedger(home).since('acme', 0)).map((e) => e.jobId)).toEqual([spec.jobId, spec.jobId, spec.jobId]);
  });

  it('refuses to follow a status URL on a host the profile does not allow, then follows it once allowed', async () => {
    const { sandbox, home, services } = await setup();
    const port = new URL(sandbox.baseUrl).port;
    await sandboxAdmin(sandbox, 'PATCH', '/admin/settings', { edgeBaseUrl: `http://localhost:${port}` });
    const p = await services.connections.save({ name: 'Strict', environment: '', color: '', clientCode: 'acme', apiVersion: 'v2', baseUrl: sandbox.baseUrl });
    expect(p.statusHosts).toEqual([`127.0.0.1:${port}`, '*.tt.omtrdc.net']);
    const prepared = join(home, 'in');
    await writePrepared(prepared, { batches: 1, rowsPerBatch: 5 });
    const spec = await services.jobs.create({ preparedDir: prepared, profileId: p.id });
    const paused = await services.jobs.run(spec.jobId);
    expect(paused.pause).toMatchObject({ reason: 'error', error: { code: 'status-host-not-allowed' } });
    expect(paused.pause?.error?.params).toEqual({ host: `localhost:${port}` });
    await services.connections.save({ id: p.id, name: 'Strict', environment: '', color: '', clientCode: 'acme', apiVersion: 'v2', baseUrl: sandbox.baseUrl, statusHosts: [`127.0.0.1:${port}`, `localhost:${port}`] });
    const done = await services.jobs.run(spec.jobId);
    expect(jobSummary(done)).toMatchObject({ state: 'completed', confirmed: 5, sent: 5 });
  });

  it('cancels: unsent batches are not sent, sent ones end unknown, and the result CSV says so', async () => {
    const { home, services, profile } = await setup({ processingDelayMs: 60_000 });
    const prepared = join(home, 'in');
    await writePrepared(prepared, { batches: 3, rowsPerBatch: 4 });
    const spec = await services.jobs.create({ preparedDir: prepared, profileId: profile.id, options: { concurrency: 1 } });
    const view = await services.jobs.run(spec.jobId, {
      onEvent: (e) => {
        if (e.type === 'batch.submitted' && e.index === 1) void services.jobs.cancel(spec.jobId);
      },
    });
    expect(view.state).toBe('cancelled');
    expect(jobSummary(view)).toMatchObject({ sent: 4, unknown: 12, confirmed: 0 });
    const { rows } = await readResultCsv(jobPaths(home, spec.jobId).results);
    expect(rows.filter((r) => r.outcome === 'unknown')).toHaveLength(4);
    expect(rows.filter((r) => r.outcome === 'not-sent' && r.Outcome === 'Not sent' && r.Reason === `The job was cancelled. | ${NO_SOURCE}`)).toHaveLength(8);
    expect((await services.jobs.listItem(spec.jobId)).state).toBe('cancelled');
  });

  it('v2 per-row failures become failed rows in a formula-safe result CSV', async () => {
    const { home, services, profile } = await setup();
    const prepared = join(home, 'in');
    // Key 3 is 300 characters: Target fails the row (mbox3rdPartyId ≤ 256) and lists it; key 0 starts with "=".
    await writePrepared(prepared, { batches: 1, rowsPerBatch: 6, keyOf: (i) => (i === 3 ? 'L'.repeat(300) : i === 0 ? '=HYPERLINK("x")' : `K${i}`) });
    const spec = await services.jobs.create({ preparedDir: prepared, profileId: profile.id });
    const view = await services.jobs.run(spec.jobId);
    expect(jobSummary(view)).toMatchObject({ confirmed: 5, failed: 1 });
    const text = await readFile(jobPaths(home, spec.jobId).results, 'utf8');
    const csv = text.trim().split('\n');
    // No reason (nothing to say), no original columns (a prepared folder without source rows says so), not read back.
    expect(csv[1]).toBe(`Updated,${NO_SOURCE},1,"'=HYPERLINK(""x"")",confirmed,1,${view.batches[0]!.batchId},,`);
    expect(parseResultCsv(text).rows[3]).toMatchObject({ Outcome: 'Failed', Reason: `Target listed this row as failed. | ${NO_SOURCE}`, key: 'L'.repeat(300), outcome: 'failed' });
  });
});
