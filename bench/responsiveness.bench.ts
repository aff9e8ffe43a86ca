/**
 * `npm run bench -- responsiveness`: a browser-mode host (the services the Electron main process runs,
 * behind the loopback web host) takes a whole 1,000,000-row job — upload the file over HTTP, open and
 * count it, map it, check it (review, pages of rows, top values, the fix that leaves blocked rows out),
 * upload it to the built-in Local sandbox (the default connection; RESPONSIVENESS_BENCH_SANDBOX=process
 * runs a sandbox in a child process instead), wait for the automatic verification, write the results
 * file, list the history — while `monitorEventLoopDelay` samples the host's main thread every 10 ms.
 * Prints `main_thread_delay_p99_ms` (goal ≤ 50) and `main_thread_delay_max_ms` (goal ≤ 200), the same
 * two figures per step so an offender can be found, and, side by side, those of an idle process sampled
 * over the same time (on a shared machine, waiting for a CPU shows in both). RESPONSIVENESS_BENCH_ROWS changes the rows.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import type { AppEvent, FileSummary, MappingSuggestion, ReviewSummary } from '../shared/contract/index.js';
import { startBrowserMode, type BrowserMode } from '../electron/web/browser-mode.js';
import { makeBigCsv } from './data/make-big-csv.js';
import { LoopDelayProbe, startControlProbe } from './data/loop-delay-probe.js';

const sandboxCli = fileURLToPath(new URL('../sandbox/cli.ts', import.meta.url));

/** Starts the sandbox in its own process and resolves with its base URL. */
async function startSandboxProcess(dataDir: string): Promise<{ baseUrl: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', sandboxCli, '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const baseUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Sandbox listening on (\S+)/.exec(out);
      if (m) resolve(m[1] as string);
    });
    child.on('exit', (code) => reject(new Error(`sandbox exited ${code}: ${out}`)));
  });
  child.stdout!.resume();
  return { baseUrl, child };
}

/** The host's API as the browser page uses it: JSON over loopback HTTP with the run's token. */
function apiClient(app: BrowserMode) {
  const headers = { 'x-profile-loader-token': app.host.token };
  const send = (path: string, type: string, body: NodeJS.ReadableStream | string, length?: number): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const req = request(`${app.host.origin}${path}`, { method: 'POST', headers: { ...headers, 'content-type': type, ...(length === undefined ? {} : { 'content-length': length }) } }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (d: Buffer) => {
          chunks.push(d);
          size += d.length;
        });
        res.on('end', () => {
          const head = Buffer.concat(chunks.slice(0, 1)).subarray(0, 16).toString('latin1');
          // The browser, not the host, decodes and parses a reply: a large one (a whole results file) is left as bytes here, in the host's thread.
          if (size > 1024 * 1024 && head.startsWith('{"ok":true')) return resolve(undefined);
          const text = Buffer.concat(chunks).toString('utf8');
          const reply = JSON.parse(text) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
          if (reply.ok) resolve(reply.value);
          else reject(new Error(`${path}: ${reply.error?.code} ${reply.error?.message}`));
        });
      });
      req.on('error', reject);
      if (typeof body === 'string') req.end(body);
      else body.pipe(req);
    });
  return {
    call: <T>(name: string, args: unknown): Promise<T> => send(`/api/call/${name}`, 'application/json', JSON.stringify(args)) as Promise<T>,
    upload: async (path: string, name: string): Promise<string> => ((await send(`/api/upload?name=${encodeURIComponent(name)}`, 'application/octet-stream', createReadStream(path), (await stat(path)).size)) as { path: string }).path,
    /** Keeps an events stream open, as the page does, so every event is serialised and written. */
    events: (): Promise<() => void> =>
      new Promise((resolve, reject) => {
        const req = request(`${app.host.origin}/api/events`, { headers }, (res) => {
          res.resume();
          resolve(() => req.destroy());
        });
        req.on('error', (e) => (String(e).includes('socket hang up') ? undefined : reject(e)));
        req.end();
      }),
  };
}

/** Resolves with the first bus event `pick` accepts. */
function nextEvent<T extends AppEvent>(app: BrowserMode, pick: (e: AppEvent) => e is T): Promise<T>;
function nextEvent(app: BrowserMode, pick: (e: AppEvent) => boolean): Promise<AppEvent>;
function nextEvent(app: BrowserMode, pick: (e: AppEvent) => boolean): Promise<AppEvent> {
  return new Promise((resolve) => {
    const off = app.services.bus.subscribe((e) => {
      if (pick(e)) {
        off();
        resolve(e);
      }
    });
  });
}

/** Runs the whole job through the host, step by step under the probe. */
async function wholeJob(app: BrowserMode, csv: string, sandboxUrl: string | null, probe: LoopDelayProbe): Promise<ReviewSummary> {
  const api = apiClient(app);
  const stopEvents = await api.events();
  try {
    const uploaded = await probe.step('upload_file', () => api.upload(csv, 'bench.csv'));
    const file = await probe.step('open_and_count', async () => {
      const counted = nextEvent(app, (e) => e.type === 'file.counted' || e.type === 'file.failed');
      const summary = await api.call<FileSummary>('files.open', { path: uploaded });
      const done = await counted;
      if (done.type !== 'file.counted') throw new Error(`counting failed: ${JSON.stringify(done)}`);
      await api.call('files.rows', { fileId: summary.fileId, first: 500_000, count: 100 });
      return summary;
    });
    const { mapping } = await probe.step('map_suggest', () => api.call<MappingSuggestion>('mapping.suggest', { fileId: file.fileId }));
    const keep = new Set(['loyaltyTier', 'points', 'city', 'joined', 'note']);
    const chosen = { ...mapping, idColumn: 'thirdPartyId', idKind: 'thirdPartyId', columns: mapping.columns.filter((c) => keep.has(c.column)), ignored: [] };
    let summary = await probe.step('review_check', () => api.call<ReviewSummary>('review.run', { fileId: file.fileId, mapping: chosen }));
    await probe.step('review_pages', async () => {
      await api.call('review.rows', { fileId: file.fileId, filter: 'all', offset: 700_000, count: 100 });
      await api.call('review.rows', { fileId: file.fileId, filter: 'issues', offset: 0, count: 100 });
      await api.call('review.rows', { fileId: file.fileId, filter: 'warnings', offset: 0, count: 100 });
    });
    await probe.step('review_top_values', () => api.call('review.topValues', { fileId: file.fileId, limit: 5 }));
    if (!summary.uploadAllowed) summary = await probe.step('review_fix', () => api.call<ReviewSummary>('review.bulk', { fileId: file.fileId, bulk: { action: 'exclude-blocking' } }));
    if (!summary.uploadAllowed) throw new Error(`upload not allowed: ${JSON.stringify(summary.uploadBlock)}`);
    // The built-in Local sandbox (the default connection), or a sandbox in a process of its own.
    const connection = sandboxUrl === null ? { id: 'local-sandbox' } : await api.call<{ id: string }>('connections.save', { name: 'Bench', environment: '', color: '', clientCode: 'bench', apiVersion: 'v2', baseUrl: sandboxUrl });
    const jobId = await probe.step('upload_job', async () => {
      let id = '';
      const finished = nextEvent(app, (e) => e.type === 'job.finished' && e.jobId === id);
      ({ jobId: id } = await api.call<{ jobId: string }>('jobs.start', { preparedDir: summary.preparedDir, profileId: connection.id }));
      await finished;
      return id;
    });
    await probe.step('verify', async () => {
      const isDone = (e: AppEvent) => e.type === 'verify.progress' && e.jobId === jobId && (e.view.state === 'finished' || e.view.state === 'paused');
      const done = nextEvent(app, isDone);
      const current = await api.call<{ state: string } | null>('verify.get', { jobId });
      if (current?.state !== 'finished' && current?.state !== 'paused') await done;
    });
    await probe.step('results_file', () => api.call('results.download', { jobId }));
    await probe.step('history', async () => {
      await api.call('jobs.list', {});
      await api.call('jobs.get', { jobId });
      await api.call('verify.problems', { jobId, offset: 0, limit: 50 });
    });
    return summary;
  } finally {
    stopEvents();
  }
}

/** Prints the host's main-thread delay over the whole job and per step. */
export async function run(): Promise<void> {
  const rows = Number(process.env.RESPONSIVENESS_BENCH_ROWS ?? 1_000_000);
  const work = await mkdtemp(join(tmpdir(), 'pl-bench-resp-'));
  const ownProcess = process.env.RESPONSIVENESS_BENCH_SANDBOX === 'process';
  const sandbox = ownProcess ? await startSandboxProcess(join(work, 'sandbox')) : null;
  let app: BrowserMode | null = null;
  try {
    const csv = await makeBigCsv(join(work, 'big.csv'), rows, { seed: 1 });
    const home = join(work, 'home');
    await mkdir(home, { recursive: true });
    // Verification reads its 2,000 rows back without the politeness budget and without waiting out the lag.
    await writeFile(join(home, 'settings.json'), JSON.stringify({ verify: { waitMinutes: 0, requestsPerSecond: 0 } }));
    await mkdir(join(work, 'static'), { recursive: true });
    app = await startBrowserMode({ homeDir: home, staticDir: join(work, 'static'), log: (line) => console.error(line) });
    const loadBefore = loadavg()[0] ?? 0;
    const control = startControlProbe(10);
    const probe = new LoopDelayProbe(10);
    const t0 = performance.now();
    const review = await wholeJob(app, csv.path, sandbox?.baseUrl ?? null, probe);
    const total = probe.stop();
    const idle = await control.stop();
    console.log(`rows: ${rows}`);
    console.log(`sandbox: ${ownProcess ? 'own process' : 'built-in Local sandbox'}`);
    console.log(`file_mb: ${(csv.bytes / 1e6).toFixed(1)}`);
    console.log(`review_rows_ready_warning_blocked_excluded: ${review.ready} ${review.warnings} ${review.blocking} ${review.excluded}`);
    // The delays are wall-clock: on a shared machine other processes' load shows in them, so it is printed too.
    console.log(`machine_load_average_1m_before_after: ${loadBefore.toFixed(2)} ${(loadavg()[0] ?? 0).toFixed(2)} (${cpus().length} cores)`);
    console.log(`job_seconds: ${((performance.now() - t0) / 1000).toFixed(1)}`);
    for (const s of probe.steps) console.log(`step_${s.name}: ${s.seconds.toFixed(1)} s, delay p99 ${s.p99.toFixed(1)} ms, max ${s.max.toFixed(1)} ms`);
    // Side by side: an idle process on the same machine over the same time (what waiting for a CPU alone costs).
    console.log(`control_idle_process_delay_p99_ms: ${idle.p99.toFixed(1)}`);
    console.log(`control_idle_process_delay_max_ms: ${idle.max.toFixed(1)}`);
    console.log(`main_thread_delay_p99_ms: ${total.p99.toFixed(1)}`);
    console.log(`main_thread_delay_max_ms: ${total.max.toFixed(1)}`);
  } finally {
    await app?.close();
    if (sandbox) {
      sandbox.child.kill('SIGTERM');
      await new Promise((resolve) => sandbox.child.once('exit', resolve));
    }
    await rm(work, { recursive: true, force: true });
  }
}
