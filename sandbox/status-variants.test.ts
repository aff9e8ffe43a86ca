// The status protocol variants of §12.3 and the settings that play them: status URL scheme, the older
// (legacy) status form, status retention, and which client codes the edge knows.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSubmitResponse } from '../shared/target/submit-response.js';
import { batchUpdateUrl } from '../shared/target/urls.js';
import { startSandbox, type RunningSandbox } from './index.js';
import { makeSelfSignedCert, type SelfSignedCert } from './testing/self-signed.js';
import { acceptedBatch, admin, batchStatus, fetchProfile, rawRequest, uniqueClient, waitForBatch } from './testing/http.js';

let sb: RunningSandbox;
let tls: SelfSignedCert;
beforeAll(async () => {
  tls = await makeSelfSignedCert();
  sb = await startSandbox({ tls: { key: tls.key, cert: tls.cert } });
});
afterAll(async () => {
  await sb.close();
});

async function submitHttps(client: string, body: string): Promise<string> {
  const res = await rawRequest(batchUpdateUrl(sb.httpsBaseUrl as string, client, 2), body, { ca: tls.cert });
  const parsed = parseSubmitResponse(res.body);
  if (parsed.kind !== 'accepted') throw new Error(res.body);
  return parsed.batchStatusUrl;
}

describe('statusUrlScheme', () => {
  it('answers in the scheme of the submit by default, and always http:// with statusUrlScheme=http', async () => {
    const c = uniqueClient();
    expect(await submitHttps(c, 'batch=thirdPartyId,a\nk1,x\n')).toMatch(new RegExp(`^${sb.httpsBaseUrl}/m2/${c}/profile/batchStatus\\?batchId=`));
    await admin(sb, 'PUT', `/admin/clients/${c}/settings`, { statusUrlScheme: 'http' });
    const url = await submitHttps(c, 'batch=thirdPartyId,a\nk1,x\n');
    expect(url.startsWith(`${sb.baseUrl}/m2/${c}/profile/batchStatus?batchId=`)).toBe(true);
    // The same status, asked over https on the same host and port, answers too.
    const over = await rawRequest(url.replace('http:', 'https:'), undefined, { ca: tls.cert });
    expect(over.body).toContain('<batchId>');
    await admin(sb, 'PUT', `/admin/clients/${c}/settings`, { statusUrlScheme: 'https', edgeBaseUrl: 'http://localhost:1' });
    expect((await acceptedBatch(sb.baseUrl, c, 2, 'batch=thirdPartyId,a\nk1,x\n')).startsWith('https://localhost:1/')).toBe(true);
  });
});

describe('statusVariant=legacy', () => {
  it('hands out /v2/ status URLs with m2Node=00, lists rows pending while incomplete, failures as error, no consumedCount', async () => {
    const c = uniqueClient();
    await admin(sb, 'PUT', `/admin/clients/${c}/settings`, { statusVariant: 'legacy', processingDelayMs: 3_600_000, rateLimitCountsStatus: false });
    const url = await acceptedBatch(sb.baseUrl, c, 2, 'batch=thirdPartyId,a\nk1,x\nbad%2Fid,y\nk3,z\n');
    expect(url).toMatch(new RegExp(`^${sb.baseUrl}/m2/${c}/v2/profile/batchStatus\\?batchId=[^&]+&m2Node=00$`));
    const raw = await rawRequest(`${url}&showDetails=true`, undefined);
    expect(raw.body).not.toContain('consumedCount');
    expect(raw.body).toContain('<successfulUpdates>0</successfulUpdates>');
    const waiting = await batchStatus(url);
    expect(waiting).toMatchObject({ kind: 'status', status: 'incomplete', counters: { consumedCount: 0 } });
    expect(waiting.kind === 'status' && waiting.profiles).toEqual([
      { id: 'k1', status: 'pending' },
      { id: 'bad/id', status: 'pending' },
      { id: 'k3', status: 'pending' },
    ]);
    const batchId = new URL(url).searchParams.get('batchId') as string;
    await admin(sb, 'POST', `/admin/batches/${batchId}/finish`);
    const done = await waitForBatch(url);
    expect(done.counters).toEqual({ consumedCount: 3, successfulUpdates: 2, profilesNotFound: 0, failedUpdates: 1 });
    expect(done.profiles).toEqual([{ id: 'bad/id', status: 'error' }]);
  });
});

describe('statusRetention', () => {
  it('keeps only the last N statuses per client: an older batch answers Batch not found, other clients are unaffected', async () => {
    const [c, other] = [uniqueClient(), uniqueClient()];
    await admin(sb, 'PUT', `/admin/clients/${c}/settings`, { statusRetention: { maxBatches: 2 }, rateLimitCountsStatus: false });
    const first = await acceptedBatch(sb.baseUrl, c, 2, 'batch=thirdPartyId,a\nk1,x\n');
    const elsewhere = await acceptedBatch(sb.baseUrl, other, 2, 'batch=thirdPartyId,a\nk1,x\n');
    expect((await waitForBatch(first)).status).toBe('complete');
    await acceptedBatch(sb.baseUrl, c, 2, 'batch=thirdPartyId,a\nk2,x\n');
    expect((await batchStatus(first)).kind).toBe('status');
    await acceptedBatch(sb.baseUrl, c, 2, 'batch=thirdPartyId,a\nk3,x\n');
    expect(await batchStatus(first)).toEqual({ kind: 'rejected', message: 'Batch not found' });
    expect((await batchStatus(elsewhere)).kind).toBe('status');
    // The rows were applied all the same: only the status is gone.
    expect((await fetchProfile(sb.baseUrl, c, 'thirdPartyId', 'k1')).status).toBe(200);
  });

  it('survives a restart, and also ages statuses out by time', async () => {
    const c = uniqueClient();
    const dataDir = await mkdtemp(join(tmpdir(), 'sandbox-retention-'));
    const settings = { statusRetention: { maxBatches: 1 } };
    let one = await startSandbox({ dataDir, settings });
    try {
      const a = await acceptedBatch(one.baseUrl, c, 2, 'batch=thirdPartyId,a\nk1,x\n');
      const b = await acceptedBatch(one.baseUrl, c, 2, 'batch=thirdPartyId,a\nk2,x\n');
      expect((await batchStatus(a)).kind).toBe('rejected');
      await one.close();
      one = await startSandbox({ dataDir, settings });
      const moved = (u: string) => `${one.baseUrl}${new URL(u).pathname}${new URL(u).search}`;
      expect((await batchStatus(moved(a))).kind).toBe('rejected');
      expect((await batchStatus(moved(b))).kind).toBe('status');
      await admin(one, 'PUT', '/admin/settings', { statusRetention: { maxBatches: null, maxAgeMs: 0 } });
      await new Promise((r) => setTimeout(r, 5));
      expect((await batchStatus(moved(b))).kind).toBe('rejected');
    } finally {
      await one.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('knownClients', () => {
  it('answers fetch for a known client with the 404 naming it, and others with the unknown-client answer', async () => {
    const other = await startSandbox({ settings: { knownClients: 'acme,demo' } });
    try {
      const known = await fetchProfile(other.baseUrl, 'acme', 'thirdPartyId', 'nobody');
      expect(known).toEqual({ status: 404, json: { status: 404, message: 'No profile found for client acme with third party id=nobody' } });
      const unknown = await fetchProfile(other.baseUrl, 'acmee', 'thirdPartyId', 'nobody');
      expect(unknown).toEqual({ status: 400, json: { status: 400, message: 'Unknown client code acmee' } });
      await admin(other, 'PUT', '/admin/settings', { knownClients: ['acmee'] });
      expect((await fetchProfile(other.baseUrl, 'acmee', 'thirdPartyId', 'nobody')).status).toBe(404);
      expect((await admin(other, 'PUT', '/admin/settings', { knownClients: [1] })).status).toBe(400);
    } finally {
      await other.close();
    }
  });
});
