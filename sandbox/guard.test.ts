// Hardening: every route checks Host and Origin; admin routes need the admin key; /health hides the data folder.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startSandbox } from './index.js';
import { sandboxPerFile } from './testing/sandbox-per-file.js';
import { admin, rawRequest, uniqueClient } from './testing/http.js';

const sb = sandboxPerFile();

describe('Host and Origin', () => {
  it('answers loopback names and refuses any other Host, on Target and admin routes alike (DNS rebinding)', async () => {
    const port = new URL(sb().baseUrl).port;
    const path = `/rest/v1/profiles/thirdPartyId/x?client=${uniqueClient()}`;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, 'localhost']) {
      expect((await rawRequest(`${sb().baseUrl}${path}`, undefined, { headers: { host } })).status).toBe(404);
    }
    for (const host of ['evil.example.com', `attacker.test:${port}`, '10.0.0.5', '127.0.0.1.nip.io']) {
      const res = await rawRequest(`${sb().baseUrl}${path}`, undefined, { headers: { host } });
      expect(res.status).toBe(403);
      expect(res.body).toContain('only requests addressed to this computer');
    }
    const adminRes = await rawRequest(`${sb().baseUrl}/admin/settings`, undefined, { headers: { host: 'evil.example.com', 'x-sandbox-admin-key': sb().adminKey } });
    expect(adminRes.status).toBe(403);
  });

  it('refuses a cross-site Origin and accepts its own', async () => {
    const own = new URL(sb().baseUrl);
    const body = 'batch=thirdPartyId,a\nk1,x\n';
    const url = `${sb().baseUrl}/m2/${uniqueClient()}/v2/profile/batchUpdate`;
    const cross = await rawRequest(url, body, { headers: { origin: 'https://evil.example.com' } });
    expect(cross.status).toBe(403);
    expect(cross.body).toContain('another site');
    expect((await rawRequest(url, body, { headers: { origin: 'null' } })).status).toBe(403);
    expect((await rawRequest(url, body, { headers: { origin: own.origin } })).body).toContain('<success>true</success>');
  });
});

describe('admin key', () => {
  it('is kept in <data-dir>/admin-key and required by every /admin route (the CLI prints it: durability.test)', async () => {
    expect((await readFile(join(sb().dataDir, 'admin-key'), 'utf8')).trim()).toBe(sb().adminKey);
    for (const [method, path] of [['GET', '/admin/settings'], ['POST', '/admin/clients/acme/token'], ['GET', '/admin/stats'], ['PUT', '/admin/faults'], ['GET', '/admin/health']] as const) {
      const none = await fetch(`${sb().baseUrl}${path}`, { method });
      expect(none.status).toBe(401);
      expect(((await none.json()) as { error: string }).error).toContain('x-sandbox-admin-key');
      const wrong = await fetch(`${sb().baseUrl}${path}`, { method, headers: { 'x-sandbox-admin-key': `${sb().adminKey.slice(0, -1)}x` } });
      expect(wrong.status).toBe(401);
    }
    expect((await admin(sb(), 'GET', '/admin/settings')).status).toBe(200);
  });

  it('is new at every start', async () => {
    const other = await startSandbox();
    try {
      expect(other.adminKey).not.toBe(sb().adminKey);
      expect(other.adminKey.length).toBeGreaterThanOrEqual(32);
    } finally {
      await other.close();
    }
  });

  it('leaves /health public without the data folder; /admin/health shows it with the key', async () => {
    const health = (await (await fetch(`${sb().baseUrl}/health`)).json()) as Record<string, unknown>;
    expect(health['status']).toBe('ok');
    expect(health).not.toHaveProperty('dataDir');
    expect(JSON.stringify(health)).not.toContain(sb().dataDir);
    expect((await admin(sb(), 'GET', '/admin/health')).json['dataDir']).toBe(sb().dataDir);
  });
});
