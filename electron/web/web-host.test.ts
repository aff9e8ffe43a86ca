import { request } from 'node:http';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSampleFile } from '../services/files/sample-file.js';
import { startBrowserMode } from './browser-mode.js';
import type { BrowserMode } from './browser-mode.js';

let app: BrowserMode;
let dir: string;
const token = 'test-token-0123456789';
const JSON_TYPE = { 'content-type': 'application/json' };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pl-web-'));
  await mkdir(join(dir, 'static'));
  await writeFile(join(dir, 'static', 'index.html'), '<!doctype html><title>Profile Loader</title>');
  // An upload left behind by an earlier run: start-up must delete it.
  await mkdir(join(dir, 'home', 'uploads', 'old-run'), { recursive: true });
  await writeFile(join(dir, 'home', 'uploads', 'old-run', 'left.csv'), 'id\n1\n');
  await writeFile(join(dir, 'home', 'settings.json'), JSON.stringify({ browserMode: { maxUploadBytes: 64 * 1024 } }));
  app = await startBrowserMode({ homeDir: join(dir, 'home'), staticDir: join(dir, 'static'), token, log: () => undefined });
});
afterAll(async () => {
  await app.close();
  await rm(dir, { recursive: true, force: true });
});

type RawReply = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** A raw request, so tests can set any Host and Origin header (fetch forbids forging Host). */
function raw(path: string, headers: Record<string, string>, method = 'GET', body?: string | Buffer, port = app.host.port): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
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
const auth = () => ({ host: host(), 'x-profile-loader-token': token });
const call = async <T>(name: string, args: unknown): Promise<{ ok: boolean; value: T; error: { code: string; message: string } }> =>
  JSON.parse((await raw(`/api/call/${name}`, { ...auth(), ...JSON_TYPE }, 'POST', JSON.stringify(args))).body) as { ok: boolean; value: T; error: { code: string; message: string } };
const upload = (name: string, body: string | Buffer, headers: Record<string, string> = { 'content-type': 'application/octet-stream' }) => raw(`/api/upload?name=${name}`, { ...auth(), ...headers }, 'POST', body);

function expectSecurityHeaders(reply: RawReply, what: string): void {
  expect(reply.headers['x-content-type-options'], what).toBe('nosniff');
  expect(reply.headers['cache-control'], what).toBe('no-store');
  expect(String(reply.headers['content-security-policy']), what).toContain("default-src 'self'");
  expect(String(reply.headers['content-security-policy']), what).toContain("form-action 'none'");
}

describe('browser-mode host access rules', () => {
  it('prints an address on 127.0.0.1 that carries the token', () => {
    expect(app.host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=test-token-0123456789$/);
  });

  it('refuses the page, the API and the event stream without the token', async () => {
    expect((await raw('/', { host: host() })).status).toBe(401);
    expect((await raw(app.host.appPath, { host: host() })).status).toBe(401);
    expect((await raw('/api/call/app.info', { host: host(), ...JSON_TYPE }, 'POST', '{}')).status).toBe(401);
    expect((await raw(`${app.host.appPath}api/events`, { host: host() })).status).toBe(401);
    const wrong = await raw('/?token=not-the-token', { host: host() });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toContain('npm start');
  });

  it('swaps the printed token for an HttpOnly cookie named for this port and scoped to this run\'s path', async () => {
    const first = await raw(`/?token=${token}`, { host: host() });
    expect(first.status).toBe(302);
    expect(first.headers.location).toBe(app.host.appPath);
    expect(app.host.appPath).toMatch(/^\/[A-Za-z0-9_-]{16}\/$/);
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toMatch(new RegExp(`^pl_token_${app.host.port}=${token};`));
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain(`Path=${app.host.appPath}`);
    const jar = cookie.split(';')[0] ?? '';
    const page = await raw(app.host.appPath, { host: host(), cookie: jar });
    expect(page.status).toBe(200);
    const api = await raw(`${app.host.appPath}api/call/app.info`, { host: host(), cookie: jar, ...JSON_TYPE }, 'POST', '{}');
    expect(JSON.parse(api.body)).toMatchObject({ ok: true });
    // The old shared name, or another port's cookie, opens nothing.
    expect((await raw(app.host.appPath, { host: host(), cookie: `pl_token=${token}` })).status).toBe(401);
    expect((await raw(app.host.appPath, { host: host(), cookie: `pl_token_${app.host.port + 1}=${token}` })).status).toBe(401);
  });

  it('two instances keep their own cookies', async () => {
    const other = await startBrowserMode({ homeDir: join(dir, 'home2'), staticDir: join(dir, 'static'), token: 'second-token-abcdefghij', log: () => undefined });
    try {
      const a = String((await raw(`/?token=${token}`, { host: host() })).headers['set-cookie']).split(';')[0] ?? '';
      const b = String((await raw(`/?token=second-token-abcdefghij`, { host: `127.0.0.1:${other.host.port}` }, 'GET', undefined, other.host.port)).headers['set-cookie']).split(';')[0] ?? '';
      expect(a.split('=')[0]).not.toBe(b.split('=')[0]);
      // A browser sends both cookies to both ports: each host uses its own and ignores the other's.
      const both = `${a}; ${b}`;
      expect((await raw(app.host.appPath, { host: host(), cookie: both })).status).toBe(200);
      expect((await raw(other.host.appPath, { host: `127.0.0.1:${other.host.port}`, cookie: both }, 'GET', undefined, other.host.port)).status).toBe(200);
      expect((await raw(other.host.appPath, { host: `127.0.0.1:${other.host.port}`, cookie: a }, 'GET', undefined, other.host.port)).status).toBe(401);
    } finally {
      await other.close();
    }
  });

  it('refuses a foreign Origin even with the token', async () => {
    const res = await raw('/api/call/app.info', { ...auth(), origin: 'http://evil.example', ...JSON_TYPE }, 'POST', '{}');
    expect(res.status).toBe(403);
  });

  it('refuses a foreign Host (DNS rebinding) even with the token', async () => {
    const res = await raw('/api/call/app.info', { host: `evil.example:${app.host.port}`, 'x-profile-loader-token': token, ...JSON_TYPE }, 'POST', '{}');
    expect(res.status).toBe(403);
  });

  it('answers contract calls from its own origin with the token', async () => {
    const res = await raw('/api/call/app.info', { ...auth(), origin: app.host.origin, ...JSON_TYPE }, 'POST', '{}');
    expect(res.status).toBe(200);
    const reply = JSON.parse(res.body) as { ok: boolean; value: { host: string; name: string } };
    expect(reply.ok).toBe(true);
    expect(reply.value.host).toBe('browser');
  });

  it('takes API calls only as application/json and uploads only as application/octet-stream (types a plain form cannot send)', async () => {
    for (const type of [undefined, 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await raw('/api/call/app.info', { ...auth(), ...(type ? { 'content-type': type } : {}) }, 'POST', '{}');
      expect(res.status, String(type)).toBe(415);
    }
    expect((await raw('/api/call/app.info', { ...auth(), 'content-type': 'application/json; charset=utf-8' }, 'POST', '{}')).status).toBe(200);
    expect((await upload('a.csv', 'id\n1\n', { 'content-type': 'text/csv' })).status).toBe(415);
  });

  it('checks arguments against the contract and names unknown calls', async () => {
    const bad = await call('files.rows', { fileId: 'x', first: 0, count: 10 });
    expect(bad.ok).toBe(false);
    expect(bad.error.code).toBe('bad-arguments');
    expect(bad.error.message).toContain('first');
    expect((await call('app.info', { evil: true })).error.code).toBe('bad-arguments');
    expect((await call('fs.readFile', {})).error.code).toBe('unknown-call');
    const notJson = await raw('/api/call/app.info', { ...auth(), ...JSON_TYPE }, 'POST', '{nope');
    expect(notJson.status).toBe(400);
  });

  it('answers a malformed %-escape with 400 and its code, never a 500', async () => {
    const cookie = String((await raw(`/?token=${token}`, { host: host() })).headers['set-cookie']).split(';')[0] ?? '';
    for (const path of ['/api/call/%E0%A4%A', `${app.host.appPath}%E0%A4%A`, `${app.host.appPath}api/call/app%ZZinfo`]) {
      const post = path.includes('api/call');
      const res = await raw(path, { ...auth(), cookie, ...JSON_TYPE }, post ? 'POST' : 'GET', post ? '{}' : undefined);
      expect(res.status, path).toBe(400);
      expect(JSON.parse(res.body), path).toMatchObject({ ok: false, error: { code: 'bad-request', params: { variant: 'escape' } } });
      expect(res.body, path).not.toMatch(/\bat \S+:\d+/);
    }
  });

  it('puts the security headers on every kind of response', async () => {
    const cookie = String((await raw(`/?token=${token}`, { host: host() })).headers['set-cookie']).split(';')[0] ?? '';
    expectSecurityHeaders(await raw(`/?token=${token}`, { host: host() }), 'redirect');
    expectSecurityHeaders(await raw('/', { host: host() }), '401');
    expectSecurityHeaders(await raw('/', { host: 'evil.example' }), '403');
    expectSecurityHeaders(await raw(app.host.appPath, { host: host(), cookie }), 'page');
    expectSecurityHeaders(await raw(`${app.host.appPath}missing.js`, { host: host(), cookie }), '404');
    expectSecurityHeaders(await raw('/api/call/app.info', { ...auth(), ...JSON_TYPE }, 'POST', '{}'), 'json');
    expectSecurityHeaders(await raw('/api/call/app.info', { ...auth() }, 'POST', '{}'), '415');
    expectSecurityHeaders(await raw('/api/call/%E0', { ...auth(), ...JSON_TYPE }, 'POST', '{}'), '400');
    const events = await new Promise<RawReply>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: app.host.port, path: `${app.host.appPath}api/events`, headers: { host: host(), cookie } }, (res) => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: '' });
        res.destroy();
      });
      req.on('error', reject);
      req.end();
    });
    expect(events.status).toBe(200);
    expectSecurityHeaders(events, 'events');
  });

  it('streams an uploaded file to a private file and opens it through the contract', async () => {
    const csv = 'id,name\r\nA1,김민준\r\nA2,Zoë\r\n';
    const reply = JSON.parse((await upload('../../evil%2Fname.csv', csv)).body) as { ok: boolean; value: { path: string } };
    expect(reply.ok).toBe(true);
    expect(reply.value.path.startsWith(join(dir, 'home', 'uploads'))).toBe(true);
    expect((await stat(reply.value.path)).mode & 0o777).toBe(0o600);
    const opened = await call<{ headers: string[]; fileId: string }>('files.open', { path: reply.value.path });
    expect(opened.ok).toBe(true);
    expect(opened.value.headers).toEqual(['id', 'name']);
    let page: { value: { rows: string[][]; complete: boolean } } | undefined;
    for (let i = 0; i < 100 && !page?.value.complete; i++) {
      page = await call<{ rows: string[][]; complete: boolean }>('files.rows', { fileId: opened.value.fileId, first: 1, count: 10 });
      if (!page?.value.complete) await new Promise((r) => setTimeout(r, 50));
    }
    expect(page?.value.rows).toEqual([
      ['A1', '김민준'],
      ['A2', 'Zoë'],
    ]);
    await call('files.close', { fileId: opened.value.fileId });
    await expect(stat(reply.value.path)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('deleted the uploads an earlier run left', async () => {
    await expect(stat(join(dir, 'home', 'uploads', 'old-run'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses an upload past the size cap (the browserMode.maxUploadBytes setting) and keeps nothing of it', async () => {
    const big = Buffer.alloc(64 * 1024 + 1, 0x41);
    const declared = await upload('big.csv', big);
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body)).toMatchObject({ ok: false, error: { code: 'upload-too-large', params: { maxBytes: 64 * 1024 } } });
    // Without a Content-Length the count stops it while it streams.
    const streamed = await new Promise<RawReply>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: app.host.port, path: '/api/upload?name=big.csv', method: 'POST', headers: { ...auth(), 'content-type': 'application/octet-stream', 'transfer-encoding': 'chunked' } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      });
      req.on('error', reject);
      for (let i = 0; i < 5; i++) req.write(Buffer.alloc(20 * 1024, 0x42));
      req.end();
    });
    expect(streamed.status).toBe(413);
    expect(await readdir(join(dir, 'home', 'uploads'))).toEqual([]);
  });

  it('opens only uploads, the sample and the state folder: other paths are refused', async () => {
    const outside = join(dir, 'outside.csv');
    await writeFile(outside, 'id\n1\n');
    for (const path of [outside, '/etc/passwd', join(dir, 'home', '..', 'outside.csv')]) {
      const refused = await call('files.open', { path });
      expect(refused.error?.code, path).toBe('path-not-allowed');
    }
    const started = await call('jobs.start', { preparedDir: dir, profileId: 'local-sandbox' });
    expect(started.error.code).toBe('path-not-allowed');
    const sample = await call<{ fileId: string }>('files.open', { path: await findSampleFile() });
    expect(sample.ok).toBe(true);
    await call('files.close', { fileId: sample.value.fileId });
  });

  it('writes every file of its state folder private: files 0600, folders 0700', async () => {
    await call('templates.save', { name: 'T', headers: ['id'], mapping: { idColumn: 'id', idKind: 'thirdPartyId', params: [] } }).catch(() => undefined);
    const wrong: string[] = [];
    const walk = async (d: string): Promise<void> => {
      for (const entry of await readdir(d, { withFileTypes: true })) {
        const p = join(d, entry.name);
        const mode = (await stat(p)).mode & 0o777;
        if (entry.isDirectory()) {
          if (mode !== 0o700) wrong.push(`${p} ${mode.toString(8)}`);
          await walk(p);
        } else if (mode !== 0o600 && entry.name !== 'settings.json') wrong.push(`${p} ${mode.toString(8)}`);
      }
    };
    expect(((await stat(join(dir, 'home'))).mode & 0o777).toString(8)).toBe('700');
    await walk(join(dir, 'home'));
    expect(wrong).toEqual([]);
  });
});
