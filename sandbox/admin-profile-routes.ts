import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ProfileKeyKind } from '../shared/target/urls.js';
import type { SandboxContext } from './context.js';
import { readJsonBody, sendBadRequest, sendJson } from './http-io.js';
import { idleCutoff, liveProfile } from './profile-lifetime.js';
import { afterMboxCall } from './profile-record.js';
import type { StoreOp } from './store.js';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function methodNotAllowed(req: IncomingMessage, res: ServerResponse, allowed: string): true {
  req.resume();
  sendJson(res, 405, { error: `Use ${allowed}.` });
  return true;
}

/**
 * Admin routes about profiles and their time: `/admin/clock` and `/admin/clients/C/clock` (the profile
 * clock), and per client `mbox-call`, `dropped-rows` and `fetches`. `seg` is the decoded path after
 * `/admin/`. Returns false when the path is none of these (the admin key is already checked).
 */
export async function handleProfileAdmin(req: IncomingMessage, res: ServerResponse, url: URL, seg: readonly string[], ctx: SandboxContext): Promise<boolean> {
  const method = req.method ?? 'GET';
  if (seg.length === 1 && seg[0] === 'clock') return clockRoute(req, res, method, undefined, ctx);
  if (seg.length !== 3 || seg[0] !== 'clients' || !seg[1]) return false;
  const client = seg[1];
  switch (seg[2]) {
    case 'clock':
      return clockRoute(req, res, method, client, ctx);
    case 'mbox-call':
      return method === 'POST' ? mboxCall(req, res, client, ctx) : methodNotAllowed(req, res, 'POST');
    case 'dropped-rows': {
      if (method !== 'GET' && method !== 'DELETE') return methodNotAllowed(req, res, 'GET or DELETE');
      req.resume();
      const batchId = url.searchParams.get('batchId') || undefined;
      if (method === 'DELETE') await ctx.store.clearDroppedRows(client, batchId);
      sendJson(res, 200, { rows: await ctx.store.droppedRows(client, batchId) });
      return true;
    }
    case 'fetches':
      if (method !== 'GET' && method !== 'DELETE') return methodNotAllowed(req, res, 'GET or DELETE');
      req.resume();
      if (method === 'DELETE') ctx.fetches.reset(client);
      sendJson(res, 200, ctx.fetches.counts(client));
      return true;
    default:
      return false;
  }
}

/** GET: `{now, offsetMs}` of the profile clock; POST `{"advanceMs": N}`: moves it N ms ahead (stored as `clockOffsetMs`, global or the client's). */
async function clockRoute(req: IncomingMessage, res: ServerResponse, method: string, client: string | undefined, ctx: SandboxContext): Promise<boolean> {
  if (method === 'POST') {
    const body = await readJsonBody(req);
    const advance = body.ok && isObject(body.value) ? body.value['advanceMs'] : undefined;
    if (typeof advance !== 'number' || !Number.isFinite(advance) || advance < 0) {
      sendBadRequest(res, 'Send {"advanceMs": N} with N a number of milliseconds, 0 or more.');
      return true;
    }
    await ctx.updateSettings(client, { clockOffsetMs: ctx.settingsFor(client).clockOffsetMs + advance });
  } else if (method === 'GET') {
    req.resume();
  } else {
    return methodNotAllowed(req, res, 'GET or POST');
  }
  sendJson(res, 200, { now: new Date(ctx.now(client)).toISOString(), offsetMs: ctx.settingsFor(client).clockOffsetMs });
  return true;
}

/**
 * Simulates an mbox call for a profile: it counts as activity (idle expiry), ends "written by a v2 batch
 * with no mbox call since" (`v2Consecutive: 'replace'`), and with `ecid` ties that ECID to the profile
 * (replacing its earlier one; an ECID tied to another profile moves here). A missing or expired profile
 * is left alone: `{found: false}`.
 */
async function mboxCall(req: IncomingMessage, res: ServerResponse, client: string, ctx: SandboxContext): Promise<boolean> {
  const body = await readJsonBody(req);
  const v = body.ok && isObject(body.value) ? body.value : {};
  const kind: ProfileKeyKind | undefined = typeof v['thirdPartyId'] === 'string' ? 'thirdPartyId' : typeof v['pcId'] === 'string' ? 'pcId' : undefined;
  if (!kind) return (sendBadRequest(res, 'Send {"thirdPartyId": "..."} or {"pcId": "..."}, optionally with "ecid".'), true);
  const ecid = v['ecid'];
  if (ecid !== undefined && (typeof ecid !== 'string' || ecid === '')) return (sendBadRequest(res, 'ecid must be a non-empty string.'), true);
  const id = v[kind] as string;
  const now = ctx.now(client);
  const rec = liveProfile(await ctx.store.getProfile(client, kind, id), idleCutoff(ctx.settingsFor(client), now));
  if (!rec) return (sendJson(res, 200, { found: false }), true);
  const ops: StoreOp[] = [{ type: 'profile', client, keyKind: kind, id, value: afterMboxCall(rec, now, ecid) }];
  if (ecid !== undefined && ecid !== rec.e) {
    if (rec.e !== undefined) ops.push({ type: 'ecid', client, ecid: rec.e, owner: undefined });
    const previous = await ctx.store.ecidOwner(client, ecid);
    if (previous !== undefined && (previous.keyKind !== kind || previous.id !== id)) {
      const other = await ctx.store.getProfile(client, previous.keyKind, previous.id);
      if (other?.e === ecid) {
        const { e: _e, ...untied } = other;
        ops.push({ type: 'profile', client, keyKind: previous.keyKind, id: previous.id, value: untied });
      }
    }
    ops.push({ type: 'ecid', client, ecid, owner: { keyKind: kind, id } });
  }
  await ctx.store.write(ops);
  sendJson(res, 200, { found: true });
  return true;
}
