// Section 10 item 19 and issue item 6: faults on demand, per route, by settings, config file, flags and admin route.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startSandbox } from './index.js';
import { parseCliArgs } from './cli-args.js';
import { acceptedBatch, admin, attributeValues, fetchProfile, rawRequest, submitBatch, uniqueClient, waitForBatch } from './testing/http.js';
import { sandboxPerFile } from './testing/sandbox-per-file.js';

const sb = sandboxPerFile({ settings: { rateLimitCountsStatus: false, rateLimitPerMinute: 100_000 } });

async function outcomes(n: number, call: () => Promise<{ status: number; headers: Record<string, unknown> }>) {
  const tally = { ok: 0, s500: 0, s503: 0, retryAfter1: 0, reset: 0, other: 0 };
  for (let i = 0; i < n; i++) {
    try {
      const r = await call();
      if (r.status === 200) tally.ok++;
      else if (r.status === 500) tally.s500++;
      else if (r.status === 503) {
        tally.s503++;
        if (r.headers['retry-after'] === '1') tally.retryAfter1++;
      } else tally.other++;
    } catch {
      tally.reset++;
    }
  }
  return tally;
}

describe('19. faults on demand, per route (and issue item 6)', () => {
  it('error rate 1 answers every batchUpdate with one of the configured 5xx and creates no batch; other routes are untouched', async () => {
    const c = uniqueClient();
    await admin(sb(), 'PUT', `/admin/clients/${c}/settings`, { faults: { batchUpdate: { errorRate: 1, errorStatuses: [502] } } });
    const r = await submitBatch(sb().baseUrl, c, 2, 'batch=thirdPartyId,a\nk1,x\n');
    expect(r.http.status).toBe(502);
    expect(r.parsed.kind).toBe('rejected');
    expect((await fetchProfile(sb().baseUrl, c, 'thirdPartyId', 'k1')).status).toBe(404);
  });

  it('throttles with 429 or 503 and Retry-After', async () => {
    const c = uniqueClient();
    await admin(sb(), 'PUT', `/admin/clients/${c}/settings`, { faults: { fetch: { throttleRate: 1, throttleStatus: 429, retryAfterSeconds: 7 } } });
    const r = await rawRequest(`${sb().baseUrl}/rest/v1/profiles/x?client=${c}`, undefined);
    expect(r.status).toBe(429);
    expect(r.headers['retry-after']).toBe('7');
    expect(JSON.parse(r.body)).toEqual({ status: 429, message: 'Injected throttle' });
  });

  it('resets the connection mid-request', async () => {
    const c = uniqueClient();
    await admin(sb(), 'PUT', `/admin/clients/${c}/settings`, { faults: { batchStatus: { resetRate: 1 } } });
    await expect(rawRequest(`${sb().baseUrl}/m2/${c}/profile/batchStatus?batchId=x`, undefined)).rejects.toThrow();
    await expect(submitBatch(sb().baseUrl, c, 2, 'batch=thirdPartyId,a\nk1,x\n')).resolves.toMatchObject({ http: { status: 200 } });
  });

  it('loses the answer to an accepted batch: the client sees a reset, the batch still completes', async () => {
    const c = uniqueClient();
    await admin(sb(), 'PUT', `/admin/clients/${c}/settings`, { faults: { batchUpdate: { lostResponseRate: 1 } } });
    await expect(submitBatch(sb().baseUrl, c, 2, 'batch=thirdPartyId,a\nk1,x\n')).rejects.toThrow();
    let status = 0;
    for (let i = 0; i < 200 && status !== 200; i++) {
      status = (await fetchProfile(sb().baseUrl, c, 'thirdPartyId', 'k1')).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 10));
    }
    expect(attributeValues((await fetchProfile(sb().baseUrl, c, 'thirdPartyId', 'k1')).json)).toEqual({ a: 'x' });
  });

  it('slows responses: a slowed request finishes after a concurrent quick one', async () => {
    const c = uniqueClient();
    await admin(sb(), 'PUT', `/admin/clients/${c}/settings`, { faults: { fetch: { slowRate: 1, slowMs: 400 } } });
    const order: string[] = [];
    await Promise.all([
      rawRequest(`${sb().baseUrl}/rest/v1/profiles/x?client=${c}`, undefined).then(() => order.push('slow')),
      new Promise((r) => setTimeout(r, 20)).then(() => rawRequest(`${sb().baseUrl}/health`, undefined)).then(() => order.push('quick')),
    ]);
    expect(order).toEqual(['quick', 'slow']);
  });

  it('silently loses a fraction of rows: counted successful, not stored', async () => {
    const c = uniqueClient();
    await admin(sb(), 'PUT', `/admin/clients/${c}/settings`, { faults: { dropRowRate: 0.5 } });
    const rows = Array.from({ length: 400 }, (_, i) => `k${i},v`).join('\n');
    const s = await waitForBatch(await acceptedBatch(sb().baseUrl, c, 2, `batch=thirdPartyId,a\n${rows}\n`));
    expect(s.counters?.successfulUpdates).toBe(400);
    let stored = 0;
    for (let i = 0; i < 400; i += 4) if ((await fetchProfile(sb().baseUrl, c, 'thirdPartyId', `k${i}`)).status === 200) stored++;
    expect(stored).toBeGreaterThan(10);
    expect(stored).toBeLessThan(90);
  });

  it('lags between complete and visibility in fetch', async () => {
    const c = uniqueClient();
    await admin(sb(), 'PUT', `/admin/clients/${c}/settings`, { faults: { visibilityLagMs: 3_600_000 } });
    const s = await waitForBatch(await acceptedBatch(sb().baseUrl, c, 2, 'batch=thirdPartyId,a\nk1,x\n'));
    expect(s.status).toBe('complete');
    expect((await fetchProfile(sb().baseUrl, c, 'thirdPartyId', 'k1')).status).toBe(404);
    await admin(sb(), 'PUT', `/admin/clients/${c}/settings`, { faults: { visibilityLagMs: 0 } });
    expect(attributeValues((await fetchProfile(sb().baseUrl, c, 'thirdPartyId', 'k1')).json)).toEqual({ a: 'x' });
  });
});

describe('the flaky profile and the ways to set faults', () => {
  it('PUT /admin/faults {profile: flaky} gives about 10% 500, 5% 503 with Retry-After: 1 and 2% resets on batchStatus, live, and DELETE clears it', async () => {
    const c = uniqueClient();
    const put = await admin(sb(), 'PUT', '/admin/faults', { profile: 'flaky', seed: 42 });
    expect(put.status).toBe(200);
    expect(put.json['batchStatus']).toMatchObject({ errorRate: 0.1, throttleRate: 0.05, resetRate: 0.02, retryAfterSeconds: 1 });
    expect(put.json['fetch']).toMatchObject({ errorRate: 0 });
    const t = await outcomes(1000, () => rawRequest(`${sb().baseUrl}/m2/${c}/profile/batchStatus?batchId=x`, undefined));
    expect(t.s500).toBeGreaterThan(60);
    expect(t.s500).toBeLessThan(140);
    expect(t.s503).toBeGreaterThan(25);
    expect(t.s503).toBeLessThan(80);
    expect(t.retryAfter1).toBe(t.s503);
    expect(t.reset).toBeGreaterThan(5);
    expect(t.reset).toBeLessThan(40);
    expect(t.other).toBe(0);
    await admin(sb(), 'DELETE', '/admin/faults');
    const clean = await outcomes(50, () => rawRequest(`${sb().baseUrl}/m2/${c}/profile/batchStatus?batchId=x`, undefined));
    expect(clean.ok).toBe(50);
  });

  it('rejects invalid faults with the problems listed', async () => {
    const r = await admin(sb(), 'PUT', '/admin/faults', { batchUpdate: { errorRate: 2, bogus: 1 }, profile: 'nope' });
    expect(r.status).toBe(400);
    const r2 = await admin(sb(), 'PUT', '/admin/faults', { batchUpdate: { errorRate: 2, bogus: 1 } });
    expect(r2.json['errors']).toEqual(['faults.batchUpdate.errorRate: expected a probability between 0 and 1', 'faults.batchUpdate.bogus: unknown setting']);
  });

  it('takes faults from a config file, from --fault-profile and from --set flags', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sandbox-faults-'));
    try {
      const file = join(dir, 'sandbox.json');
      await writeFile(file, JSON.stringify({ faults: { batchUpdate: { errorRate: 1, errorStatuses: [503] } } }));
      const fromFile = await startSandbox({ configFile: file });
      try {
        expect((await submitBatch(fromFile.baseUrl, 'a', 2, 'batch=thirdPartyId,a\nk1,x\n')).http.status).toBe(503);
      } finally {
        await fromFile.close();
      }
      const flags = parseCliArgs([
        '--port',
        '0',
        '--fault-profile',
        'flaky',
        '--set',
        'faults.fetch.errorRate=1',
        '--set',
        'faults.fetch.errorStatuses=[500]',
        '--set',
        'faults.batchStatus.resetRate=0',
      ]);
      const fromFlags = await startSandbox({ ...flags, keepDataDir: false });
      try {
        expect(fromFlags.settings().faults.batchUpdate).toMatchObject({ errorRate: 0.1, throttleRate: 0.05, resetRate: 0.02 });
        // --set wins over the profile it refines.
        expect(fromFlags.settings().faults.batchStatus).toMatchObject({ errorRate: 0.1, throttleRate: 0.05, resetRate: 0 });
        expect((await rawRequest(`${fromFlags.baseUrl}/rest/v1/profiles/x?client=a`, undefined)).status).toBe(500);
      } finally {
        await fromFlags.close();
      }
      await writeFile(file, JSON.stringify({ faults: { batchUpdate: { errorRate: 'high' } } }));
      await expect(startSandbox({ configFile: file })).rejects.toThrow(/faults\.batchUpdate\.errorRate: expected a non-negative number/);
      await expect(startSandbox({ faultProfile: 'wobbly' })).rejects.toThrow(/Unknown fault profile "wobbly"/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
