// Fetch by ECID (target-profile-api.md §12.4; issue 11 item 5): a profile carries the ECID its last
// simulated mbox call named, and GET /rest/v1/profiles/marketingCloudVisitorId/ECID finds it.
import { rm } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { startSandbox } from './index.js';
import { acceptedBatch, admin, attributeValues, fetchProfile, uniqueClient, waitForBatch } from './testing/http.js';
import { sandboxPerFile } from './testing/sandbox-per-file.js';

const sb = sandboxPerFile();

async function seed(client: string, body: string) {
  await waitForBatch(await acceptedBatch(sb().baseUrl, client, 2, body));
}
const mboxCall = (client: string, body: Record<string, string>) => admin(sb(), 'POST', `/admin/clients/${client}/mbox-call`, body);

describe('fetch by ECID', () => {
  it('finds the profile an mbox call tied the ECID to, answering with the ECID as visitorId', async () => {
    const c = uniqueClient();
    await seed(c, 'batch=thirdPartyId,loyaltyTier\nCRM-1,gold\n');
    await seed(c, 'batch=pcId,loyaltyTier\np-1,silver\n');
    expect((await mboxCall(c, { thirdPartyId: 'CRM-1', ecid: 'E-1' })).json).toEqual({ found: true });
    expect((await mboxCall(c, { pcId: 'p-1', ecid: 'E-2' })).json).toEqual({ found: true });
    const byEcid = await fetchProfile(sb().baseUrl, c, 'ecid', 'E-1');
    expect(byEcid.status).toBe(200);
    expect(byEcid.json).toMatchObject({ client: c, visitorId: 'E-1', profileAttributes: { loyaltyTier: { value: 'gold' } } });
    // The same profile by its own key answers the same attributes, with its own id as visitorId.
    const byKey = await fetchProfile(sb().baseUrl, c, 'thirdPartyId', 'CRM-1');
    expect(byKey.json['visitorId']).toBe('CRM-1');
    expect(byKey.json['profileAttributes']).toEqual(byEcid.json['profileAttributes']);
    expect(attributeValues((await fetchProfile(sb().baseUrl, c, 'ecid', 'E-2')).json)).toEqual({ loyaltyTier: 'silver' });
  });

  it('answers 404 with the client and the ECID for an ECID no mbox call named, and for another client', async () => {
    const c = uniqueClient();
    await seed(c, 'batch=thirdPartyId,a\nk1,1\n');
    await mboxCall(c, { thirdPartyId: 'k1', ecid: 'E-1' });
    const unknown = await fetchProfile(sb().baseUrl, c, 'ecid', 'E-404');
    expect(unknown).toEqual({ status: 404, json: { status: 404, message: `No profile found for client ${c} with marketingCloudVisitorId=E-404` } });
    const other = uniqueClient();
    expect((await fetchProfile(sb().baseUrl, other, 'ecid', 'E-1')).status).toBe(404);
    // An mbox call for a profile that does not exist ties nothing.
    expect((await mboxCall(c, { thirdPartyId: 'ghost', ecid: 'E-9' })).json).toEqual({ found: false });
    expect((await fetchProfile(sb().baseUrl, c, 'ecid', 'E-9')).status).toBe(404);
  });

  it('a later mbox call with another ECID replaces the first; an ECID named for another profile moves there', async () => {
    const c = uniqueClient();
    await seed(c, 'batch=thirdPartyId,a\nk1,1\nk2,2\n');
    await mboxCall(c, { thirdPartyId: 'k1', ecid: 'E-old' });
    await mboxCall(c, { thirdPartyId: 'k1', ecid: 'E-new' });
    expect((await fetchProfile(sb().baseUrl, c, 'ecid', 'E-old')).status).toBe(404);
    expect(attributeValues((await fetchProfile(sb().baseUrl, c, 'ecid', 'E-new')).json)).toEqual({ a: '1' });
    // An mbox call without an ECID keeps the one the profile has.
    await mboxCall(c, { thirdPartyId: 'k1' });
    expect(attributeValues((await fetchProfile(sb().baseUrl, c, 'ecid', 'E-new')).json)).toEqual({ a: '1' });
    await mboxCall(c, { thirdPartyId: 'k2', ecid: 'E-new' });
    expect(attributeValues((await fetchProfile(sb().baseUrl, c, 'ecid', 'E-new')).json)).toEqual({ a: '2' });
    // k1 gave the ECID up: naming a third one for k1 leaves k2's alone.
    await mboxCall(c, { thirdPartyId: 'k1', ecid: 'E-third' });
    expect(attributeValues((await fetchProfile(sb().baseUrl, c, 'ecid', 'E-new')).json)).toEqual({ a: '2' });
    expect(attributeValues((await fetchProfile(sb().baseUrl, c, 'ecid', 'E-third')).json)).toEqual({ a: '1' });
  });

  it('keeps the ECID through later writes, v2 replace mode included', async () => {
    const c = uniqueClient();
    await admin(sb(), 'PUT', `/admin/clients/${c}/settings`, { v2Consecutive: 'replace' });
    await seed(c, 'batch=thirdPartyId,a,b\nk1,1,1\n');
    await mboxCall(c, { thirdPartyId: 'k1', ecid: 'E-1' });
    await seed(c, 'batch=thirdPartyId,b\nk1,2\n');
    await seed(c, 'batch=thirdPartyId,c\nk1,3\n');
    await fetch(`${sb().baseUrl}/m2/${c}/profile/update?mbox3rdPartyId=k1&profile.d=4`);
    expect(attributeValues((await fetchProfile(sb().baseUrl, c, 'ecid', 'E-1')).json)).toEqual({ c: '3', d: '4' });
  });

  it('refuses an mbox call whose ecid is not a non-empty string', async () => {
    const c = uniqueClient();
    await seed(c, 'batch=thirdPartyId,a\nk1,1\n');
    for (const ecid of ['', 42, null]) {
      const r = await admin(sb(), 'POST', `/admin/clients/${c}/mbox-call`, { thirdPartyId: 'k1', ecid });
      expect(r).toEqual({ status: 400, json: { error: 'ecid must be a non-empty string.' } });
    }
    expect((await admin(sb(), 'POST', `/admin/clients/${c}/mbox-call`, { ecid: 'E-1' })).status).toBe(400);
    expect((await admin(sb(), 'GET', `/admin/clients/${c}/mbox-call`)).status).toBe(405);
  });

  it('keeps ECID ties across a restart (they live in the store)', async () => {
    const first = await startSandbox({ keepDataDir: true });
    const c = uniqueClient();
    try {
      await waitForBatch(await acceptedBatch(first.baseUrl, c, 2, 'batch=thirdPartyId,a\nk1,1\n'));
      await admin(first, 'POST', `/admin/clients/${c}/mbox-call`, { thirdPartyId: 'k1', ecid: 'E-1' });
    } finally {
      await first.close();
    }
    const again = await startSandbox({ dataDir: first.dataDir });
    try {
      expect(attributeValues((await fetchProfile(again.baseUrl, c, 'ecid', 'E-1')).json)).toEqual({ a: '1' });
    } finally {
      await again.close();
      await rm(first.dataDir, { recursive: true, force: true });
    }
  });
});
