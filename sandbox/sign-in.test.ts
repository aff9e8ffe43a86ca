// Adobe sign-in as the sandbox plays it (§12.1): IMS access tokens, Profile API tokens minted through
// the Target Admin API, and the stats that prove no token crossed plain http.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from './index.js';
import { makeSelfSignedCert, type SelfSignedCert } from './testing/self-signed.js';
import { admin, fetchProfile, rawRequest, submitBatch, uniqueClient, waitForBatch } from './testing/http.js';

const oauth = { clientId: 'cid-123', clientSecret: 's3cret-value', tenantId: 'acmetenant' };
let sb: RunningSandbox;
let tls: SelfSignedCert;
beforeAll(async () => {
  tls = await makeSelfSignedCert();
  sb = await startSandbox({ tls: { key: tls.key, cert: tls.cert }, settings: { oauth, requireAuth: true, tokenTtlSeconds: 3600 } });
});
afterAll(async () => {
  await sb.close();
});

function form(values: Record<string, string>): string {
  return new URLSearchParams(values).toString();
}

async function imsToken(secret = oauth.clientSecret): Promise<{ status: number; json: Record<string, unknown> }> {
  const body = form({ grant_type: 'client_credentials', client_id: oauth.clientId, client_secret: secret, scope: 'openid,AdobeID,target_sdk' });
  const res = await rawRequest(`${sb.httpsBaseUrl}/ims/token/v3`, body, { ca: tls.cert });
  return { status: res.status, json: JSON.parse(res.body) as Record<string, unknown> };
}

async function mint(ims: string, tenant = oauth.tenantId, apiKey = oauth.clientId): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await rawRequest(`${sb.httpsBaseUrl}/${tenant}/target/authentication/token?scope=profile_api`, '', {
    ca: tls.cert,
    headers: { authorization: `Bearer ${ims}`, 'x-api-key': apiKey, 'content-type': 'application/vnd.adobe.target.v1+json' },
  });
  return { status: res.status, json: JSON.parse(res.body) as Record<string, unknown> };
}

describe('IMS token route', () => {
  it('issues an access token for the right client credentials, in IMS shape', async () => {
    const r = await imsToken();
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ token_type: 'bearer', expires_in: 86399 });
    expect(typeof r.json['access_token']).toBe('string');
  });

  it('answers a wrong secret or client as IMS does: HTTP 400, invalid_client', async () => {
    expect(await imsToken('wrong')).toEqual({ status: 400, json: { error: 'invalid_client', error_description: 'invalid client_secret parameter' } });
    const other = await rawRequest(`${sb.httpsBaseUrl}/ims/token/v3`, form({ grant_type: 'client_credentials', client_id: 'nope', client_secret: oauth.clientSecret }), { ca: tls.cert });
    expect(other.status).toBe(400);
    expect(JSON.parse(other.body)).toEqual({ error: 'invalid_client', error_description: 'invalid client_id parameter' });
    const grant = await rawRequest(`${sb.httpsBaseUrl}/ims/token/v3`, form({ grant_type: 'password' }), { ca: tls.cert });
    expect(JSON.parse(grant.body)).toMatchObject({ error: 'unsupported_grant_type' });
  });

  it('is off (404) in a sandbox without oauth settings', async () => {
    const plain = await startSandbox();
    try {
      const res = await rawRequest(`${plain.baseUrl}/ims/token/v3`, form({ grant_type: 'client_credentials' }));
      expect(res.status).toBe(404);
      expect(res.body).toContain('oauth.clientId');
    } finally {
      await plain.close();
    }
  });
});

describe('Admin API profile token route', () => {
  it('mints a token valid for every client code for tokenTtlSeconds; minting again invalidates the previous one', async () => {
    const ims = String((await imsToken()).json['access_token']);
    const first = await mint(ims);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ tokenType: 'bearer', scope: 'profile_api', expiresIn: 3600 });
    const auth = (t: unknown) => ({ authorization: `Bearer ${String(t)}` });
    const [a, b] = [uniqueClient(), uniqueClient()];
    for (const c of [a, b]) {
      const sent = (await submitBatch(sb.baseUrl, c, 2, 'batch=thirdPartyId,x\nk1,1\n', auth(first.json['accessToken']))).parsed;
      expect(sent.kind).toBe('accepted');
      // The sandbox applies a batch after answering: the fetch of k1 below must find it, however busy the machine.
      if (sent.kind === 'accepted') await waitForBatch(sent.batchStatusUrl, 1000, auth(first.json['accessToken']));
    }
    const second = await mint(ims);
    expect(second.json['accessToken']).not.toBe(first.json['accessToken']);
    const stale = await submitBatch(sb.baseUrl, a, 2, 'batch=thirdPartyId,x\nk1,2\n', auth(first.json['accessToken']));
    expect(stale.http.status).toBe(403);
    expect((await fetchProfile(sb.baseUrl, b, 'thirdPartyId', 'k1', auth(second.json['accessToken']))).status).toBe(200);
  });

  it('expires a minted token after tokenTtlSeconds', async () => {
    const c = uniqueClient();
    await admin(sb, 'PATCH', '/admin/settings', { tokenTtlSeconds: 0 });
    try {
      const ims = String((await imsToken()).json['access_token']);
      const minted = await mint(ims);
      const res = await submitBatch(sb.baseUrl, c, 2, 'batch=thirdPartyId,x\nk1,1\n', { authorization: `Bearer ${String(minted.json['accessToken'])}` });
      expect(res.parsed).toEqual({ kind: 'rejected', message: 'Authentication failed: expired profile token' });
    } finally {
      await admin(sb, 'PATCH', '/admin/settings', { tokenTtlSeconds: 3600 });
    }
  });

  it('refuses a missing IMS token (401), a wrong API key or tenant (403) and another scope (400)', async () => {
    const ims = String((await imsToken()).json['access_token']);
    expect((await mint('not-an-ims-token')).status).toBe(401);
    expect((await mint(ims, oauth.tenantId, 'other-client')).json).toEqual({ error_code: '403000', message: 'Api Key is invalid' });
    expect((await mint(ims, 'sometenant')).status).toBe(403);
    const scope = await rawRequest(`${sb.httpsBaseUrl}/${oauth.tenantId}/target/authentication/token?scope=other`, '', { ca: tls.cert, headers: { authorization: `Bearer ${ims}`, 'x-api-key': oauth.clientId } });
    expect(scope.status).toBe(400);
  });
});

describe('GET /admin/stats', () => {
  it('counts IMS tokens, minted tokens and every request that carried a token over plain http', async () => {
    const before = (await admin(sb, 'GET', '/admin/stats')).json;
    const ims = String((await imsToken()).json['access_token']);
    const minted = String((await mint(ims)).json['accessToken']);
    await fetchProfile(sb.baseUrl, uniqueClient(), 'thirdPartyId', 'x', { authorization: `Bearer ${minted}` });
    await rawRequest(`${sb.baseUrl}/rest/v1/profiles/thirdPartyId/x?client=${uniqueClient()}`, undefined, { headers: { access_token: minted } });
    await rawRequest(`${sb.httpsBaseUrl}/rest/v1/profiles/thirdPartyId/x?client=${uniqueClient()}`, undefined, { ca: tls.cert, headers: { authorization: `Bearer ${minted}` } });
    const after = (await admin(sb, 'GET', '/admin/stats')).json;
    expect(Number(after['imsTokensIssued']) - Number(before['imsTokensIssued'])).toBe(1);
    expect(Number(after['profileTokensMinted']) - Number(before['profileTokensMinted'])).toBe(1);
    expect(Number(after['plainHttpTokenRequests']) - Number(before['plainHttpTokenRequests'])).toBe(2);
    // GET /admin/tokens shows what was issued (for tests that look for these strings where they must not be).
    const issued = (await admin(sb, 'GET', '/admin/tokens')).json as { minted: { token: string }; ims: { token: string }[] };
    expect(issued.minted.token).toBe(minted);
    expect(issued.ims.map((t) => t.token)).toContain(ims);
  });
});
