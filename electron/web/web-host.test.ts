import { request } from 'node:http';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserMode } from './browser-mode.js';
import type { BrowserMode } from './browser-mode.js';

let app: BrowserMode;
let dir: string;
const token = 'test-token-0123456789';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pl-web-'));
  await mkdir(join(dir, 'static'));
  await writeFile(join(dir, 'static', 'index.html'), '<!doctype html><title>Profile Loader</title>');
  app = await startBrowserMode({ homeDir: join(dir, 'home'), staticDir: join(dir, 'static'), token, log: () => undefined });
});
afterAll(async () => {
  await app.close();
  await rm(dir, { recursive: true, force: true });
});

/** A raw request, so tests can set any Host and Origin header (fetch forbids forging Host). */
function raw(path: string, headers: Record<string, string>, method = 'GET', body?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: app.host.port, path, method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const host = () => `127.0.0.1:${app.host.port}`;

describe('browser-mode host access rules', () => {
  it('prints an address on 127.0.0.1 that carries the token', () => {
    expect(app.host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=test-token-0123456789$/);
  });

  it('refuses the page, the API and the event stream without the token', async () => {
    expect((await raw('/', { host: host() })).status).toBe(401);
    expect((await raw('/api/call/app.info', { host: host(), 'content-type': 'application/json' }, 'POST', '{}')).status).toBe(401);
    expect((await raw('/api/events', { host: host() })).status).toBe(401);
    const wrong = await raw('/?token=not-the-token', { host: host() });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toContain('npm start');
  });

  it('swaps the printed token for an HttpOnly cookie that then opens the page', async () => {
    const first = await raw(`/?token=${token}`, { host: host() });
    expect(first.status).toBe(302);
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const page = await raw('/', { host: host(), cookie: cookie.split(';')[0] ?? '' });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('refuses a foreign Origin even with the token', async () => {
    const res = await raw('/api/call/app.info', { host: host(), origin: 'http://evil.example', 'x-profile-loader-token': token }, 'POST', '{}');
    expect(res.status).toBe(403);
  });

  it('refuses a foreign Host (DNS rebinding) even with the token', async () => {
    const res = await raw('/api/call/app.info', { host: `evil.example:${app.host.port}`, 'x-profile-loader-token': token }, 'POST', '{}');
    expect(res.status).toBe(403);
  });

  it('answers contract calls from its own origin with the token', async () => {
    const res = await raw('/api/call/app.info', { host: host(), origin: app.host.origin, 'x-profile-loader-token': token, 'content-type': 'application/json' }, 'POST', '{}');
    expect(res.status).toBe(200);
    const reply = JSON.parse(res.body) as { ok: boolean; value: { host: string; name: string } };
    expect(reply.ok).toBe(true);
    expect(reply.value.host).toBe('browser');
  });

  it('checks arguments against the contract and names unknown calls', async () => {
    const bad = JSON.parse((await raw('/api/call/files.rows', { host: host(), 'x-profile-loader-token': token }, 'POST', '{"fileId":"x","first":0,"count":10}')).body) as { ok: boolean; error: { code: string; message: string } };
    expect(bad.ok).toBe(false);
    expect(bad.error.code).toBe('bad-arguments');
    expect(bad.error.message).toContain('first');
    const extra = JSON.parse((await raw('/api/call/app.info', { host: host(), 'x-profile-loader-token': token }, 'POST', '{"evil":true}')).body) as { ok: boolean; error: { code: string } };
    expect(extra.error.code).toBe('bad-arguments');
    const unknown = JSON.parse((await raw('/api/call/fs.readFile', { host: host(), 'x-profile-loader-token': token }, 'POST', '{}')).body) as { ok: boolean; error: { code: string } };
    expect(unknown.error.code).toBe('unknown-call');
    const notJson = await raw('/api/call/app.info', { host: host(), 'x-profile-loader-token': token }, 'POST', '{nope');
    expect(notJson.status).toBe(400);
  });

  it('streams an uploaded file to disk and opens it through the contract', async () => {
    const csv = 'id,name\r\nA1,김민준\r\nA2,Zoë\r\n';
    const upload = JSON.parse((await raw('/api/upload?name=../../evil%2Fname.csv', { host: host(), 'x-profile-loader-token': token }, 'POST', csv)).body) as { ok: boolean; value: { path: string } };
    expect(upload.ok).toBe(true);
    expect(upload.value.path.startsWith(join(dir, 'home', 'uploads'))).toBe(true);
    const opened = JSON.parse((await raw('/api/call/files.open', { host: host(), 'x-profile-loader-token': token }, 'POST', JSON.stringify({ path: upload.value.path }))).body) as { ok: boolean; value: { headers: string[]; fileId: string } };
    expect(opened.ok).toBe(true);
    expect(opened.value.headers).toEqual(['id', 'name']);
    let page: { value: { rows: string[][]; complete: boolean } } | undefined;
    for (let i = 0; i < 100 && !page?.value.complete; i++) {
      page = JSON.parse((await raw('/api/call/files.rows', { host: host(), 'x-profile-loader-token': token }, 'POST', JSON.stringify({ fileId: opened.value.fileId, first: 1, count: 10 }))).body) as typeof page;
      if (!page?.value.complete) await new Promise((r) => setTimeout(r, 50));
    }
    expect(page?.value.rows).toEqual([
      ['A1', '김민준'],
      ['A2', 'Zoë'],
    ]);
  });
});
