import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../sandbox/index.js';
import { jobSummary } from '../../shared/jobs/job-summary.js';
import { tempHome, writePrepared } from '../upload/testing/fixtures.js';
import { checkBaseUrl, LOCAL_SANDBOX_ID } from './connection-service.js';
import { createUploadServices } from './job-services.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function services() {
  const home = await tempHome();
  const s = await createUploadServices({ homeDir: home, keychain: null });
  cleanups.push(async () => {
    await s.close();
    await rm(home, { recursive: true, force: true });
  });
  return { home, s };
}

describe('connection profiles', () => {
  it('wants https except for this computer, and a unique name', async () => {
    expect(checkBaseUrl('https://acme.tt.omtrdc.net/')).toBe('https://acme.tt.omtrdc.net');
    expect(checkBaseUrl('http://127.0.0.1:4010')).toBe('http://127.0.0.1:4010');
    expect(() => checkBaseUrl('http://acme.tt.omtrdc.net')).toThrow(expect.objectContaining({ code: 'insecure-base-url' }));
    expect(() => checkBaseUrl('acme.tt.omtrdc.net')).toThrow(expect.objectContaining({ code: 'invalid-base-url' }));
    const { s } = await services();
    await s.connections.save({ name: 'Prod', environment: 'Production', color: 'red', clientCode: 'acme', apiVersion: 'v1', baseUrl: 'https://acme.tt.omtrdc.net' });
    await expect(s.connections.save({ name: 'prod', environment: '', color: '', clientCode: 'x', apiVersion: 'v2', baseUrl: 'https://x.tt.omtrdc.net' })).rejects.toMatchObject({ code: 'profile-name-taken' });
    await expect(s.connections.find('nope')).rejects.toMatchObject({ code: 'profile-not-found' });
    await expect(s.connections.remove(LOCAL_SANDBOX_ID)).rejects.toMatchObject({ code: 'profile-built-in' });
    const bad = s.connections.save({ name: 'T', environment: '', color: '', clientCode: 'acme', apiVersion: 'v1', baseUrl: 'https://acme.tt.omtrdc.net', token: 'two words\nsecret' });
    await expect(bad).rejects.toMatchObject({ code: 'invalid-token' });
    await expect(bad).rejects.not.toMatchObject({ message: expect.stringContaining('secret') });
    const list = await s.connections.list();
    expect(list.secretStorage).toBe('session-only');
    expect(list.profiles.map((p) => p.name)).toEqual(['Local sandbox', 'Prod']);
    expect(list.profiles[1]).toMatchObject({ statusHosts: ['*.tt.omtrdc.net'], hasToken: false, builtIn: false });
  });

  it('"Test connection" checks reachability, client code and token against the sandbox', async () => {
    const sandbox = await startSandbox({});
    cleanups.push(() => sandbox.close());
    const { s } = await services();
    const admin = (method: string, path: string, body: unknown) =>
      fetch(`${sandbox.baseUrl}${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json() as Promise<Record<string, unknown>>);
    await admin('PUT', '/admin/clients/acme/settings', { requireAuth: true });
    const token = String((await admin('POST', '/admin/clients/acme/token', {})).token);
    const p = await s.connections.save({ name: 'Dev', environment: '', color: '', clientCode: 'acme', apiVersion: 'v2', baseUrl: sandbox.baseUrl });
    const noToken = await s.connections.test(p.id);
    expect(noToken.ok).toBe(false);
    expect(noToken.checks.find((c) => c.check === 'token')).toMatchObject({ ok: false, message: expect.stringContaining('requires a Profile API token') });
    await s.connections.save({ id: p.id, name: 'Dev', environment: '', color: '', clientCode: 'acme', apiVersion: 'v2', baseUrl: sandbox.baseUrl, token });
    const good = await s.connections.test(p.id);
    expect(good).toMatchObject({ ok: true });
    expect(good.checks.map((c) => c.check)).toEqual(['reachable', 'client-code', 'token']);
    expect(JSON.stringify(good)).not.toContain(token);
    await admin('POST', '/admin/clients/acme/token', {});
    expect((await s.connections.test(p.id)).checks.find((c) => c.check === 'token')).toMatchObject({ ok: false, message: expect.stringContaining('refused') });
    const closed = await s.connections.save({ name: 'Closed', environment: '', color: '', clientCode: 'acme', apiVersion: 'v2', baseUrl: 'http://127.0.0.1:9' });
    expect((await s.connections.test(closed.id)).checks[0]).toMatchObject({ check: 'reachable', ok: false });
  });

  it('a Local sandbox job paused in one process finishes in the next, whose sandbox has another port', async () => {
    const home = await tempHome();
    cleanups.push(() => rm(home, { recursive: true, force: true }));
    const first = await createUploadServices({ homeDir: home, keychain: null });
    const prepared = join(home, 'in');
    await writePrepared(prepared, { batches: 3, rowsPerBatch: 5 });
    const spec = await first.jobs.create({ preparedDir: prepared, profileId: LOCAL_SANDBOX_ID, options: { concurrency: 1 } });
    const firstUrl = (await first.connections.resolve(LOCAL_SANDBOX_ID)).baseUrl;
    const paused = await first.jobs.run(spec.jobId, {
      onEvent: (e) => {
        if (e.type === 'batch.submitted' && e.index === 1) void first.jobs.pause(spec.jobId);
      },
    });
    expect(paused.state).toBe('paused');
    expect(paused.batches[0]).toMatchObject({ phase: 'submitted' });
    await first.close();
    const second = await createUploadServices({ homeDir: home, keychain: null });
    cleanups.push(() => second.close());
    const secondUrl = (await second.connections.resolve(LOCAL_SANDBOX_ID)).baseUrl;
    expect(secondUrl).not.toBe(firstUrl);
    const done = await second.jobs.run(spec.jobId);
    expect(jobSummary(done)).toMatchObject({ state: 'completed', confirmed: 15, sent: 15 });
  });

  it('the built-in Local sandbox starts an in-process sandbox and takes an upload', async () => {
    const { home, s } = await services();
    const local = await s.connections.resolve('Local sandbox');
    expect(local.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const prepared = join(home, 'in');
    await writePrepared(prepared, { batches: 2, rowsPerBatch: 5 });
    const spec = await s.jobs.create({ preparedDir: prepared, profileId: LOCAL_SANDBOX_ID });
    const view = await s.jobs.run(spec.jobId);
    expect(jobSummary(view)).toMatchObject({ state: 'completed', confirmed: 10 });
  });
});
