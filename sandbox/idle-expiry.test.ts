// Idle expiry of profiles (target-profile-api.md §12.4; issue 11 item 8) and the profile clock the tests
// move it with: POST /admin/clock (global) or /admin/clients/C/clock (one client code).
import { rm } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { startSandbox } from './index.js';
import { acceptedBatch, admin, attributeValues, fetchProfile, rawRequest, uniqueClient, waitForBatch, type AdminTarget } from './testing/http.js';
import { sandboxPerFile } from './testing/sandbox-per-file.js';

const sb = sandboxPerFile();
const DAY = 24 * 3600 * 1000;

async function run(client: string, version: 1 | 2, body: string, target = sb()) {
  return waitForBatch(await acceptedBatch(target.baseUrl, client, version, body));
}
/** Moves one client's profile clock `days` ahead (so other tests in the file keep their own time). */
async function advance(client: string, days: number, target: AdminTarget = sb()) {
  const r = await admin(target, 'POST', `/admin/clients/${client}/clock`, { advanceMs: days * DAY });
  expect(r.status).toBe(200);
}
async function status(client: string, kind: 'pcId' | 'thirdPartyId' | 'ecid', id: string) {
  return (await fetchProfile(sb().baseUrl, client, kind, id)).status;
}

describe('profileIdleExpiryDays', () => {
  it('is off by default: a profile idle for a year is still there', async () => {
    const c = uniqueClient();
    expect((await admin(sb(), 'GET', `/admin/clients/${c}/settings`)).json['profileIdleExpiryDays']).toBeNull();
    await run(c, 2, 'batch=thirdPartyId,a\nk1,1\n');
    await advance(c, 365);
    expect(attributeValues((await fetchProfile(sb().baseUrl, c, 'thirdPartyId', 'k1')).json)).toEqual({ a: '1' });
  });

  it('takes a profile whose last write or mbox call is older than N days: fetch answers the 404, by key and by ECID', async () => {
    const c = uniqueClient();
    await admin(sb(), 'PUT', `/admin/clients/${c}/settings`, { profileIdleExpiryDays: 14 });
    await run(c, 2, 'batch=thirdPartyId,a\nk1,1\nk2,2\nk3,3\nk4,4\n');
    await admin(sb(), 'POST', `/admin/clients/${c}/mbox-call`, { thirdPartyId: 'k1', ecid: 'E-1' });
    await advance(c, 10);
    // Day 10: an mbox call for k2, a single update for k3 and a v1 row for k4 each count as activity.
    expect((await admin(sb(), 'POST', `/admin/clients/${c}/mbox-call`, { thirdPartyId: 'k2' })).json).toEqual({ found: true });
    await rawRequest(`${sb().baseUrl}/m2/${c}/profile/update?mbox3rdPartyId=k3&profile.a=33`, undefined);
    await run(c, 1, 'batch=thirdPartyId,a\nk4,44\n');
    await advance(c, 3);
    expect(await status(c, 'thirdPartyId', 'k1')).toBe(200); // 13 days idle
    await advance(c, 2);
    const gone = await fetchProfile(sb().baseUrl, c, 'thirdPartyId', 'k1');
    expect(gone).toEqual({ status: 404, json: { status: 404, message: `No profile found for client ${c} with third party id=k1` } });
    expect(await status(c, 'ecid', 'E-1')).toBe(404);
    expect(attributeValues((await fetchProfile(sb().baseUrl, c, 'thirdPartyId', 'k2')).json)).toEqual({ a: '2' });
    expect(attributeValues((await fetchProfile(sb().baseUrl, c, 'thirdPartyId', 'k3')).json)).toEqual({ a: '33' });
    expect(attributeValues((await fetchProfile(sb().baseUrl, c, 'thirdPartyId', 'k4')).json)).toEqual({ a: '44' });
    // A fetch is not activity: k2 ages out 14 days after its mbox call all the same.
    await advance(c, 10);
    expect(await status(c, 'thirdPartyId', 'k2')).toBe(404);
  });

  it('an expired profile is unknown to every update route: v1 counts it not found, v2 starts a fresh one, a single update is ignored, an mbox call finds nothing', async () => {
    const c = uniqueClient();
    await admin(sb(), 'PUT', `/admin/clients/${c}/settings`, { profileIdleExpiryDays: 1 });
    await run(c, 2, 'batch=pcId,old,shared\np1,1,1\np2,1,1\np3,1,1\n');
    await admin(sb(), 'POST', `/admin/clients/${c}/mbox-call`, { pcId: 'p2', ecid: 'E-2' });
    await advance(c, 2);
    const v1 = await run(c, 1, 'batch=pcId,shared\np1,2\n');
    expect(v1.counters).toEqual({ consumedCount: 1, successfulUpdates: 0, profilesNotFound: 1, failedUpdates: 0 });
    expect(await status(c, 'pcId', 'p1')).toBe(404);
    const v2 = await run(c, 2, 'batch=pcId,shared,new\np2,2,2\n');
    expect(v2.counters).toEqual({ consumedCount: 1, successfulUpdates: 1, profilesNotFound: 0, failedUpdates: 0 });
    expect(attributeValues((await fetchProfile(sb().baseUrl, c, 'pcId', 'p2')).json)).toEqual({ shared: '2', new: '2' });
    expect(await status(c, 'ecid', 'E-2')).toBe(404); // the fresh profile is not the one the ECID was tied to
    await rawRequest(`${sb().baseUrl}/m2/${c}/profile/update?mboxPC=p3&profile.shared=9`, undefined);
    expect(await status(c, 'pcId', 'p3')).toBe(404);
    expect((await admin(sb(), 'POST', `/admin/clients/${c}/mbox-call`, { pcId: 'p3' })).json).toEqual({ found: false });
    expect(await status(c, 'pcId', 'p3')).toBe(404);
  });

  it('keeps last activity and the clock across a restart', async () => {
    const c = uniqueClient();
    const first = await startSandbox({ keepDataDir: true, settings: { profileIdleExpiryDays: 14 } });
    try {
      await run(c, 2, 'batch=thirdPartyId,a\nk1,1\n', first);
      await advance(c, 10, first);
      await admin(first, 'POST', `/admin/clients/${c}/mbox-call`, { thirdPartyId: 'k1' });
    } finally {
      await first.close();
    }
    const again = await startSandbox({ dataDir: first.dataDir, settings: { profileIdleExpiryDays: 14 } });
    try {
      expect((await admin(again, 'GET', `/admin/clients/${c}/clock`)).json['offsetMs']).toBe(10 * DAY);
      await advance(c, 10, again);
      expect((await fetchProfile(again.baseUrl, c, 'thirdPartyId', 'k1')).status).toBe(200);
      await advance(c, 5, again);
      expect((await fetchProfile(again.baseUrl, c, 'thirdPartyId', 'k1')).status).toBe(404);
    } finally {
      await again.close();
      await rm(first.dataDir, { recursive: true, force: true });
    }
  });
});

describe('the profile clock', () => {
  it('GET tells now and the offset; POST advanceMs adds to it, globally or for one client; writes are stamped with it', async () => {
    const isolated = await startSandbox();
    try {
      const before = await admin(isolated, 'GET', '/admin/clock');
      expect(before.json['offsetMs']).toBe(0);
      expect(Math.abs(Date.parse(String(before.json['now'])) - Date.now())).toBeLessThan(5_000);
      const moved = await admin(isolated, 'POST', '/admin/clock', { advanceMs: 3 * DAY });
      await admin(isolated, 'POST', '/admin/clock', { advanceMs: 1000 });
      expect(moved.json['offsetMs']).toBe(3 * DAY);
      const after = await admin(isolated, 'GET', '/admin/clock');
      expect(after.json['offsetMs']).toBe(3 * DAY + 1000);
      expect(Date.parse(String(after.json['now'])) - Date.now()).toBeGreaterThan(3 * DAY - 5_000);
      // A client follows the global clock until its own is moved, then keeps its own offset.
      expect((await admin(isolated, 'GET', '/admin/clients/acme/clock')).json['offsetMs']).toBe(3 * DAY + 1000);
      expect((await admin(isolated, 'POST', '/admin/clients/acme/clock', { advanceMs: DAY })).json['offsetMs']).toBe(4 * DAY + 1000);
      expect((await admin(isolated, 'GET', '/admin/clock')).json['offsetMs']).toBe(3 * DAY + 1000);
      await run('acme', 2, 'batch=thirdPartyId,a\nk1,1\n', isolated);
      const written = Date.parse(String((await fetchProfile(isolated.baseUrl, 'acme', 'thirdPartyId', 'k1')).json['modifiedAt']));
      expect(written - Date.now()).toBeGreaterThan(4 * DAY - 5_000);
    } finally {
      await isolated.close();
    }
  });

  it('visibility lag is measured on the same clock: moving it past the lag shows the data', async () => {
    const c = uniqueClient();
    await admin(sb(), 'PUT', `/admin/clients/${c}/settings`, { faults: { visibilityLagMs: 20_000 } });
    await run(c, 2, 'batch=thirdPartyId,a\nk1,1\n');
    expect(await status(c, 'thirdPartyId', 'k1')).toBe(404);
    await admin(sb(), 'POST', `/admin/clients/${c}/clock`, { advanceMs: 20_001 });
    expect(attributeValues((await fetchProfile(sb().baseUrl, c, 'thirdPartyId', 'k1')).json)).toEqual({ a: '1' });
  });

  it('refuses bad clock moves and bad settings with every problem named', async () => {
    for (const body of [{}, { advanceMs: -1 }, { advanceMs: '5' }, { advanceMs: null }]) {
      const r = await admin(sb(), 'POST', '/admin/clock', body);
      expect(r).toEqual({ status: 400, json: { error: 'Send {"advanceMs": N} with N a number of milliseconds, 0 or more.' } });
    }
    expect((await admin(sb(), 'PUT', '/admin/clock', { advanceMs: 1 })).status).toBe(405);
    const c = uniqueClient();
    const bad = await admin(sb(), 'PUT', `/admin/clients/${c}/settings`, { profileIdleExpiryDays: 0, clockOffsetMs: -5 });
    expect(bad).toEqual({
      status: 400,
      json: { error: 'Invalid settings.', errors: ['profileIdleExpiryDays: expected a number above 0, or null', 'clockOffsetMs: expected a non-negative number'] },
    });
    for (const value of [-1, '14', true]) {
      const r = await admin(sb(), 'PUT', `/admin/clients/${c}/settings`, { profileIdleExpiryDays: value });
      expect(r.status).toBe(400);
    }
    expect((await admin(sb(), 'PUT', `/admin/clients/${c}/settings`, { profileIdleExpiryDays: 0.5 })).json['profileIdleExpiryDays']).toBe(0.5);
    expect((await admin(sb(), 'PUT', `/admin/clients/${c}/settings`, { profileIdleExpiryDays: null })).json['profileIdleExpiryDays']).toBeNull();
    await expect(startSandbox({ settings: { profileIdleExpiryDays: -3 } })).rejects.toThrow(/profileIdleExpiryDays: expected a number above 0, or null/);
  });
});
