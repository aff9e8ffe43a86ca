// Each failure a user can meet while sending, met for real against the sandbox.
import { appendFile, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeError } from '../messages/error-words.js';
import { startSandbox } from '../../sandbox/index.js';
import type { JobEvent } from '../../shared/jobs/job-events.js';
import { jobSummary } from '../../shared/jobs/job-summary.js';
import { createUploadServices } from '../services/upload-services.js';
import { SANDBOX_FAST, tempHome, writePrepared } from './testing/fixtures.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function setup(sandboxOpts: Parameters<typeof startSandbox>[0] = {}) {
  const sandbox = await startSandbox({ processingDelayMs: 20, ...sandboxOpts, settings: { ...SANDBOX_FAST, ...sandboxOpts.settings } });
  const home = await tempHome();
  const services = await createUploadServices({ homeDir: home, keychain: null });
  cleanups.push(async () => {
    await services.close();
    await sandbox.close();
    await rm(home, { recursive: true, force: true });
  });
  const profile = await services.connections.save({ name: 'S', environment: '', color: '', clientCode: 'acme', apiVersion: 'v2', baseUrl: sandbox.baseUrl });
  const prepared = join(home, 'in');
  return { sandbox, home, services, profile, prepared };
}

describe('failures while sending', () => {
  it('a stuck batch raises an alert and its rows count as unknown', async () => {
    const { services, profile, prepared } = await setup({ settings: { faults: { stuckRate: 1 } } });
    await writePrepared(prepared, { batches: 1, rowsPerBatch: 4 });
    const spec = await services.jobs.create({ preparedDir: prepared, profileId: profile.id });
    const view = await services.jobs.run(spec.jobId);
    expect(view.alerts.map((a) => a.code)).toContain('batch-stuck');
    expect(jobSummary(view)).toMatchObject({ state: 'completed', unknown: 4, confirmed: 0, batches: [{ status: 'stuck' }] });
  });

  it('a batch still incomplete at the poll deadline ends unknown with an alert', async () => {
    const { services, profile, prepared } = await setup({ processingDelayMs: 60_000 });
    await writePrepared(prepared, { batches: 1, rowsPerBatch: 4 });
    const spec = await services.jobs.create({ preparedDir: prepared, profileId: profile.id, options: { pollDeadlineMs: 150 } });
    const view = await services.jobs.run(spec.jobId);
    expect(view.alerts).toEqual([expect.objectContaining({ code: 'poll-deadline', level: 'warning' })]);
    expect(jobSummary(view)).toMatchObject({ state: 'completed', sent: 4, unknown: 4 });
  });

  it('persistent 5xx: bounded retries, then the batch fails and says so', async () => {
    const { services, profile, prepared } = await setup({ settings: { faults: { batchUpdate: { errorRate: 1, errorStatuses: [500] } } } });
    await writePrepared(prepared, { batches: 1, rowsPerBatch: 3 });
    const spec = await services.jobs.create({ preparedDir: prepared, profileId: profile.id, options: { maxSubmitAttempts: 3 } });
    const events: JobEvent[] = [];
    const view = await services.jobs.run(spec.jobId, { onEvent: (e) => events.push(e) });
    const fails = events.filter((e) => e.type === 'batch.submit-failed');
    expect(fails.map((e) => (e.type === 'batch.submit-failed' ? e.retryInMs === null : null))).toEqual([false, false, true]);
    expect(view.batches[0]).toMatchObject({ outcome: 'rejected', note: { code: 'server-error', params: { status: 500 }, because: { code: 'gave-up', params: { attempts: 3 } } } });
    expect(describeError(view.batches[0]!.note!)).toContain('server error (HTTP 500). Gave up after 3 attempts');
    expect(jobSummary(view)).toMatchObject({ failed: 3, sent: 0 });
  });

  it('a 4xx is not retried: the batch fails with the status and Target\'s message', async () => {
    const { services, profile, prepared } = await setup({ settings: { maxRows: 2, limitHttpStatus: 413 } });
    await writePrepared(prepared, { batches: 1, rowsPerBatch: 3 });
    const spec = await services.jobs.create({ preparedDir: prepared, profileId: profile.id });
    const events: JobEvent[] = [];
    const view = await services.jobs.run(spec.jobId, { onEvent: (e) => events.push(e) });
    expect(events.filter((e) => e.type === 'batch.submitting')).toHaveLength(1);
    expect(view.batches[0]?.lastError).toMatchObject({ code: 'http-error', httpStatus: 413 });
    expect(jobSummary(view)).toMatchObject({ failed: 3 });
  });

  it('a batch file changed after the job was created is not sent', async () => {
    const { services, profile, prepared } = await setup();
    await writePrepared(prepared, { batches: 2, rowsPerBatch: 3 });
    const spec = await services.jobs.create({ preparedDir: prepared, profileId: profile.id, options: { concurrency: 1 } });
    await appendFile(spec.batches[1]!.path, 'EXTRA,row\n');
    const view = await services.jobs.run(spec.jobId);
    expect(view.pause).toMatchObject({ reason: 'error', error: { code: 'batch-file-changed' } });
    expect(jobSummary(view)).toMatchObject({ sent: 3, confirmed: 3, pending: 3 });
  });

  it('a folder without a manifest cannot become a job', async () => {
    const { services, profile, home } = await setup();
    await mkdir(join(home, 'empty'));
    await expect(services.jobs.create({ preparedDir: join(home, 'empty'), profileId: profile.id })).rejects.toMatchObject({ code: 'prepared-missing' });
    await expect(services.jobs.load('20260101-000000-zzzz')).rejects.toMatchObject({ code: 'job-not-found' });
  });
});
