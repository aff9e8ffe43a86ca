/**
 * `npm run bench -- upload`: 1,000,000 rows in 2 batch files (500,000 rows each) POSTed to a local
 * sandbox by the upload engine (a real job: journal fsyncs, rate limiter, streaming body) and, in the
 * same run and to the same sandbox, by `curl --data-binary @file`. Rounds alternate engine and curl.
 * Prints `upload_vs_curl_ratio` = engine POST time ÷ curl POST time (target ≤ 1.25).
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startSandbox } from '../sandbox/index.js';
import { batchUpdateUrl } from '../shared/target/urls.js';
import { describeError } from '../electron/messages/error-words.js';
import { createUploadServices } from '../electron/services/upload-services.js';

const ROWS = 1_000_000;
const BATCHES = 2;
const ROUNDS = 5;

async function writeBatches(dir: string): Promise<{ path: string; rows: number; bytes: number }[]> {
  const per = ROWS / BATCHES;
  const out: { path: string; rows: number; bytes: number }[] = [];
  const manifestBatches = [];
  for (let b = 0; b < BATCHES; b++) {
    const lines = ['batch=thirdPartyId,loyaltyTier,favCategory,city'];
    for (let r = 0; r < per; r++) {
      const i = b * per + r;
      lines.push(`CRM-${String(i).padStart(7, '0')},tier${i % 5},cat${i % 13},M%C3%BCnchen${i % 97}`);
    }
    const body = Buffer.from(`${lines.join('\n')}\n`);
    const name = `batch-${String(b + 1).padStart(4, '0')}.txt`;
    await writeFile(join(dir, name), body);
    out.push({ path: join(dir, name), rows: per, bytes: body.length });
    manifestBatches.push({ index: b + 1, rows: per, bytes: body.length, path: name, firstLine: b * per });
  }
  await writeFile(
    join(dir, 'manifest.json'),
    JSON.stringify({ version: 1, file: 'bench.csv', idType: 'thirdPartyId', rows: ROWS, valid: ROWS, rejected: 0, excluded: 0, batches: manifestBatches }),
  );
  return out;
}

function curlPost(url: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/curl', ['-sS', '-o', '/dev/null', '-w', '%{http_code} %{time_total}', '-X', 'POST', '-H', 'Content-Type: application/x-www-form-urlencoded', '--data-binary', `@${path}`, url]);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', () => {
      const [code, seconds] = out.trim().split(' ');
      if (code !== '200') reject(new Error(`curl got HTTP ${code}`));
      else resolve(Number(seconds) * 1000);
    });
  });
}

/** Runs one engine job over the prepared folder; returns the summed POST times (submitting → submitted events). */
async function enginePosts(home: string, prepared: string, profileId: string): Promise<number> {
  const services = await createUploadServices({ homeDir: home, keychain: null });
  try {
    const spec = await services.jobs.create({ preparedDir: prepared, profileId, options: { concurrency: 1, pollInitialMs: 3_600_000, pollMaxMs: 3_600_000 } });
    const started = new Map<number, number>();
    let total = 0;
    let submitted = 0;
    const done = services.jobs.run(spec.jobId, {
      onEvent: (e) => {
        if (e.type === 'batch.submitting') started.set(e.index, performance.now());
        if (e.type === 'batch.submitted') {
          total += performance.now() - (started.get(e.index) ?? performance.now());
          if (++submitted === BATCHES) void services.jobs.cancel(spec.jobId);
        }
        if (e.type === 'batch.submit-failed') throw new Error(`engine POST failed: ${describeError(e.error)}`);
      },
    });
    const view = await done;
    if (submitted !== BATCHES) throw new Error(`engine submitted ${submitted} of ${BATCHES} batches (${view.state})`);
    return total;
  } finally {
    await services.close();
  }
}

/** Prints engine and curl POST times for 1M rows and their ratio. */
export async function run(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'pl-bench-upload-'));
  // Batches stay incomplete (processed after the bench) so processing never competes with the POSTs.
  const sandbox = await startSandbox({ processingDelayMs: 3_600_000, dataDir: join(work, 'sandbox'), settings: { rateLimitPerMinute: 1000 } });
  try {
    const prepared = join(work, 'prepared');
    await mkdir(prepared, { recursive: true });
    const batches = await writeBatches(prepared);
    const home = join(work, 'home');
    const setup = await createUploadServices({ homeDir: home, keychain: null });
    const profile = await setup.connections.save({ name: 'Bench', environment: '', color: '', clientCode: 'bench', apiVersion: 'v2', baseUrl: sandbox.baseUrl });
    await setup.close();
    const url = batchUpdateUrl(sandbox.baseUrl, 'bench', 2);
    // Warm-up: one curl POST of the smaller file so neither side pays first-connection costs.
    await curlPost(url, batches[0]!.path);

    const engineTimes: number[] = [];
    const curlTimes: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      let c = 0;
      for (const b of batches) c += await curlPost(url, b.path);
      curlTimes.push(c);
      engineTimes.push(await enginePosts(home, prepared, profile.id));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
    const engine = median(engineTimes);
    const curl = median(curlTimes);
    const bytes = batches.reduce((n, b) => n + b.bytes, 0);
    console.log(`rows: ${ROWS}`);
    console.log(`batches: ${BATCHES}`);
    console.log(`bytes: ${bytes}`);
    console.log(`rounds: ${ROUNDS}`);
    console.log(`engine_post_ms: ${engine.toFixed(1)}`);
    console.log(`curl_post_ms: ${curl.toFixed(1)}`);
    console.log(`engine_post_ms_each: ${engineTimes.map((t) => t.toFixed(0)).join(' ')}`);
    console.log(`curl_post_ms_each: ${curlTimes.map((t) => t.toFixed(0)).join(' ')}`);
    console.log(`upload_vs_curl_ratio: ${(engine / curl).toFixed(3)}`);
  } finally {
    await sandbox.close();
    await rm(work, { recursive: true, force: true });
  }
}
