// Section 10, items 20–21: single profile update (E4/E5) and profile fetch (E6/E7).
import { describe, expect, it } from 'vitest';
import { asProfileJson, parseSingleUpdateResponse } from './testing/target-client.js';
import { acceptedBatch, admin, attributeValues, fetchProfile, rawRequest, uniqueClient, waitForBatch } from './testing/http.js';
import { sandboxPerFile } from './testing/sandbox-per-file.js';

const sb = sandboxPerFile();

async function seed(client: string, body: string) {
  await waitForBatch(await acceptedBatch(sb().baseUrl, client, 2, body));
}

describe('20. single profile update', () => {
  it('updates an existing profile by mbox3rdPartyId (GET) and by mboxPC (POST), and acknowledges', async () => {
    const c = uniqueClient();
    await seed(c, 'batch=thirdPartyId,a,b\nk1,1,1\n');
    await seed(c, 'batch=pcId,a\np1,1\n');
    const get = await rawRequest(`${sb().baseUrl}/m2/${c}/profile/update?mbox3rdPartyId=k1&profile.a=2&profile.b=&profile.c=x%20y`, undefined);
    expect(get.status).toBe(200);
    expect(parseSingleUpdateResponse(get.body)).toEqual({ success: true, message: 'Request successfully submitted' });
    expect(attributeValues((await fetchProfile(sb().baseUrl, c, 'thirdPartyId', 'k1')).json)).toEqual({ a: '2', b: '1', c: 'x y' });
    const post = await rawRequest(`${sb().baseUrl}/m2/${c}/profile/update?mboxPC=p1&profile.a=3`, Buffer.alloc(0));
    expect(parseSingleUpdateResponse(post.body)?.success).toBe(true);
    const form = await rawRequest(`${sb().baseUrl}/m2/${c}/profile/update`, 'mboxPC=p1&profile.z=form+body');
    expect(form.status).toBe(200);
    expect(attributeValues((await fetchProfile(sb().baseUrl, c, 'pcId', 'p1')).json)).toEqual({ a: '3', z: 'form body' });
  });

  it('never creates a profile, but still acknowledges', async () => {
    const c = uniqueClient();
    const res = await rawRequest(`${sb().baseUrl}/m2/${c}/profile/update?mbox3rdPartyId=ghost&profile.a=1`, undefined);
    expect(parseSingleUpdateResponse(res.body)?.success).toBe(true);
    expect((await fetchProfile(sb().baseUrl, c, 'thirdPartyId', 'ghost')).status).toBe(404);
  });

  it('enforces 8 KB for GET and 60 KB for POST', async () => {
    const c = uniqueClient();
    await seed(c, 'batch=thirdPartyId,a\nk1,1\n');
    const base = `${sb().baseUrl}/m2/${c}/profile/update?mbox3rdPartyId=k1&profile.a=`;
    const path = `/m2/${c}/profile/update?mbox3rdPartyId=k1&profile.a=`;
    expect((await rawRequest(base + 'x'.repeat(8 * 1024 - path.length), undefined)).status).toBe(200);
    const tooLong = await rawRequest(base + 'x'.repeat(8 * 1024 - path.length + 1), undefined);
    expect(tooLong.status).toBe(413);
    expect(parseSingleUpdateResponse(tooLong.body)?.success).toBe(false);
    const url = `${sb().baseUrl}/m2/${c}/profile/update`;
    const prefix = 'mbox3rdPartyId=k1&profile.b=';
    const room = 60 * 1024 - `/m2/${c}/profile/update`.length - prefix.length;
    expect((await rawRequest(url, prefix + 'y'.repeat(room))).status).toBe(200);
    expect((await rawRequest(url, prefix + 'y'.repeat(room + 1))).status).toBe(413);
  });

  it('applies after a delay when singleUpdateDelayMs is set, and caps updates per day when configured', async () => {
    const c = uniqueClient();
    await seed(c, 'batch=thirdPartyId,a\nk1,1\n');
    await admin(sb(), 'PUT', `/admin/clients/${c}/settings`, { singleUpdateDelayMs: 3_600_000, singleUpdateDailyCap: 1 });
    expect(parseSingleUpdateResponse((await rawRequest(`${sb().baseUrl}/m2/${c}/profile/update?mbox3rdPartyId=k1&profile.a=2`, undefined)).body)?.success).toBe(true);
    expect(attributeValues((await fetchProfile(sb().baseUrl, c, 'thirdPartyId', 'k1')).json)).toEqual({ a: '1' });
    const capped = parseSingleUpdateResponse((await rawRequest(`${sb().baseUrl}/m2/${c}/profile/update?mbox3rdPartyId=k1&profile.a=3`, undefined)).body);
    expect(capped).toEqual({ success: false, message: 'Daily single update limit reached: 1 per 24 hours' });
  });
});

describe('21. profile fetch', () => {
  it('returns the documented JSON by tntId and by thirdPartyId', async () => {
    const c = uniqueClient();
    await seed(c, 'batch=thirdPartyId,loyaltyTier,favCategory\nCRM-0001,gold,shoes\n');
    await seed(c, 'batch=pcId,loyaltyTier\n1514187733806-729395,silver\n');
    const byTp = await fetchProfile(sb().baseUrl, c, 'thirdPartyId', 'CRM-0001');
    expect(byTp.status).toBe(200);
    const json = asProfileJson(byTp.json);
    expect(json).toBeDefined();
    expect(Object.keys(byTp.json)).toEqual(['client', 'visitorId', 'modifiedAt', 'profileAttributes']);
    expect(json).toMatchObject({ client: c, visitorId: 'CRM-0001', profileAttributes: { loyaltyTier: { value: 'gold' }, favCategory: { value: 'shoes' } } });
    const byTnt = await fetchProfile(sb().baseUrl, c, 'pcId', '1514187733806-729395');
    expect(attributeValues(byTnt.json)).toEqual({ loyaltyTier: 'silver' });
  });

  it('returns the exact 404 bodies for unknown ids', async () => {
    const c = uniqueClient();
    const tp = await fetchProfile(sb().baseUrl, c, 'thirdPartyId', 'CRM-9');
    expect(tp).toEqual({ status: 404, json: { status: 404, message: `No profile found for client ${c} with third party id=CRM-9` } });
    const tnt = await fetchProfile(sb().baseUrl, c, 'pcId', 'p9');
    expect(tnt).toEqual({ status: 404, json: { status: 404, message: `No profile found for client ${c} with mboxPC=p9` } });
    await admin(sb(), 'PUT', `/admin/clients/${c}/settings`, { fetchNotFoundHttpStatus: 200 });
    expect((await fetchProfile(sb().baseUrl, c, 'pcId', 'p9')).status).toBe(200);
  });

  it('shows only data whose processing delay has passed', async () => {
    const c = uniqueClient();
    await admin(sb(), 'PUT', `/admin/clients/${c}/settings`, { processingDelayMs: 3_600_000 });
    const url = await acceptedBatch(sb().baseUrl, c, 2, 'batch=thirdPartyId,a\nk1,x\n');
    expect((await fetchProfile(sb().baseUrl, c, 'thirdPartyId', 'k1')).status).toBe(404);
    const id = new URL(url).searchParams.get('batchId') ?? '';
    await admin(sb(), 'POST', `/admin/batches/${id}/finish`);
    await waitForBatch(url);
    expect((await fetchProfile(sb().baseUrl, c, 'thirdPartyId', 'k1')).status).toBe(200);
  });
});
