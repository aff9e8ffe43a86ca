// The attribute catalog (issue 12, item 4) against the sandbox over real HTTP: names a connection received
// are remembered with their source column, across a restart and after the job folders are gone; a job
// that confirmed nothing adds nothing; each connection has its own names.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index.js';
import { markNames } from '../../../shared/catalog/attribute-catalog.js';
import { mappingSpecSchema } from '../../../shared/domain/mapping-spec.js';
import { DEFAULT_VALUE_FIXES } from '../../../shared/validation/value-fixes.js';
import { FAST_SETTINGS, SANDBOX_FAST, tempHome, writePrepared } from '../../upload/testing/fixtures.js';
import { runPrepare } from '../prepare/prepare-pipeline.js';
import { createUploadServices, type UploadServices } from '../upload-services.js';
import { jobsRoot } from '../jobs/job-paths.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function world(): Promise<{ sandbox: RunningSandbox; home: string; open: () => Promise<UploadServices> }> {
  const sandbox = await startSandbox({ processingDelayMs: 10, settings: SANDBOX_FAST });
  const home = await tempHome(FAST_SETTINGS);
  const opened: UploadServices[] = [];
  cleanups.push(async () => {
    for (const s of opened) await s.close();
    await sandbox.close();
    await rm(home, { recursive: true, force: true });
  });
  return {
    sandbox,
    home,
    open: async () => {
      const s = await createUploadServices({ homeDir: home, keychain: null });
      opened.push(s);
      return s;
    },
  };
}

async function runJob(services: UploadServices, preparedDir: string, profileId: string): Promise<string> {
  const spec = await services.jobs.create({ preparedDir, profileId });
  const view = await services.jobs.run(spec.jobId);
  expect(['completed', 'failed']).toContain(view.state);
  return spec.jobId;
}

describe('attribute catalog', () => {
  it('remembers the names a connection received, with the column they came from, across a restart and after the job folders are gone', async () => {
    const w = await world();
    const services = await w.open();
    const dev = await services.connections.save({ name: 'Dev', environment: '', color: '', clientCode: 'acme', apiVersion: 'v2', baseUrl: w.sandbox.baseUrl });
    const other = await services.connections.save({ name: 'Other', environment: '', color: '', clientCode: 'other', apiVersion: 'v2', baseUrl: w.sandbox.baseUrl });
    expect((await services.catalog.get(dev.id)).names).toEqual([]);

    // A real file through the real pipeline: `Tier` is sent as `tier`, `Join date` as `joinDate`.
    const csv = join(w.home, 'crm.csv');
    await writeFile(csv, 'member,Tier,Join date\nM-1,gold,2024-01-02\nM-2,silver,2024-03-04\n');
    const mapping = mappingSpecSchema.parse({ idColumn: 'member', idKind: 'thirdPartyId', columns: [{ column: 'Tier', param: 'tier' }, { column: 'Join date', param: 'joinDate' }] });
    await runPrepare({ path: csv, read: {}, mapping, duplicates: 'flag', fixes: DEFAULT_VALUE_FIXES, edits: [], outDir: join(w.home, 'prep-crm') });
    const first = await runJob(services, join(w.home, 'prep-crm'), dev.id);

    // A prepared folder that does not record its columns (as a re-send's): names from the batch header.
    await writePrepared(join(w.home, 'prep-fixture'), { batches: 1, rowsPerBatch: 5 });
    const second = await runJob(services, join(w.home, 'prep-fixture'), dev.id);

    const catalog = await services.catalog.get(dev.id);
    expect(catalog.names.map((n) => n.name)).toEqual(['city', 'joinDate', 'loyaltyTier', 'tier']);
    expect(catalog.names.find((n) => n.name === 'tier')).toMatchObject({ jobs: 1, lastJobId: first, lastFile: 'crm.csv', lastColumn: 'Tier' });
    expect(catalog.names.find((n) => n.name === 'city')).toMatchObject({ jobs: 1, lastJobId: second, lastColumn: null });
    expect((await services.catalog.get(other.id)).names).toEqual([]);

    // Kept on disk: a new process without the job folders still knows every name.
    await services.close();
    await rm(jobsRoot(w.home), { recursive: true, force: true });
    const again = await w.open();
    expect((await again.catalog.get(dev.id)).names.map((n) => n.name)).toEqual(['city', 'joinDate', 'loyaltyTier', 'tier']);
    // …and the Map step's rule flags `Tier` as a near-duplicate of the `tier` sent before.
    expect(markNames(['Tier', 'tier', 'points'], (await again.catalog.get(dev.id)).names.map((n) => n.name))).toEqual([
      { name: 'Tier', status: 'new', nearDuplicate: { of: 'tier', kind: 'case' } },
      { name: 'tier', status: 'known', nearDuplicate: null },
      { name: 'points', status: 'new', nearDuplicate: null },
    ]);
  }, 60_000);

  it('adds nothing for a job that confirmed no row (a v1 update of profiles that do not exist)', async () => {
    const w = await world();
    const services = await w.open();
    const v1 = await services.connections.save({ name: 'Update only', environment: '', color: '', clientCode: 'acme', apiVersion: 'v1', baseUrl: w.sandbox.baseUrl });
    await writePrepared(join(w.home, 'prep'), { batches: 1, rowsPerBatch: 3, keyPrefix: 'NOBODY' });
    const jobId = await runJob(services, join(w.home, 'prep'), v1.id);
    expect((await services.catalog.get(v1.id)).names).toEqual([]);
    const saved = JSON.parse(await readFile(join(w.home, 'catalog.json'), 'utf8')) as { jobs: Record<string, unknown> };
    expect(saved.jobs[jobId]).toBeNull();
  }, 60_000);

  it('sets a damaged catalog file aside and rebuilds it from the job history', async () => {
    const w = await world();
    const services = await w.open();
    const dev = await services.connections.save({ name: 'Dev', environment: '', color: '', clientCode: 'acme', apiVersion: 'v2', baseUrl: w.sandbox.baseUrl });
    await writePrepared(join(w.home, 'prep'), { batches: 1, rowsPerBatch: 3 });
    await runJob(services, join(w.home, 'prep'), dev.id);
    await writeFile(join(w.home, 'catalog.json'), '{"version":1,"jobs":');
    expect((await services.catalog.get(dev.id)).names.map((n) => n.name)).toEqual(['city', 'loyaltyTier']);
    expect(await readFile(join(w.home, 'catalog.json.damaged'), 'utf8')).toBe('{"version":1,"jobs":');
  }, 60_000);
});
