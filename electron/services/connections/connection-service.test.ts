import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../../sandbox/index.js';
import { jobSummary } from '../../../shared/jobs/job-summary.js';
import { tempHome, writePrepared } from '../../upload/testing/fixtures.js';
import { checkBaseUrl, LOCAL_SANDBOX_ID } from './connection-service.js';
import { createUploadServices } from '../upload-services.js';
import { admin as sandboxAdmin } from '../../../sandbox/testing/http.js';

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

describe('connections', () => {
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
    expect(list.connections.map((p) => p.name)).toEqual(['Local sandbox', 'Prod']);
    expect(list.connections[1]).toMatchObject({ statusHosts: ['*.tt.omtrdc.net'], hasToken: false, builtIn: false });
  });

  it('"Test connection" checks reachability, token and client code with a profile fetch against the sandbox', async () => {
    const sandbox = await startSandbox({ settings: { knownClients: 'acme' } });
    cleanups.push(() => sandbox.close());
    const { s } = await services();
    const admin = async (method: string, path: string, body: unknown) => (await sandboxAdmin(sandbox, method, path, body)).json;
    await admin('PUT', '/admin/clients/acme/settings', { requireAuth: true });
    const token = String((await admin('POST', '/admin/clients/acme/token', {})).token);
    const p = await s.connections.save({ name: 'Dev', environment: '', color: '', clientCode: 'acme', apiVersion: 'v2', baseUrl: sandbox.baseUrl });
    const noToken = await s.connections.test(p.id);
    expect(noToken.ok).toBe(false);
    expect(noToken.checks.find((c) => c.check === 'token')).toMatchObject({ ok: false, code: 'check-token-required', params: { status: 403 } });
    await s.connections.save({ id: p.id, name: 'Dev', environment: '', color: '', clientCode: 'acme', apiVersion: 'v2', baseUrl: sandbox.baseUrl, token, tokenExpiresAt: '2099-01-31' });
    const good = await s.connections.test(p.id);
    expect(good).toMatchObject({ ok: true, tokenExpiresAt: '2099-01-31T23:59:59.000Z' });
    expect(good.checks.map((c) => c.check)).toEqual(['reachable', 'token', 'client-code']);
    expect(good.checks[2]).toMatchObject({ ok: true, code: 'check-client-confirmed', params: { clientCode: 'acme' } });
    expect(JSON.stringify(good)).not.toContain(token);
    // The test wrote nothing and created no batch: the fetch is all it sent.
    expect((await admin('GET', '/admin/stats', undefined)).profileTokensMinted).toBe(0);
    await admin('POST', '/admin/clients/acme/token', {});
    expect((await s.connections.test(p.id)).checks.find((c) => c.check === 'token')).toMatchObject({ ok: false, code: 'check-token-refused', params: { variant: 'pasted', status: 403 } });
    // A wrong client code no longer passes: the server does not speak for it.
    const wrong = await s.connections.save({ name: 'Typo', environment: '', color: '', clientCode: 'acmee', apiVersion: 'v2', baseUrl: sandbox.baseUrl });
    const typo = await s.connections.test(wrong.id);
    expect(typo.ok).toBe(false);
    expect(typo.checks.find((c) => c.check === 'client-code')).toMatchObject({ ok: false, code: 'check-client-unconfirmed', params: { clientCode: 'acmee', status: 400, said: 'Unknown client code acmee' } });
    const closed = await s.connections.save({ name: 'Closed', environment: '', color: '', clientCode: 'acme', apiVersion: 'v2', baseUrl: 'http://127.0.0.1:9' });
    expect((await s.connections.test(closed.id)).checks).toEqual([{ check: 'reachable', ok: false, code: 'check-unreachable', params: { url: 'http://127.0.0.1:9', detail: 'ECONNREFUSED' } }]);
  });

  it('the token light follows the last test: refused stays refused, a new token is untested until tested again', async () => {
    const sandbox = await startSandbox({});
    cleanups.push(() => sandbox.close());
    const { s } = await services();
    const admin = async (path: string, body: unknown) => (await sandboxAdmin(sandbox, path.endsWith('settings') ? 'PUT' : 'POST', path, body)).json;
    await admin('/admin/clients/acme/settings', { requireAuth: true });
    const p = await s.connections.save({ name: 'Dev', environment: '', color: '', clientCode: 'acme', apiVersion: 'v2', baseUrl: sandbox.baseUrl, token: 'stale-token' });
    const view = async () => (await s.connections.list()).connections.find((x) => x.id === p.id)!;
    expect((await view()).lastTest).toBeNull();
    await s.connections.test(p.id);
    expect((await view()).lastTest).toMatchObject({ ok: false, token: 'refused' });
    expect((await view()).hasToken).toBe(true);
    await s.connections.setToken(p.id, String((await admin('/admin/clients/acme/token', {})).token));
    expect((await view()).lastTest).toBeNull();
    await s.connections.test(p.id);
    expect((await view()).lastTest).toMatchObject({ ok: true, token: 'accepted' });
  });

  it('production is a switch; connections saved before it existed get it from their environment label, marked for review once', async () => {
    const { home, s } = await services();
    const at = '2026-01-01T00:00:00.000Z';
    const old = (id: string, name: string, environment: string) => ({ id, name, environment, color: '', clientCode: 'acme', apiVersion: 'v1', baseUrl: 'https://acme.tt.omtrdc.net', statusHosts: [], dailyRowBudget: null, createdAt: at, updatedAt: at });
    await writeFile(join(home, 'profiles.json'), JSON.stringify({ version: 1, profiles: [old('p-1', 'Acme live', 'Live'), old('p-2', 'Acme QA', 'QA'), old('p-3', 'Acme 운영', '운영')] }));
    const listed = (await s.connections.list()).connections.filter((p) => !p.builtIn);
    expect(listed.map((p) => [p.name, p.production, p.productionSetBy])).toEqual([
      ['Acme live', true, 'environment-name'],
      ['Acme QA', false, 'environment-name'],
      ['Acme 운영', true, 'environment-name'],
    ]);
    await s.connections.reviewProduction(['p-1', 'p-2', 'p-3']);
    expect((await s.connections.list()).connections.filter((p) => !p.builtIn).map((p) => p.productionSetBy)).toEqual(['user', 'user', 'user']);
    expect(JSON.parse(await readFile(join(home, 'profiles.json'), 'utf8')).version).toBe(2);
    // The label no longer decides: a "Production" label without the switch is not production, and the switch sticks through edits.
    const labelOnly = await s.connections.save({ name: 'Named prod', environment: 'Production', color: '', clientCode: 'x', apiVersion: 'v2', baseUrl: 'https://x.tt.omtrdc.net' });
    expect(labelOnly.production).toBe(false);
    const marked = await s.connections.save({ id: labelOnly.id, name: 'Named prod', environment: 'Production', color: '', clientCode: 'x', apiVersion: 'v2', baseUrl: 'https://x.tt.omtrdc.net', production: true });
    expect(marked).toMatchObject({ production: true, productionSetBy: 'user' });
    const renamed = await s.connections.save({ id: labelOnly.id, name: 'Renamed', environment: 'Prod', color: '', clientCode: 'x', apiVersion: 'v2', baseUrl: 'https://x.tt.omtrdc.net' });
    expect(renamed.production).toBe(true);
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

  it('the built-in Local sandbox starts a sandbox (in a worker thread) and takes an upload', async () => {
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
