/**
 * `npm run bench -- verify`: 2,000 uploaded rows read back from a local sandbox by the app's verification
 * (plan from the batch files, fetch, compare, journal) and, in the same run and to the same sandbox, by
 * bare fetches of the same ids with the same concurrency and the same HTTP transport (no plan, no
 * comparison, no journal). Rounds alternate. Prints `verify_overhead_vs_fetch_ratio` (goal ≤ 1.2) and
 * `verify_rows_per_second` with no politeness budget and at the default one (5 a second: about 400 s).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startSandbox } from '../sandbox/index.js';
import { fetchProfileUrl } from '../shared/target/urls.js';
import { createUploadServices, type UploadServices } from '../electron/services/upload-services.js';
import { defaultVerifySettings } from '../electron/store/settings-store.js';
import { createHttpTransport } from '../electron/upload/http-transport.js';
import { writePrepared } from '../electron/upload/testing/fixtures.js';

const ROWS = 2000;
const ROUNDS = 9;

async function withServices<T>(home: string, verify: Record<string, unknown>, fn: (s: UploadServices) => Promise<T>): Promise<T> {
  await mkdir(home, { recursive: true });
  await writeFile(join(home, 'settings.json'), JSON.stringify({ verify: { waitMinutes: 0, ...verify } }));
  const services = await createUploadServices({ homeDir: home, keychain: null });
  try {
    return await fn(services);
  } finally {
    await services.close();
  }
}

/** One verification of every row of the job; returns its milliseconds. */
async function verifyOnce(home: string, jobId: string, requestsPerSecond: number): Promise<number> {
  return withServices(home, { requestsPerSecond }, async (services) => {
    const t0 = performance.now();
    const view = await services.verify.run(jobId, { mode: 'all', waitMinutes: 0 });
    const ms = performance.now() - t0;
    if (view.verified !== ROWS) throw new Error(`verified ${view.verified} of ${ROWS}`);
    return ms;
  });
}

/** Fetches every id once with `lanes` in flight through the app's transport; returns its milliseconds. */
async function bareFetches(baseUrl: string, ids: readonly string[], lanes: number): Promise<number> {
  const transport = createHttpTransport();
  try {
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: lanes }, async () => {
        while (next < ids.length) {
          const id = ids[next++] as string;
          const r = await transport.send({ method: 'GET', url: fetchProfileUrl(baseUrl, 'bench', 'thirdPartyId', id), headers: { Accept: 'application/json' }, timeoutMs: 30_000 });
          if (r.kind !== 'response' || r.status !== 200) throw new Error(`bare fetch of ${id} failed`);
        }
      }),
    );
    return performance.now() - t0;
  } finally {
    transport.close();
  }
}

/** Prints verification and bare-fetch times for 2,000 rows, their ratio, and rows per second with and without the politeness budget. */
export async function run(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'pl-bench-verify-'));
  const sandbox = await startSandbox({ processingDelayMs: 20, dataDir: join(work, 'sandbox') });
  try {
    const home = join(work, 'home');
    const prepared = join(work, 'prepared');
    await writePrepared(prepared, { batches: 2, rowsPerBatch: ROWS / 2, keyPrefix: 'CRM' });
    const ids = Array.from({ length: ROWS }, (_, i) => `CRM-${i}`);
    const jobId = await withServices(home, {}, async (services) => {
      const connection = await services.connections.save({ name: 'Bench', environment: '', color: '', clientCode: 'bench', apiVersion: 'v2', baseUrl: sandbox.baseUrl });
      const spec = await services.jobs.create({ preparedDir: prepared, profileId: connection.id });
      const view = await services.jobs.run(spec.jobId);
      if (view.state !== 'completed') throw new Error(`upload ended ${view.state}`);
      return spec.jobId;
    });
    const lanes = defaultVerifySettings().concurrency;
    await bareFetches(sandbox.baseUrl, ids, lanes); // warm-up
    const verifyTimes: number[] = [];
    const bareTimes: number[] = [];
    const ratios: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const bare = await bareFetches(sandbox.baseUrl, ids, lanes);
      const verify = await verifyOnce(home, jobId, 0);
      bareTimes.push(bare);
      verifyTimes.push(verify);
      ratios.push(verify / bare);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
    const budgeted = await verifyOnce(home, jobId, defaultVerifySettings().requestsPerSecond);
    console.log(`rows: ${ROWS}`);
    console.log(`concurrency: ${lanes}`);
    console.log(`rounds: ${ROUNDS}`);
    console.log(`verify_ms: ${median(verifyTimes).toFixed(1)}`);
    console.log(`bare_fetch_ms: ${median(bareTimes).toFixed(1)}`);
    console.log(`verify_ms_each: ${verifyTimes.map((t) => t.toFixed(0)).join(' ')}`);
    console.log(`bare_fetch_ms_each: ${bareTimes.map((t) => t.toFixed(0)).join(' ')}`);
    console.log(`verify_rows_per_second_unlimited: ${(ROWS / (median(verifyTimes) / 1000)).toFixed(1)}`);
    console.log(`verify_rows_per_second_default_budget: ${(ROWS / (budgeted / 1000)).toFixed(2)}`);
    console.log(`verify_overhead_vs_fetch_ratio: ${median(ratios).toFixed(3)}`);
  } finally {
    await sandbox.close();
    await rm(work, { recursive: true, force: true });
  }
}
