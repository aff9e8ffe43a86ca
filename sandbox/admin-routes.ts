import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleProfileAdmin } from './admin-profile-routes.js';
import type { BatchProcessor } from './batch-processor.js';
import type { SandboxContext } from './context.js';
import { readJsonBody, sendBadRequest, sendJson } from './http-io.js';
import { hasAdminKey } from './request-guard.js';
import { applyPatches, checkSettingsPatch, faultProfilePatch, type DeepPartial, type SettingsPatch } from './settings-patch.js';
import type { FaultSettings } from './settings.js';

const startedAt = Date.now();

type Json = Record<string, unknown>;

/** Returns the settings patch of an admin/faults body (`{ "profile": "flaky", ...faults }`), or errors. */
function faultsPatch(body: unknown): { ok: true; faults: DeepPartial<FaultSettings> } | { ok: false; errors: readonly string[] } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, errors: ['expected a JSON object'] };
  const { profile, ...rest } = body as Json;
  let base: SettingsPatch = {};
  if (profile !== undefined) {
    if (typeof profile !== 'string') return { ok: false, errors: ['profile: expected a string'] };
    try {
      base = faultProfilePatch(profile);
    } catch (err) {
      return { ok: false, errors: [(err as Error).message] };
    }
  }
  const check = checkSettingsPatch({ faults: rest });
  if (!check.ok) return check;
  return { ok: true, faults: applyPatches<DeepPartial<FaultSettings>>(base.faults ?? {}, check.patch.faults ?? {}) };
}

/**
 * Emulator-only routes under /admin (and GET /health): tokens, settings, faults, batches, stats, and
 * (through admin-profile-routes) mbox calls, dropped rows, fetch counts and the profile clock. Every
 * /admin route needs the header `x-sandbox-admin-key`; `/health` is public and says only that the
 * sandbox runs. Returns false when the path is not an admin route.
 */
export async function handleAdmin(req: IncomingMessage, res: ServerResponse, url: URL, ctx: SandboxContext, processor: BatchProcessor): Promise<boolean> {
  const path = url.pathname;
  const method = req.method ?? 'GET';
  if (path === '/health') {
    req.resume();
    sendJson(res, 200, { status: 'ok', baseUrl: ctx.baseUrl, uptimeMs: Date.now() - startedAt });
    return true;
  }
  if (!path.startsWith('/admin/')) return false;
  if (!hasAdminKey(req, ctx.adminKey)) {
    req.resume();
    sendJson(res, 401, { error: 'Admin routes need the header x-sandbox-admin-key: the key the sandbox printed at start (also in the file admin-key of its data folder).' });
    return true;
  }
  if (path === '/admin/health') {
    req.resume();
    sendJson(res, 200, { status: 'ok', baseUrl: ctx.baseUrl, dataDir: ctx.dataDir, uptimeMs: Date.now() - startedAt });
    return true;
  }
  if (path === '/admin/stats' && method === 'GET') {
    req.resume();
    sendJson(res, 200, { ...ctx.stats });
    return true;
  }
  if (path === '/admin/tokens' && method === 'GET') {
    // What sign-in issued, so a test can look for these exact strings where they must never be.
    req.resume();
    const minted = await ctx.mintedToken();
    const iso = (ms: number) => new Date(ms).toISOString();
    sendJson(res, 200, {
      minted: minted ? { token: minted.token, expiresAt: iso(minted.expiresAt) } : null,
      ims: [...ctx.imsTokens].map(([token, expiresAt]) => ({ token, expiresAt: iso(expiresAt) })),
    });
    return true;
  }
  const seg = path.slice('/admin/'.length).split('/').map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });

  if (await handleProfileAdmin(req, res, url, seg, ctx)) return true;
  if (seg[0] === 'settings' && seg.length === 1) return settingsRoute(req, res, method, undefined, ctx);
  if (seg[0] === 'faults' && seg.length === 1) {
    if (method === 'GET') {
      req.resume();
      sendJson(res, 200, ctx.settingsFor(undefined).faults);
    } else if (method === 'DELETE') {
      req.resume();
      ctx.setRuntimeFaults(undefined, false);
      sendJson(res, 200, ctx.settingsFor(undefined).faults);
    } else if (method === 'PUT' || method === 'PATCH') {
      const body = await readJsonBody(req);
      if (!body.ok) return (sendBadRequest(res, 'The body must be JSON.'), true);
      const patch = faultsPatch(body.value);
      if (!patch.ok) return (sendBadRequest(res, 'Invalid faults.', patch.errors), true);
      ctx.setRuntimeFaults(patch.faults, method === 'PATCH');
      sendJson(res, 200, ctx.settingsFor(undefined).faults);
    } else return (sendJson(res, 405, { error: 'Use GET, PUT, PATCH or DELETE.' }), true);
    return true;
  }
  if (seg[0] === 'clients' && seg.length >= 3 && seg[1]) {
    const client = seg[1];
    const what = seg.slice(2).join('/');
    if (what === 'settings') return settingsRoute(req, res, method, client, ctx);
    if (what === 'token' && method === 'POST') {
      const body = await readJsonBody(req);
      if (!body.ok) return (sendBadRequest(res, 'The body must be JSON.'), true);
      const ttl = (body.value as Json)['expiresInSeconds'];
      if (ttl !== undefined && (typeof ttl !== 'number' || !Number.isFinite(ttl))) return (sendBadRequest(res, 'expiresInSeconds must be a number.'), true);
      const seconds = ttl ?? ctx.settingsFor(client).tokenTtlSeconds;
      const record = { token: randomBytes(24).toString('base64url'), expiresAt: Date.now() + seconds * 1000 };
      await ctx.setToken(client, record);
      sendJson(res, 200, { token: record.token, expiresAt: new Date(record.expiresAt).toISOString() });
      return true;
    }
    if (what === 'token' && method === 'DELETE') {
      req.resume();
      await ctx.setToken(client, undefined);
      sendJson(res, 200, { revoked: true });
      return true;
    }
    if (what === 'rate-limit/reset' && method === 'POST') {
      req.resume();
      ctx.limiter.reset(client);
      sendJson(res, 200, { reset: true });
      return true;
    }
  }
  if (seg[0] === 'batches' && seg[1] && seg.length <= 3) {
    req.resume();
    const rec = await ctx.store.getBatch(seg[1]);
    if (!rec) return (sendJson(res, 404, { error: `No batch ${seg[1]}` }), true);
    if (seg.length === 2 && method === 'GET') {
      const { header: _h, ...summary } = rec;
      sendJson(res, 200, summary);
      return true;
    }
    if (seg[2] === 'stuck' && method === 'POST') {
      if (rec.state !== 'incomplete') return (sendJson(res, 409, { error: `Batch is already ${rec.state}` }), true);
      await ctx.store.write([{ type: 'batch', value: { ...rec, willStick: true } }], true);
      processor.expedite(rec.id);
      sendJson(res, 200, { id: rec.id, willStick: true });
      return true;
    }
    if (seg[2] === 'finish' && method === 'POST') {
      processor.expedite(rec.id);
      sendJson(res, 200, { id: rec.id, expedited: true });
      return true;
    }
  }
  req.resume();
  sendJson(res, 404, { error: `No admin route ${method} ${path}` });
  return true;
}

async function settingsRoute(req: IncomingMessage, res: ServerResponse, method: string, client: string | undefined, ctx: SandboxContext): Promise<boolean> {
  if (method === 'GET') {
    req.resume();
    sendJson(res, 200, ctx.settingsFor(client));
    return true;
  }
  if (method === 'DELETE') {
    req.resume();
    await ctx.updateSettings(client, null);
    sendJson(res, 200, ctx.settingsFor(client));
    return true;
  }
  if (method !== 'PUT' && method !== 'PATCH') {
    req.resume();
    sendJson(res, 405, { error: 'Use GET, PUT or DELETE.' });
    return true;
  }
  const body = await readJsonBody(req);
  if (!body.ok) return (sendBadRequest(res, 'The body must be JSON.'), true);
  const check = checkSettingsPatch(body.value);
  if (!check.ok) return (sendBadRequest(res, 'Invalid settings.', check.errors), true);
  await ctx.updateSettings(client, check.patch);
  sendJson(res, 200, ctx.settingsFor(client));
  return true;
}
