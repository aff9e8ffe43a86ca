// GET /admin/clients/C/fetches counts the profile fetches the sandbox answered (issue 11: "tested by
// counting fetches at the sandbox"), per "<kind>:<id>", since start or the last DELETE.
import { describe, expect, it } from 'vitest';
import { acceptedBatch, admin, fetchProfile, rawRequest, uniqueClient, waitForBatch } from './testing/http.js';
import { sandboxPerFile } from './testing/sandbox-per-file.js';

const sb = sandboxPerFile();

describe('fetch counts', () => {
  it('counts every fetch answered, found or not, by tntId, thirdPartyId and ECID, per client', async () => {
    const c = uniqueClient();
    const other = uniqueClient();
    expect((await admin(sb(), 'GET', `/admin/clients/${c}/fetches`)).json).toEqual({ total: 0, byId: {} });
    await waitForBatch(await acceptedBatch(sb().baseUrl, c, 2, 'batch=thirdPartyId,a\nk1,1\n'));
    await admin(sb(), 'POST', `/admin/clients/${c}/mbox-call`, { thirdPartyId: 'k1', ecid: 'E-1' });
    await fetchProfile(sb().baseUrl, c, 'thirdPartyId', 'k1');
    await fetchProfile(sb().baseUrl, c, 'thirdPartyId', 'k1');
    await fetchProfile(sb().baseUrl, c, 'thirdPartyId', 'nobody');
    await fetchProfile(sb().baseUrl, c, 'pcId', 'p 1');
    await fetchProfile(sb().baseUrl, c, 'ecid', 'E-1');
    await fetchProfile(sb().baseUrl, other, 'thirdPartyId', 'k1');
    // Neither a batch nor a single update is a fetch.
    await rawRequest(`${sb().baseUrl}/m2/${c}/profile/update?mbox3rdPartyId=k1&profile.a=2`, undefined);
    expect((await admin(sb(), 'GET', `/admin/clients/${c}/fetches`)).json).toEqual({
      total: 5,
      byId: { 'thirdPartyId:k1': 2, 'thirdPartyId:nobody': 1, 'pcId:p 1': 1, 'ecid:E-1': 1 },
    });
    expect((await admin(sb(), 'GET', `/admin/clients/${other}/fetches`)).json).toEqual({ total: 1, byId: { 'thirdPartyId:k1': 1 } });
  });

  it('does not count a fetch refused before the endpoint (an injected fault)', async () => {
    const c = uniqueClient();
    await admin(sb(), 'PUT', `/admin/clients/${c}/settings`, { faults: { fetch: { errorRate: 1, errorStatuses: [500] } } });
    expect((await fetchProfile(sb().baseUrl, c, 'thirdPartyId', 'k1')).status).toBe(500);
    expect((await admin(sb(), 'GET', `/admin/clients/${c}/fetches`)).json).toEqual({ total: 0, byId: {} });
  });

  it('DELETE starts the count again for that client only', async () => {
    const c = uniqueClient();
    const other = uniqueClient();
    await fetchProfile(sb().baseUrl, c, 'thirdPartyId', 'k1');
    await fetchProfile(sb().baseUrl, other, 'thirdPartyId', 'k1');
    expect((await admin(sb(), 'DELETE', `/admin/clients/${c}/fetches`)).json).toEqual({ total: 0, byId: {} });
    await fetchProfile(sb().baseUrl, c, 'pcId', 'p1');
    expect((await admin(sb(), 'GET', `/admin/clients/${c}/fetches`)).json).toEqual({ total: 1, byId: { 'pcId:p1': 1 } });
    expect((await admin(sb(), 'GET', `/admin/clients/${other}/fetches`)).json['total']).toBe(1);
    expect((await admin(sb(), 'PUT', `/admin/clients/${c}/fetches`, {})).status).toBe(405);
  });
});
