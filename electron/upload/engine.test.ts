import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../sandbox/index.js';
import { jobSummary } from '../../shared/jobs/job-summary.js';
import type { JobEvent } from '../../shared/jobs/job-events.js';
import { createUploadServices, type UploadServices } from '../services/upload-services.js';
import { tempHome, writePrepared } from './testing/fixtures.js';
import { readResultCsv } from '../services/testing/read-result-csv.js';
import { RESULT_MACHINE_HEADER } from '../services/results/result-csv.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function setup(sandboxOpts: Parameters<typeof startSandbox>[0] = {}, settings: Record<string, unknown> = {}) {
  const sandbox: RunningSandbox = await startSandbox({ processingDelayMs: 30, ...sandboxOpts });
  const home = await tempHome(settings);
  const services: UploadServices = await createUploadServices({ homeDir: home, keychain: null });
  cleanups.push(async () => {
    await services.close();
    await sandbox.close();
    await rm(home, { recursive: true, force: true });
  });
  return { sandbox, home, services };
}

describe('upload engine against the sandbox', () => {
  it('sends every batch once, follows each to complete and accounts for every row', async () => {
    const { sandbox, home, services } = await setup();
    const profile = await services.connections.save({ name: 'Sandbox', environment: 'Test', color: 'blue', clientCode: 'acme', apiVersion: 'v2', baseUrl: sandbox.baseUrl });
    const prepared = join(home, 'in');
    const lines = await writePrepared(prepared, { batches: 3, rowsPerBatch: 40, rejected: 2, excluded: 1 });
    const spec = await services.jobs.create({ preparedDir: prepared, profileId: profile.id });
    const events: JobEvent[] = [];
    const view = await services.jobs.run(spec.jobId, { onEvent: (e) => events.push(e) });
    const s = jobSummary(view);
    expect(s.state).toBe('completed');
    expect(s).toMatchObject({ rows: lines + 3, sent: lines, confirmed: lines, notFound: 0, failed: 0, rejected: 2, excluded: 1, unknown: 0, pending: 0 });
    expect(s.batches.every((b) => b.status === 'complete' && b.successfulUpdates === 40 && b.batchId !== null)).toBe(true);
    expect(events.filter((e) => e.type === 'batch.submitted')).toHaveLength(3);
    const csv = await readResultCsv(join(home, 'jobs', spec.jobId, 'results.csv'));
    expect(csv.header).toEqual(['Outcome', 'Reason', ...RESULT_MACHINE_HEADER]);
    expect(csv.rows).toHaveLength(lines + 3);
    expect(csv.rows.filter((r) => r.outcome === 'confirmed')).toHaveLength(lines);
    expect(csv.rows[0]).toMatchObject({ Outcome: 'Blocked', row: '1', key: '', outcome: 'rejected' });
    expect(csv.rows[2]).toMatchObject({ Outcome: 'Updated', row: '3', key: 'CRM-0', outcome: 'confirmed', batch: '1' });
    expect(csv.rows[2]!.batch_id).toMatch(/^acme-/);
  });

  it('treats HTTP 200 with success=false as a failed batch with Target\'s message, without retrying it', async () => {
    const { sandbox, home, services } = await setup();
    const profile = await services.connections.save({ name: 'S', clientCode: 'acme', apiVersion: 'v2', baseUrl: sandbox.baseUrl, environment: '', color: '' });
    const prepared = join(home, 'in');
    // A raw % in a key is malformed percent-encoding: Target answers 200 success=false "Unexpected error".
    await writePrepared(prepared, { batches: 2, rowsPerBatch: 5, keyOf: (i) => `K${i}` });
    const bad = join(prepared, 'batch-0002.txt');
    const text = await readFile(bad, 'utf8');
    const { writeFile } = await import('node:fs/promises');
    const broken = text.replace('K5,', 'K%ZZ5,');
    await writeFile(bad, broken);
    const manifest = JSON.parse(await readFile(join(prepared, 'manifest.json'), 'utf8')) as { batches: { bytes: number }[] };
    (manifest.batches[1] as { bytes: number }).bytes = Buffer.byteLength(broken);
    await writeFile(join(prepared, 'manifest.json'), JSON.stringify(manifest));
    const spec = await services.jobs.create({ preparedDir: prepared, profileId: profile.id });
    const events: JobEvent[] = [];
    const view = await services.jobs.run(spec.jobId, { onEvent: (e) => events.push(e) });
    const s = jobSummary(view);
    expect(s).toMatchObject({ state: 'completed', confirmed: 5, failed: 5 });
    expect(view.batches[1]).toMatchObject({ outcome: 'rejected' });
    expect(view.batches[1]?.note).toMatchObject({ code: 'target-rejected', params: { said: 'Unexpected error' } });
    expect(events.filter((e) => e.type === 'batch.submitting' && e.index === 2)).toHaveLength(1);
  });
});
