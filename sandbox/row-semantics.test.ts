// Section 10, items 12–18: what a row does to the profile store, v1 and v2.
import { describe, expect, it } from 'vitest';
import { acceptedBatch, admin, attributeValues, fetchProfile, rawRequest, uniqueClient, waitForBatch } from './testing/http.js';
import { sandboxPerFile } from './testing/sandbox-per-file.js';

const sb = sandboxPerFile();

async function run(client: string, version: 1 | 2, body: string) {
  return waitForBatch(await acceptedBatch(sb().baseUrl, client, version, body));
}
async function attrs(client: string, id: string, kind: 'pcId' | 'thirdPartyId' = 'thirdPartyId') {
  return attributeValues((await fetchProfile(sb().baseUrl, client, kind, id)).json);
}

describe('12. v1 updates only', () => {
  it('counts a missing key as profilesNotFound and creates nothing; updates existing profiles', async () => {
    const c = uniqueClient();
    const first = await run(c, 1, 'batch=pcId,tier\np1,gold\np2,silver\n');
    expect(first.counters).toEqual({ consumedCount: 2, successfulUpdates: 0, profilesNotFound: 2, failedUpdates: 0 });
    expect((await fetchProfile(sb().baseUrl, c, 'pcId', 'p1')).status).toBe(404);
    await run(c, 2, 'batch=pcId,tier\np1,bronze\n');
    const second = await run(c, 1, 'batch=pcId,tier\np1,gold\np2,silver\n');
    expect(second.counters).toEqual({ consumedCount: 2, successfulUpdates: 1, profilesNotFound: 1, failedUpdates: 0 });
    expect(second.profiles).toEqual([]);
    expect(await attrs(c, 'p1', 'pcId')).toEqual({ tier: 'gold' });
    expect((await fetchProfile(sb().baseUrl, c, 'pcId', 'p2')).status).toBe(404);
  });
});

describe('13. v2 creates and lists failed rows', () => {
  it('creates missing profiles and lists only failures as <profile> entries', async () => {
    const c = uniqueClient();
    const s = await run(c, 2, 'batch=thirdPartyId,tier\nk1,gold\nbad%2Bid,x\nk2,silver\n');
    expect(s.counters).toEqual({ consumedCount: 3, successfulUpdates: 2, profilesNotFound: 0, failedUpdates: 1 });
    expect(s.profiles).toEqual([{ id: 'bad+id', status: 'failed' }]);
    expect(await attrs(c, 'k1')).toEqual({ tier: 'gold' });
    // The entries show without showDetails too (default), and only with it when so configured.
    const plain = await rawRequest(s.batchId ? `${sb().baseUrl}/m2/${c}/profile/batchStatus?batchId=${s.batchId}` : '', undefined);
    expect(plain.body).toContain('<id>bad+id</id>');
    await admin(sb(), 'PUT', `/admin/clients/${c}/settings`, { v2ProfilesNeedShowDetails: true });
    const again = await rawRequest(`${sb().baseUrl}/m2/${c}/profile/batchStatus?batchId=${s.batchId}`, undefined);
    expect(again.body).not.toContain('<profile>');
  });

  it('lists successes too in legacy-2020 mode', async () => {
    const c = uniqueClient();
    await admin(sb(), 'PUT', `/admin/clients/${c}/settings`, { v2ListSuccesses: true });
    const s = await run(c, 2, 'batch=thirdPartyId,tier\nk1,gold\na/b,x\n');
    expect(s.profiles).toEqual([
      { id: 'k1', status: 'success' },
      { id: 'a/b', status: 'failed' },
    ]);
  });
});

describe('14. blank cells', () => {
  it('never clear a stored value; short rows are fine; an all-empty batch completes with zero updates', async () => {
    const c = uniqueClient();
    await run(c, 2, 'batch=thirdPartyId,a,b,c\nk1,1,2,3\n');
    const s = await run(c, 2, 'batch=thirdPartyId,a,b,c\nk1,,9\n');
    expect(s.counters?.successfulUpdates).toBe(1);
    expect(await attrs(c, 'k1')).toEqual({ a: '1', b: '9', c: '3' });
    const empty = await run(c, 2, 'batch=thirdPartyId,a,b\nk1,,\nk2\nk3,,\n');
    expect(empty).toMatchObject({ status: 'complete', batchSize: 3, counters: { consumedCount: 0, successfulUpdates: 0, profilesNotFound: 0, failedUpdates: 0 } });
    expect((await fetchProfile(sb().baseUrl, c, 'thirdPartyId', 'k2')).status).toBe(404);
    expect(await attrs(c, 'k1')).toEqual({ a: '1', b: '9', c: '3' });
  });
});

describe('15. stored attributes', () => {
  it('keeps bare, case-sensitive names with string values and per-attribute modifiedAt', async () => {
    const c = uniqueClient();
    await run(c, 2, 'batch=thirdPartyId,Tier,tier,n\nK1,Gold,gold,007\n');
    const first = (await fetchProfile(sb().baseUrl, c, 'thirdPartyId', 'K1')).json;
    expect(first).toMatchObject({ client: c, visitorId: 'K1' });
    expect(attributeValues(first)).toEqual({ Tier: 'Gold', tier: 'gold', n: '007' });
    expect((await fetchProfile(sb().baseUrl, c, 'thirdPartyId', 'k1')).status).toBe(404);
    const firstAttrs = first['profileAttributes'] as Record<string, { modifiedAt: string }>;
    await new Promise((r) => setTimeout(r, 5));
    await run(c, 2, 'batch=thirdPartyId,n\nK1,8\n');
    const second = (await fetchProfile(sb().baseUrl, c, 'thirdPartyId', 'K1')).json;
    const secondAttrs = second['profileAttributes'] as Record<string, { modifiedAt: string }>;
    expect(secondAttrs['Tier']?.modifiedAt).toBe(firstAttrs['Tier']?.modifiedAt);
    expect(secondAttrs['n']?.modifiedAt).not.toBe(firstAttrs['n']?.modifiedAt);
    expect(second['modifiedAt']).toBe(secondAttrs['n']?.modifiedAt);
    expect(second['modifiedAt']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/);
  });
});

describe('16. per-profile and key limits', () => {
  it('fails a row that would pass 64 KB and leaves the profile as it was', async () => {
    const c = uniqueClient();
    const big = 'x'.repeat(40_000);
    const s = await run(c, 2, `batch=thirdPartyId,a,b\nk1,${big}\nk1,,${big}\nk2,${big},small\n`);
    expect(s.counters).toEqual({ consumedCount: 3, successfulUpdates: 2, profilesNotFound: 0, failedUpdates: 1 });
    expect(s.profiles).toEqual([{ id: 'k1', status: 'failed' }]);
    expect(Object.keys(await attrs(c, 'k1'))).toEqual(['a']);
  });

  it('fails thirdPartyIds with + or / or over 256 characters', async () => {
    const c = uniqueClient();
    const long = 'L'.repeat(257);
    const ok = 'K'.repeat(256);
    const s = await run(c, 2, `batch=thirdPartyId,a\na%2Bb,1\na%2Fb,1\n${long},1\n${ok},1\n`);
    expect(s.counters).toEqual({ consumedCount: 4, successfulUpdates: 1, profilesNotFound: 0, failedUpdates: 3 });
    expect(s.profiles.map((p) => p.id)).toEqual(['a+b', 'a/b', long]);
  });
});

describe('17. duplicate keys in one batch', () => {
  it('apply in file order (last wins) by default, first wins when configured', async () => {
    const c = uniqueClient();
    const s = await run(c, 2, 'batch=thirdPartyId,a,b\nk1,1,x\nk1,2\nk1,3\n');
    expect(s.counters?.successfulUpdates).toBe(3);
    expect(await attrs(c, 'k1')).toEqual({ a: '3', b: 'x' });
    const f = uniqueClient();
    await admin(sb(), 'PUT', `/admin/clients/${f}/settings`, { duplicateKeys: 'firstWins', chunkRows: 2 });
    await run(f, 2, 'batch=thirdPartyId,a\nk1,1\nk2,1\nk1,2\nk1,3\n');
    expect(await attrs(f, 'k1')).toEqual({ a: '1' });
  });
});

describe('18. consecutive v2 batches', () => {
  it('merge by default; replace mode drops attributes only the earlier batch wrote, until an mbox call', async () => {
    const m = uniqueClient();
    await run(m, 2, 'batch=thirdPartyId,a,b\nk1,1,1\n');
    await run(m, 2, 'batch=thirdPartyId,b\nk1,2\n');
    expect(await attrs(m, 'k1')).toEqual({ a: '1', b: '2' });

    const r = uniqueClient();
    await admin(sb(), 'PUT', `/admin/clients/${r}/settings`, { v2Consecutive: 'replace' });
    await run(r, 2, 'batch=thirdPartyId,a,b\nk1,1,1\nk2,1,1\n');
    await run(r, 2, 'batch=thirdPartyId,b\nk1,2\n');
    expect(await attrs(r, 'k1')).toEqual({ b: '2' });
    expect((await admin(sb(), 'POST', `/admin/clients/${r}/mbox-call`, { thirdPartyId: 'k2' })).json).toEqual({ found: true });
    await run(r, 2, 'batch=thirdPartyId,b\nk2,2\n');
    expect(await attrs(r, 'k2')).toEqual({ a: '1', b: '2' });
  });
});
