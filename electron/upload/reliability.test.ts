import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeError } from '../messages/error-words.js';
import { startSandbox, type RunningSandbox } from '../../sandbox/index.js';
import type { JobEvent } from '../../shared/jobs/job-events.js';
import { jobSummary } from '../../shared/jobs/job-summary.js';
import { maxCallsInAnyWindow } from '../../shared/jobs/rate-window.js';
import { createUploadServices, type UploadServices } from '../services/upload-services.js';
import type { OsKeychain } from '../store/os-keychain.js';
import { startRecordingProxy, type RecordingProxy } from './testing/recording-proxy.js';
import { SANDBOX_FAST, tempHome, writePrepared } from './testing/fixtures.js';
import { allFiles, memoryKeychain, whereSecretsAre } from './testing/sign-in-sandbox.js';
import { admin as sandboxAdmin } from '../../sandbox/testing/http.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

interface Setup {
  sandbox: RunningSandbox;
  proxy: RecordingProxy;
  home: string;
  services: UploadServices;
}

async function setup(opts: { sandbox?: Parameters<typeof startSandbox>[0]; settings?: Record<string, unknown>; keychain?: OsKeychain | null } = {}): Promise<Setup> {
  const sandbox = await startSandbox({ processingDelayMs: 30, ...opts.sandbox, settings: { ...SANDBOX_FAST, ...opts.sandbox?.settings } });
  const proxy = await startRecordingProxy(sandbox.baseUrl);
  // Status URLs point at the recorder too, so it sees every call (and the allow-list has one host).
  await sandboxAdmin(sandbox, 'PATCH', '/admin/settings', { edgeBaseUrl: proxy.baseUrl });
  const home = await tempHome(opts.settings);
  const services = await createUploadServices({ homeDir: home, keychain: opts.keychain === undefined ? null : opts.keychain });
  cleanups.push(async () => {
    await services.close();
    await proxy.close();
    await sandbox.close();
    await rm(home, { recursive: true, force: true });
  });
  return { sandbox, proxy, home, services };
}

function postsOf(proxy: RecordingProxy) {
  return proxy.exchanges.filter((e) => e.method === 'POST' && e.path.includes('batchUpdate'));
}

async function admin(sandbox: RunningSandbox, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  return (await sandboxAdmin(sandbox, method, path, body)).json;
}

describe('reliability against the sandbox over real HTTP', () => {
  it('(a) flaky Target: every row accounted for, no acknowledged batch posted twice', async () => {
    const { proxy, home, services } = await setup({ sandbox: { faultProfile: 'flaky', settings: { faults: { seed: 11 } } } });
    const profile = await services.connections.save({ name: 'Flaky', environment: '', color: '', clientCode: 'acme', apiVersion: 'v2', baseUrl: proxy.baseUrl });
    const prepared = join(home, 'in');
    const lines = await writePrepared(prepared, { batches: 30, rowsPerBatch: 10 });
    const spec = await services.jobs.create({ preparedDir: prepared, profileId: profile.id, options: { concurrency: 3 } });
    const events: JobEvent[] = [];
    const view = await services.jobs.run(spec.jobId, { onEvent: (e) => events.push(e) });
    const s = jobSummary(view);
    expect(view.pause?.error ?? null).toBeNull();
    expect(s.state).toBe('completed');
    expect(s.confirmed + s.notFound + s.failed + s.unknown).toBe(lines);
    expect(s.confirmed).toBe(lines);
    // The faults really fired: 5xx answers or broken connections were met and survived.
    const faults = proxy.exchanges.filter((e) => e.status === 0 || e.status >= 500);
    expect(faults.length).toBeGreaterThan(0);
    // No batch whose acceptance reached the engine was POSTed again, and each batch has one batchId.
    const posts = postsOf(proxy);
    for (const [i, p] of posts.entries()) {
      if (!p.accepted) continue;
      expect(posts.slice(i + 1).filter((q) => q.bodyHash === p.bodyHash)).toHaveLength(0);
    }
    const submitted = events.filter((e) => e.type === 'batch.submitted');
    expect(new Set(submitted.map((e) => e.index)).size).toBe(30);
    expect(submitted).toHaveLength(30);
    // The journal replays to the same totals.
    expect(jobSummary((await services.jobs.load(spec.jobId)).view)).toEqual(s);
  });

  it('(a) connections reset after the body was sent: unknown outcomes are resolved by the rule, each row counted once', async () => {
    const { proxy, home, services } = await setup({ sandbox: { settings: { faults: { seed: 5, batchUpdate: { resetRate: 0.3 } } } } });
    const profile = await services.connections.save({ name: 'Resets', environment: '', color: '', clientCode: 'acme', apiVersion: 'v2', baseUrl: proxy.baseUrl });
    const prepared = join(home, 'in');
    const lines = await writePrepared(prepared, { batches: 12, rowsPerBatch: 10 });
    const spec = await services.jobs.create({ preparedDir: prepared, profileId: profile.id, options: { concurrency: 2, maxSubmitAttempts: 10 } });
    const events: JobEvent[] = [];
    const view = await services.jobs.run(spec.jobId, { onEvent: (e) => events.push(e) });
    expect(events.filter((e) => e.type === 'batch.outcome-unknown').length).toBeGreaterThan(0);
    expect(events.filter((e) => e.type === 'job.alert' && e.code === 'resent-after-unknown').length).toBe(events.filter((e) => e.type === 'batch.outcome-unknown').length);
    expect(jobSummary(view)).toMatchObject({ state: 'completed', confirmed: lines, sent: lines, unknown: 0 });
    const posts = postsOf(proxy);
    for (const [i, p] of posts.entries()) {
      if (p.accepted) expect(posts.slice(i + 1).filter((q) => q.bodyHash === p.bodyHash)).toHaveLength(0);
    }
  });

  it('(c) token rotated mid-job: clear auth error, job paused; saving the new token sends nothing until the user resumes; the token never lands in a file', async () => {
    const { sandbox, proxy, home, services } = await setup({ sandbox: { processingDelayMs: 150 }, keychain: memoryKeychain() });
    expect(services.secrets.kind).toBe('os-keychain');
    await admin(sandbox, 'PUT', '/admin/clients/acme/settings', { requireAuth: true });
    const first = String((await admin(sandbox, 'POST', '/admin/clients/acme/token', {})).token);
    const profile = await services.connections.save({ name: 'Prod-like', environment: 'Production', color: 'red', clientCode: 'acme', apiVersion: 'v2', baseUrl: proxy.baseUrl, token: first });
    expect((await services.connections.list()).connections.find((p) => p.id === profile.id)).toMatchObject({ hasToken: true, secretStorage: 'os-keychain' });
    expect(JSON.stringify(await services.connections.list())).not.toContain(first);
    const prepared = join(home, 'in');
    const lines = await writePrepared(prepared, { batches: 5, rowsPerBatch: 10 });
    const spec = await services.jobs.create({ preparedDir: prepared, profileId: profile.id, options: { concurrency: 1 } });
    let second = '';
    let rotating: Promise<void> | undefined;
    const paused = await services.jobs.run(spec.jobId, {
      onEvent: (e) => {
        if (e.type === 'batch.submitted' && e.index === 2 && !rotating) {
          rotating = admin(sandbox, 'POST', '/admin/clients/acme/token', {}).then((r) => void (second = String(r.token)));
        }
      },
    });
    await rotating;
    expect(paused.state).toBe('paused');
    expect(paused.pause?.reason).toBe('auth');
    expect(paused.pause?.error?.code).toBe('auth-failed');
    expect(describeError(paused.pause!.error!)).toMatch(/refused the Profile API token \(HTTP 403/);
    expect((await services.jobs.listItem(spec.jobId)).state).toBe('paused');
    expect((await services.connections.find(profile.id)).lastTest).toMatchObject({ ok: false, token: 'refused' });
    // Saving the new token sends nothing by itself: the job waits for a deliberate resume.
    const before = proxy.exchanges.length;
    await services.connections.save({ id: profile.id, name: 'Prod-like', environment: 'Production', color: 'red', clientCode: 'acme', apiVersion: 'v2', baseUrl: proxy.baseUrl, token: second });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(proxy.exchanges.length).toBe(before);
    expect(await services.jobs.waitFor(spec.jobId)).toBeUndefined();
    expect((await services.jobs.listItem(spec.jobId)).state).toBe('paused');
    const done = await services.jobs.run(spec.jobId);
    expect(done.state).toBe('completed');
    expect(jobSummary(done)).toMatchObject({ confirmed: lines, failed: 0, unknown: 0 });
    // Acknowledged batches were not sent again after the pause.
    const accepted = postsOf(proxy).filter((p) => p.accepted);
    expect(new Set(accepted.map((p) => p.bodyHash)).size).toBe(accepted.length);
    expect(accepted).toHaveLength(5);
    await services.jobs.results(spec.jobId);
    // Grep every file the app wrote for both tokens.
    const files = await allFiles(home);
    expect(files.some((f) => f.endsWith('journal.jsonl'))).toBe(true);
    expect(files.some((f) => f.includes('secrets-os-keychain.json'))).toBe(true);
    expect(await whereSecretsAre([first, second], {}, home)).toEqual([]);
  });

  it('(d) the rate limit holds over 60+ calls: never more than the limit in any window, and no 503', async () => {
    const limit = { callsPerWindow: 10, windowMs: 500, safetyMs: 40 };
    const { proxy, home, services } = await setup({
      sandbox: { processingDelayMs: 60, settings: { rateLimitPerMinute: 10, rateLimitWindowMs: 500 } },
      settings: { engine: { rateLimit: limit, backoff: { baseMs: 20, maxMs: 200, jitter: 0.5 }, throttleFallbackMs: 300 }, jobDefaults: { pollInitialMs: 10, pollMaxMs: 30, concurrency: 4 } },
    });
    const profile = await services.connections.save({ name: 'Limited', environment: '', color: '', clientCode: 'acme', apiVersion: 'v1', baseUrl: proxy.baseUrl });
    const prepared = join(home, 'in');
    const lines = await writePrepared(prepared, { batches: 30, rowsPerBatch: 3 });
    const spec = await services.jobs.create({ preparedDir: prepared, profileId: profile.id });
    const events: JobEvent[] = [];
    const view = await services.jobs.run(spec.jobId, { onEvent: (e) => events.push(e) });
    expect(view.state).toBe('completed');
    // v1 against a sandbox with no profiles: every row is "not found", and counted as such.
    expect(jobSummary(view)).toMatchObject({ notFound: lines, confirmed: 0 });
    const calls = proxy.exchanges.filter((e) => e.path.startsWith('/m2/'));
    expect(calls.length).toBeGreaterThanOrEqual(60);
    expect(calls.filter((e) => e.status === 503)).toHaveLength(0);
    expect(events.filter((e) => e.type === 'batch.submit-failed')).toHaveLength(0);
    expect(maxCallsInAnyWindow(calls.map((e) => e.at), limit.windowMs)).toBeLessThanOrEqual(limit.callsPerWindow);
    // The limiter was the thing holding the pace: some window was full.
    expect(maxCallsInAnyWindow(calls.map((e) => e.at), limit.windowMs)).toBe(limit.callsPerWindow);
  });
});
