// Section 10, items 1–4: routing and parsing, over real HTTP with bodies sent as curl --data-binary sends them.
import { readFile } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startSandbox } from './index.js';
import { acceptedBatch, admin, adminHeaders, attributeValues, fetchProfile, rawRequest, submitBatch, uniqueClient, waitForBatch } from './testing/http.js';
import { sandboxPerFile } from './testing/sandbox-per-file.js';

const sb = sandboxPerFile();

describe('1. routing', () => {
  it('serves E1–E7 for any client code in the path, and takes the fetch client from ?client=', async () => {
    for (const client of ['acme', 'demo4', 'Client_With-Caps.1']) {
      const v1 = await acceptedBatch(sb().baseUrl, client, 2, 'batch=thirdPartyId,a\nk1,x\n');
      expect((await waitForBatch(v1)).status).toBe('complete');
      expect((await fetchProfile(sb().baseUrl, client, 'thirdPartyId', 'k1')).status).toBe(200);
    }
    // Profile spaces are separate per client.
    expect((await fetchProfile(sb().baseUrl, 'someone-else', 'thirdPartyId', 'k1')).status).toBe(404);
    const health = await admin(sb(), 'GET', '/health');
    expect(health.json['status']).toBe('ok');
  });

  it('serves http and https on the same port when started with TLS material', async () => {
    const dir = join(import.meta.dirname, 'testing', 'tls');
    const cert = await readFile(join(dir, 'test-cert.pem'));
    const tlsSb = await startSandbox({ tls: { key: await readFile(join(dir, 'test-key.pem')), cert } });
    try {
      expect(tlsSb.httpsBaseUrl).toBe(tlsSb.baseUrl.replace('http:', 'https:'));
      const body = Buffer.from('batch=thirdPartyId,a\nk1,x\n');
      const answer = await new Promise<{ status: number; text: string; secure: boolean }>((resolve, reject) => {
        const req = httpsRequest(
          `${tlsSb.httpsBaseUrl}/m2/acme/v2/profile/batchUpdate`,
          { method: 'POST', ca: cert, headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(body.length) } },
          (res) => {
            const secure = (res.socket as unknown as { encrypted?: boolean }).encrypted === true;
            let text = '';
            res.on('data', (d: Buffer) => (text += d.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, text, secure }));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
      expect(answer.status).toBe(200);
      expect(answer.secure).toBe(true);
      expect(answer.text).toContain('<success>true</success>');
      // The status URL comes back in the scheme the submit used.
      const statusUrl = /<batchStatus>(.*)<\/batchStatus>/.exec(answer.text)?.[1] ?? '';
      expect(statusUrl.startsWith(`${tlsSb.httpsBaseUrl}/m2/acme/profile/batchStatus?batchId=`)).toBe(true);
      expect((await waitForBatch(statusUrl.replace('https:', 'http:'))).status).toBe('complete');
      // Plain http on the same port still works.
      expect(attributeValues((await fetchProfile(tlsSb.baseUrl, 'acme', 'thirdPartyId', 'k1')).json)).toEqual({ a: 'x' });
    } finally {
      await tlsSb.close();
    }
  });

  it('accepts only POST on E1/E2 and answers other methods with the configured error', async () => {
    const c = uniqueClient();
    const get = await rawRequest(`${sb().baseUrl}/m2/${c}/profile/batchUpdate`, undefined);
    expect(get.status).toBe(405);
    expect(get.body).toContain('<success>false</success>');
    const put = await rawRequest(`${sb().baseUrl}/m2/${c}/v2/profile/batchUpdate`, 'batch=pcId,a\n1,2\n', { method: 'PUT' });
    expect(put.status).toBe(405);
    await admin(sb(), 'PUT', `/admin/clients/${c}/settings`, { nonPostStatus: 400 });
    expect((await rawRequest(`${sb().baseUrl}/m2/${c}/profile/batchUpdate`, undefined)).status).toBe(400);
  });

  it('answers unknown paths with 404 and fetch without ?client= with 400', async () => {
    expect((await rawRequest(`${sb().baseUrl}/m2/acme/v3/profile/batchUpdate`, 'batch=pcId\n1\n')).status).toBe(404);
    expect((await rawRequest(`${sb().baseUrl}/rest/v1/profiles/abc`, undefined)).status).toBe(400);
  });
});

describe('2. form decoding of the batch field', () => {
  it('a raw % gives HTTP 200, success=false, Unexpected error, and no batch', async () => {
    const c = uniqueClient();
    const { http, parsed } = await submitBatch(sb().baseUrl, c, 2, 'batch=thirdPartyId,discount\nk1,50%\n');
    expect(http.status).toBe(200);
    expect(parsed).toEqual({ kind: 'rejected', message: 'Unexpected error' });
    expect(http.body).not.toContain('batchStatus');
    expect((await fetchProfile(sb().baseUrl, c, 'thirdPartyId', 'k1')).status).toBe(404);
  });

  it('a raw & truncates the field: later rows vanish', async () => {
    const c = uniqueClient();
    const url = await acceptedBatch(sb().baseUrl, c, 2, 'batch=thirdPartyId,brand\nk1,A\nk2,M&S\nk3,Z\n');
    const s = await waitForBatch(url);
    expect(s.batchSize).toBe(2);
    expect(attributeValues((await fetchProfile(sb().baseUrl, c, 'thirdPartyId', 'k2')).json)).toEqual({ brand: 'M' });
    expect((await fetchProfile(sb().baseUrl, c, 'thirdPartyId', 'k3')).status).toBe(404);
  });

  it('an & right after the header leaves no rows: Batch is empty', async () => {
    const { parsed } = await submitBatch(sb().baseUrl, uniqueClient(), 2, 'batch=thirdPartyId,brand\n&k1,A\n');
    expect(parsed).toEqual({ kind: 'rejected', message: 'Batch is empty' });
  });

  it('a raw + becomes a space, %2B stays a plus', async () => {
    const c = uniqueClient();
    await waitForBatch(await acceptedBatch(sb().baseUrl, c, 2, 'batch=thirdPartyId,phone,plan\nk1,+49 30,A%2BB\n'));
    expect(attributeValues((await fetchProfile(sb().baseUrl, c, 'thirdPartyId', 'k1')).json)).toEqual({ phone: ' 49 30', plan: 'A+B' });
  });

  it('a missing or empty batch field, or a header with no rows, is Batch is empty', async () => {
    for (const body of ['', 'batch=', 'other=1', 'batch=thirdPartyId,a\n', 'batch=thirdPartyId,a\n\n\n']) {
      const { http, parsed } = await submitBatch(sb().baseUrl, uniqueClient(), 1, body);
      expect(http.status).toBe(200);
      expect(parsed).toEqual({ kind: 'rejected', message: 'Batch is empty' });
    }
  });
});

describe('3. key header', () => {
  it('accepts exactly pcId or thirdPartyId and refuses anything else with the configured message', async () => {
    const c = uniqueClient();
    for (const header of ['mbox3rdPartyId', 'ecid', 'thirdpartyid', 'PCID', 'profile.x,thirdPartyId']) {
      const { http, parsed } = await submitBatch(sb().baseUrl, c, 2, `batch=${header},a\nk1,x\n`);
      expect(http.status).toBe(200);
      expect(parsed).toEqual({ kind: 'rejected', message: 'Invalid batch header: the first column must be pcId or thirdPartyId' });
    }
    expect((await submitBatch(sb().baseUrl, c, 2, 'batch=pcId,a\np1,x\n')).parsed.kind).toBe('accepted');
  });

  it('has a case-insensitive mode and a configurable message', async () => {
    const c = uniqueClient();
    await admin(sb(), 'PUT', `/admin/clients/${c}/settings`, { keyHeaderCaseInsensitive: true, badHeaderMessage: 'Bad header' });
    const url = await acceptedBatch(sb().baseUrl, c, 2, 'batch=ThirdPartyID,a\nk1,x\n');
    await waitForBatch(url);
    expect(attributeValues((await fetchProfile(sb().baseUrl, c, 'thirdPartyId', 'k1')).json)).toEqual({ a: 'x' });
    expect((await submitBatch(sb().baseUrl, c, 2, 'batch=email,a\nk1,x\n')).parsed).toEqual({ kind: 'rejected', message: 'Bad header' });
  });
});

describe('4. rows and cells', () => {
  it('splits rows on LF and cells on commas, decodes once, and does no CSV quoting', async () => {
    const c = uniqueClient();
    const body = 'batch=thirdPartyId,a,b,c\nk1,%2525,"x,y"\nk2,%3D,M%C3%BCnchen,caf\u00e9\n';
    await waitForBatch(await acceptedBatch(sb().baseUrl, c, 2, body));
    expect(attributeValues((await fetchProfile(sb().baseUrl, c, 'thirdPartyId', 'k1')).json)).toEqual({ a: '%25', b: '"x', c: 'y"' });
    expect(attributeValues((await fetchProfile(sb().baseUrl, c, 'thirdPartyId', 'k2')).json)).toEqual({ a: '=', b: 'München', c: 'café' });
  });

  it('keeps a trailing CR by default and strips it when stripTrailingCr is on', async () => {
    const keep = uniqueClient();
    await waitForBatch(await acceptedBatch(sb().baseUrl, keep, 2, 'batch=thirdPartyId,a\r\nk1,x\r\n'));
    expect(attributeValues((await fetchProfile(sb().baseUrl, keep, 'thirdPartyId', 'k1')).json)).toEqual({ 'a\r': 'x\r' });
    const strip = uniqueClient();
    await admin(sb(), 'PUT', `/admin/clients/${strip}/settings`, { stripTrailingCr: true });
    await waitForBatch(await acceptedBatch(sb().baseUrl, strip, 2, 'batch=thirdPartyId,a\r\nk1,x\r\n'));
    expect(attributeValues((await fetchProfile(sb().baseUrl, strip, 'thirdPartyId', 'k1')).json)).toEqual({ a: 'x' });
  });
});

describe('admin routes', () => {
  it('refuse bad JSON and invalid settings with 400, unknown routes with 404, and show global settings', async () => {
    const bad = await fetch(`${sb().baseUrl}/admin/settings`, { method: 'PUT', body: '{not json', headers: adminHeaders(sb()) });
    expect(bad.status).toBe(400);
    const invalid = await admin(sb(), 'PUT', '/admin/clients/x/settings', { maxRows: -1 });
    expect(invalid).toEqual({ status: 400, json: { error: 'Invalid settings.', errors: ['maxRows: expected a non-negative number'] } });
    expect((await admin(sb(), 'GET', '/admin/nothing')).status).toBe(404);
    expect((await admin(sb(), 'GET', '/admin/batches/none')).status).toBe(404);
    const global = await admin(sb(), 'GET', '/admin/settings');
    expect(global.json['rateLimitPerMinute']).toBe(50);
    const put = await admin(sb(), 'PUT', '/admin/settings', { unknownBatchMessage: 'No such batch' });
    expect(put.json['unknownBatchMessage']).toBe('No such batch');
    expect((await rawRequest(`${sb().baseUrl}/m2/${uniqueClient()}/profile/batchStatus?batchId=x`, undefined)).body).toContain('No such batch');
    await admin(sb(), 'DELETE', '/admin/settings');
    expect((await admin(sb(), 'GET', '/admin/settings')).json['unknownBatchMessage']).toBe('Batch not found');
  });
});
