// Section 10, items 5–8: size and row limits, the daily cap, the 50/min limiter, and Bearer auth.
import { describe, expect, it } from 'vitest';
import { acceptedBatch, admin, batchStatus, fetchProfile, rawRequest, submitBatch, uniqueClient, waitForBatch } from './testing/http.js';
import { sandboxPerFile } from './testing/sandbox-per-file.js';

const sb = sandboxPerFile();

function keyOnlyRows(n: number): string {
  return `batch=thirdPartyId,a\n${'k\n'.repeat(n)}`;
}

describe('5. size and row limits', () => {
  it('refuses a body of 50 MB or more with HTTP 200, success=false and a message naming the limit', async () => {
    const body = Buffer.alloc(50 * 1024 * 1024, 'a');
    body.write('batch=thirdPartyId,a\nk,');
    const { http, parsed } = await submitBatch(sb().baseUrl, uniqueClient(), 2, body);
    expect(http.status).toBe(200);
    expect(parsed).toEqual({ kind: 'rejected', message: 'Batch file is too large: the limit is under 50 MB' });
  });

  it('accepts one byte under a configured size limit and refuses the limit itself', async () => {
    const c = uniqueClient();
    await admin(sb(), 'PUT', `/admin/clients/${c}/settings`, { maxBodyBytes: 1024 * 1024, limitHttpStatus: 413 });
    const under = Buffer.alloc(1024 * 1024 - 1, 'b');
    under.write('batch=thirdPartyId,a\nk,');
    expect((await submitBatch(sb().baseUrl, c, 2, under)).parsed.kind).toBe('accepted');
    const at = Buffer.alloc(1024 * 1024, 'b');
    at.write('batch=thirdPartyId,a\nk,');
    const res = await submitBatch(sb().baseUrl, c, 2, at);
    expect(res.http.status).toBe(413);
    expect(res.parsed.kind).toBe('rejected');
  });

  it('accepts 500,000 data rows and refuses 500,001', async () => {
    const c = uniqueClient();
    const url = await acceptedBatch(sb().baseUrl, c, 2, keyOnlyRows(500_000));
    const done = await waitForBatch(url);
    expect(done.batchSize).toBe(500_000);
    const { http, parsed } = await submitBatch(sb().baseUrl, c, 2, keyOnlyRows(500_001));
    expect(http.status).toBe(200);
    expect(parsed).toEqual({ kind: 'rejected', message: 'Batch has too many rows: 500001 rows, the limit is 500000' });
  });
});

describe('6. legacy daily row cap', () => {
  it('is off by default and, when set, refuses a batch that would pass the rolling 24 h total', async () => {
    const c = uniqueClient();
    expect((await submitBatch(sb().baseUrl, c, 2, keyOnlyRows(30))).parsed.kind).toBe('accepted');
    await admin(sb(), 'PUT', `/admin/clients/${c}/settings`, { dailyRowCap: 10 });
    expect((await submitBatch(sb().baseUrl, c, 2, keyOnlyRows(6))).parsed.kind).toBe('accepted');
    expect((await submitBatch(sb().baseUrl, c, 2, keyOnlyRows(4))).parsed.kind).toBe('accepted');
    expect((await submitBatch(sb().baseUrl, c, 2, keyOnlyRows(1))).parsed).toEqual({ kind: 'rejected', message: 'Daily row limit reached: 10 rows per 24 hours' });
  });
});

describe('7. rate limit', () => {
  it('answers the 51st batchUpdate/batchStatus call in a minute with 503, per client; single update and fetch are exempt', async () => {
    const c = uniqueClient();
    const url = await acceptedBatch(sb().baseUrl, c, 2, 'batch=thirdPartyId,a\nk1,x\n');
    for (let i = 0; i < 24; i++) expect((await submitBatch(sb().baseUrl, c, 2, 'batch=thirdPartyId,a\nk1,x\n')).http.status).toBe(200);
    for (let i = 0; i < 25; i++) expect((await batchStatus(url)).kind).toBe('status');
    const over = await submitBatch(sb().baseUrl, c, 2, 'batch=thirdPartyId,a\nk1,x\n');
    expect(over.http.status).toBe(503);
    expect((await rawRequest(`${url}&showDetails=true`, undefined)).status).toBe(503);
    // Other clients have their own window; single update and fetch do not count by default.
    expect((await submitBatch(sb().baseUrl, uniqueClient(), 2, 'batch=thirdPartyId,a\nk1,x\n')).http.status).toBe(200);
    expect((await rawRequest(`${sb().baseUrl}/m2/${c}/profile/update?mbox3rdPartyId=k1&profile.a=y`, undefined)).status).toBe(200);
    expect((await fetchProfile(sb().baseUrl, c, 'thirdPartyId', 'k1')).status).toBe(200);
  });

  it('can exempt status polls and count single updates, and can send Retry-After', async () => {
    const c = uniqueClient();
    await admin(sb(), 'PUT', `/admin/clients/${c}/settings`, {
      rateLimitPerMinute: 3,
      rateLimitCountsStatus: false,
      rateLimitCountsSingleUpdate: true,
      rateLimitRetryAfter: true,
    });
    const url = await acceptedBatch(sb().baseUrl, c, 2, 'batch=thirdPartyId,a\nk1,x\n');
    for (let i = 0; i < 5; i++) expect((await batchStatus(url)).kind).toBe('status');
    expect((await rawRequest(`${sb().baseUrl}/m2/${c}/profile/update?mbox3rdPartyId=k1&profile.a=y`, undefined)).status).toBe(200);
    expect((await rawRequest(`${sb().baseUrl}/m2/${c}/profile/update?mbox3rdPartyId=k1&profile.a=y`, undefined)).status).toBe(200);
    const over = await submitBatch(sb().baseUrl, c, 2, 'batch=thirdPartyId,a\nk1,x\n');
    expect(over.http.status).toBe(503);
    expect(Number(over.http.headers['retry-after'])).toBeGreaterThan(0);
    await admin(sb(), 'POST', `/admin/clients/${c}/rate-limit/reset`);
    expect((await submitBatch(sb().baseUrl, c, 2, 'batch=thirdPartyId,a\nk1,x\n')).http.status).toBe(200);
  });
});

describe('8. auth', () => {
  it('accepts calls without a token while auth is off', async () => {
    const c = uniqueClient();
    expect((await submitBatch(sb().baseUrl, c, 2, 'batch=thirdPartyId,a\nk1,x\n')).parsed.kind).toBe('accepted');
  });

  it('checks Bearer tokens on E1/E2/E4–E7 when required: missing, wrong, rotated and expired tokens get 403', async () => {
    const c = uniqueClient();
    const seed = await acceptedBatch(sb().baseUrl, c, 2, 'batch=thirdPartyId,a\nk1,x\n');
    await waitForBatch(seed);
    await admin(sb(), 'PUT', `/admin/clients/${c}/settings`, { requireAuth: true });
    const first = (await admin(sb(), 'POST', `/admin/clients/${c}/token`)).json;
    expect(typeof first['token']).toBe('string');
    expect(Date.parse(first['expiresAt'] as string)).toBeGreaterThan(Date.now());
    const auth = (t: unknown) => ({ authorization: `Bearer ${String(t)}` });
    const body = 'batch=thirdPartyId,a\nk1,y\n';

    const missing = await submitBatch(sb().baseUrl, c, 2, body);
    expect(missing.http.status).toBe(403);
    expect(missing.parsed.kind).toBe('rejected');
    expect((await submitBatch(sb().baseUrl, c, 1, body, auth('nope'))).http.status).toBe(403);
    expect((await submitBatch(sb().baseUrl, c, 2, body, auth(first['token']))).parsed.kind).toBe('accepted');
    expect((await fetchProfile(sb().baseUrl, c, 'thirdPartyId', 'k1')).status).toBe(403);
    expect((await fetchProfile(sb().baseUrl, c, 'thirdPartyId', 'k1', auth(first['token']))).status).toBe(200);
    expect((await rawRequest(`${sb().baseUrl}/m2/${c}/profile/update?mbox3rdPartyId=k1&profile.a=z`, undefined)).status).toBe(403);
    // Status polls do not need the token by default.
    expect((await batchStatus(seed)).kind).toBe('status');

    const second = (await admin(sb(), 'POST', `/admin/clients/${c}/token`)).json;
    expect(second['token']).not.toBe(first['token']);
    expect((await submitBatch(sb().baseUrl, c, 2, body, auth(first['token']))).http.status).toBe(403);
    expect((await submitBatch(sb().baseUrl, c, 2, body, auth(second['token']))).parsed.kind).toBe('accepted');

    const expired = (await admin(sb(), 'POST', `/admin/clients/${c}/token`, { expiresInSeconds: -1 })).json;
    const res = await submitBatch(sb().baseUrl, c, 2, body, auth(expired['token']));
    expect(res.http.status).toBe(403);
    expect(res.parsed).toEqual({ kind: 'rejected', message: 'Authentication failed: expired profile token' });
  });

  it('can also guard batchStatus and use another failure status', async () => {
    const c = uniqueClient();
    const url = await acceptedBatch(sb().baseUrl, c, 2, 'batch=thirdPartyId,a\nk1,x\n');
    await admin(sb(), 'PUT', `/admin/clients/${c}/settings`, { requireAuth: true, authOnStatus: true, authFailureStatus: 401 });
    expect((await rawRequest(url, undefined)).status).toBe(401);
    const { token } = (await admin(sb(), 'POST', `/admin/clients/${c}/token`)).json;
    expect((await rawRequest(url, undefined, { headers: { authorization: `Bearer ${String(token)}` } })).status).toBe(200);
  });
});
