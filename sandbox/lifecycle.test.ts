// Section 10, items 9–11: the submit answer, the incomplete → complete/stuck lifecycle, and counters.
import { describe, expect, it } from 'vitest';
import { BATCH_ID_SHAPE } from '../shared/target/batch-id.js';
import { acceptedBatch, admin, batchStatus, rawRequest, submitBatch, uniqueClient, waitForBatch } from './testing/http.js';
import { sandboxPerFile } from './testing/sandbox-per-file.js';

const sb = sandboxPerFile();

describe('9. the submit answer', () => {
  it('returns success, an absolute batchStatus URL on the sandbox itself without /v2/, and the documented message', async () => {
    const c = uniqueClient();
    const { http, parsed } = await submitBatch(sb().baseUrl, c, 2, 'batch=thirdPartyId,a\nk1,x\n');
    expect(http.status).toBe(200);
    expect(http.headers['content-type']).toBe('application/xml;charset=UTF-8');
    expect(http.body.match(/<(\w+)>/g)).toEqual(['<response>', '<success>', '<batchStatus>', '<message>']);
    if (parsed.kind !== 'accepted') throw new Error(http.body);
    expect(parsed.message).toBe('Batch submitted for processing');
    expect(parsed.batchStatusUrl.startsWith(`${sb().baseUrl}/m2/${c}/profile/batchStatus?batchId=`)).toBe(true);
    expect(parsed.batchId).toMatch(new RegExp(`^${c}-\\d{13}-\\d{8}$`));
    expect(BATCH_ID_SHAPE.test(parsed.batchId ?? '')).toBe(true);
    // The URL works as returned.
    expect((await rawRequest(parsed.batchStatusUrl, undefined)).status).toBe(200);
  });

  it('points the status URL at a configured edge base', async () => {
    const c = uniqueClient();
    await admin(sb(), 'PUT', `/admin/clients/${c}/settings`, { edgeBaseUrl: 'http://mboxedge31.tt.omtrdc.net' });
    const { parsed } = await submitBatch(sb().baseUrl, c, 1, 'batch=pcId,a\np1,x\n');
    expect(parsed.kind === 'accepted' && parsed.batchStatusUrl.startsWith(`http://mboxedge31.tt.omtrdc.net/m2/${c}/profile/batchStatus?batchId=${c}-`)).toBe(true);
  });
});

describe('10. lifecycle', () => {
  it('stays incomplete for the processing delay, then completes', async () => {
    const c = uniqueClient();
    await admin(sb(), 'PUT', `/admin/clients/${c}/settings`, { processingDelayMs: 3_600_000 });
    const url = await acceptedBatch(sb().baseUrl, c, 2, 'batch=thirdPartyId,a\nk1,x\nk2,y\n');
    const before = await batchStatus(url);
    expect(before).toMatchObject({ kind: 'status', status: 'incomplete', batchSize: 2, counters: { consumedCount: 0 } });
    const batchId = before.kind === 'status' ? before.batchId : '';
    expect((await admin(sb(), 'POST', `/admin/batches/${batchId}/finish`)).status).toBe(200);
    expect(await waitForBatch(url)).toMatchObject({ status: 'complete', counters: { consumedCount: 2, successfulUpdates: 2 } });
  });

  it('completes on its own after a short delay', async () => {
    const c = uniqueClient();
    await admin(sb(), 'PUT', `/admin/clients/${c}/settings`, { processingDelayMs: 50 });
    const url = await acceptedBatch(sb().baseUrl, c, 2, 'batch=thirdPartyId,a\nk1,x\n');
    expect((await waitForBatch(url)).status).toBe('complete');
  });

  it('ends stuck by injection (admin) and by probability (stuckRate), applying nothing', async () => {
    const c = uniqueClient();
    await admin(sb(), 'PUT', `/admin/clients/${c}/settings`, { processingDelayMs: 3_600_000 });
    const url = await acceptedBatch(sb().baseUrl, c, 2, 'batch=thirdPartyId,a\nk1,x\n');
    const s = await batchStatus(url);
    const id = s.kind === 'status' ? s.batchId : '';
    expect((await admin(sb(), 'POST', `/admin/batches/${id}/stuck`)).status).toBe(200);
    expect(await waitForBatch(url)).toMatchObject({ status: 'stuck', counters: { consumedCount: 0 } });

    const p = uniqueClient();
    await admin(sb(), 'PUT', `/admin/clients/${p}/settings`, { faults: { stuckRate: 1 } });
    expect((await waitForBatch(await acceptedBatch(sb().baseUrl, p, 2, 'batch=thirdPartyId,a\nk1,x\n'))).status).toBe('stuck');
  });

  it('advances consumedCount chunk by chunk while incomplete, keeping the counter sum', async () => {
    const c = uniqueClient();
    await admin(sb(), 'PUT', `/admin/clients/${c}/settings`, { chunkRows: 10, rateLimitCountsStatus: false });
    const rows = Array.from({ length: 3000 }, (_, i) => `k${i},v${i}`).join('\n');
    const url = await acceptedBatch(sb().baseUrl, c, 2, `batch=thirdPartyId,a\n${rows}\n`);
    const seen = new Set<number>();
    for (;;) {
      const s = await batchStatus(url);
      if (s.kind !== 'status' || !s.counters) throw new Error('no counters');
      const k = s.counters;
      expect(k.consumedCount).toBe(k.successfulUpdates + k.profilesNotFound + k.failedUpdates);
      expect(k.consumedCount % 10 === 0 || k.consumedCount === 3000).toBe(true);
      seen.add(k.consumedCount);
      if (s.status === 'complete') break;
    }
    expect(seen.has(3000)).toBe(true);
    expect(seen.size).toBeGreaterThan(1);
  });

  it('draws realistic delays of at least a minute in realistic mode', async () => {
    const c = uniqueClient();
    await admin(sb(), 'PUT', `/admin/clients/${c}/settings`, { processingDelayMode: 'realistic' });
    const url = await acceptedBatch(sb().baseUrl, c, 2, 'batch=thirdPartyId,a\nk1,x\n');
    const s = await batchStatus(url);
    const rec = (await admin(sb(), 'GET', `/admin/batches/${s.kind === 'status' ? s.batchId : ''}`)).json;
    const delay = (rec['dueAt'] as number) - (rec['acceptedAt'] as number);
    expect(delay).toBeGreaterThanOrEqual(60_000);
    expect(delay).toBeLessThanOrEqual(24 * 3_600_000);
    expect(s).toMatchObject({ status: 'incomplete' });
  });
});

describe('11. status details', () => {
  it('shows 3 elements by default and the 4 counters with showDetails=true', async () => {
    const c = uniqueClient();
    const url = await acceptedBatch(sb().baseUrl, c, 1, 'batch=pcId,a\np1,x\np2,y\n');
    await waitForBatch(url);
    const plain = await rawRequest(url, undefined);
    expect(plain.body.match(/<(\w+)>/g)).toEqual(['<response>', '<batchId>', '<status>', '<batchSize>']);
    const detailed = await rawRequest(`${url}&showDetails=true`, undefined);
    expect(detailed.body.match(/<(\w+)>/g)).toEqual([
      '<response>',
      '<batchId>',
      '<status>',
      '<batchSize>',
      '<consumedCount>',
      '<successfulUpdates>',
      '<profilesNotFound>',
      '<failedUpdates>',
    ]);
    expect(await batchStatus(url)).toMatchObject({ counters: { consumedCount: 2, successfulUpdates: 0, profilesNotFound: 2, failedUpdates: 0 } });
  });

  it('answers an unknown batchId with HTTP 200 and success=false (configurable)', async () => {
    const c = uniqueClient();
    const res = await rawRequest(`${sb().baseUrl}/m2/${c}/profile/batchStatus?batchId=${c}-1718012345678-00000001`, undefined);
    expect(res.status).toBe(200);
    expect(res.body).toContain('<success>false</success>');
    expect(res.body).toContain('<message>Batch not found</message>');
    await admin(sb(), 'PUT', `/admin/clients/${c}/settings`, { unknownBatchHttpStatus: 404 });
    expect((await rawRequest(`${sb().baseUrl}/m2/${c}/profile/batchStatus?batchId=nope`, undefined)).status).toBe(404);
  });

  it('shows zero counters while incomplete when progressiveCounters is off', async () => {
    const c = uniqueClient();
    await admin(sb(), 'PUT', `/admin/clients/${c}/settings`, { progressiveCounters: false, processingDelayMs: 3_600_000 });
    const url = await acceptedBatch(sb().baseUrl, c, 2, 'batch=thirdPartyId,a\nk1,x\n');
    expect(await batchStatus(url)).toMatchObject({ status: 'incomplete', counters: { consumedCount: 0, successfulUpdates: 0 } });
  });
});
