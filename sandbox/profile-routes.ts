import type { IncomingMessage, ServerResponse } from 'node:http';
import { formatProfileTimestamp, profileNotFoundMessage, type ProfileAttributeJson, type ProfileJson, type ProfileNotFoundJson } from '../shared/target/profile-json.js';
import { buildSingleUpdateAckXml } from '../shared/target/single-update-response.js';
import { buildFailureXml } from '../shared/target/submit-response.js';
import type { ProfileKeyKind, ProfileLookupKind } from '../shared/target/urls.js';
import type { SandboxContext } from './context.js';
import { readBody, send, sendJson } from './http-io.js';
import { idleCutoff, liveProfile } from './profile-lifetime.js';
import { attributeTime, profileFits, withAttributes, type ProfileRecord } from './profile-record.js';
import { keyProblem } from './row-apply.js';
import { knownClientList } from './settings.js';

const DAY_MS = 24 * 3600 * 1000;

/** E4/E5: acknowledges a single update and applies it (only to an existing, unexpired profile; never creates one). */
export async function handleSingleUpdate(req: IncomingMessage, res: ServerResponse, url: URL, client: string, ctx: SandboxContext): Promise<void> {
  const settings = ctx.settingsFor(client);
  const xml = (status: number, body: string) => send(res, status, body, settings.xmlContentType);
  const urlBytes = Buffer.byteLength(req.url ?? '');
  const params = new URLSearchParams(url.search);
  if (req.method === 'POST') {
    const read = await readBody(req, Math.max(0, settings.singleUpdateMaxPostBytes - urlBytes) + 1);
    if (read.kind === 'aborted') return;
    if (read.kind === 'tooLarge') {
      xml(settings.singleUpdateOversizeStatus, buildFailureXml(`Request too large: the limit is ${settings.singleUpdateMaxPostBytes} bytes for POST`));
      return;
    }
    const type = req.headers['content-type'] ?? '';
    if (read.body.length > 0 && (type === '' || type.startsWith('application/x-www-form-urlencoded'))) {
      for (const [k, v] of new URLSearchParams(read.body.toString('utf8'))) params.append(k, v);
    }
  } else if (req.method === 'GET') {
    req.resume();
    if (urlBytes > settings.singleUpdateMaxGetBytes) {
      xml(settings.singleUpdateOversizeStatus, buildFailureXml(`Request too large: the limit is ${settings.singleUpdateMaxGetBytes} bytes for GET`));
      return;
    }
  } else {
    req.resume();
    xml(settings.nonPostStatus, buildFailureXml('Method not allowed'));
    return;
  }
  const pcId = params.get('mboxPC');
  const tpId = params.get('mbox3rdPartyId');
  const keyKind: ProfileKeyKind | undefined = tpId !== null && tpId !== '' ? 'thirdPartyId' : pcId !== null && pcId !== '' ? 'pcId' : undefined;
  if (keyKind === undefined) {
    xml(200, buildFailureXml('mboxPC or mbox3rdPartyId is required'));
    return;
  }
  const id = (keyKind === 'pcId' ? pcId : tpId) as string;
  const updates = new Map<string, string>();
  for (const [k, v] of params) if (k.startsWith('profile.') && k.length > 8 && v !== '') updates.set(k.slice(8), v);
  const now = Date.now();
  if (settings.singleUpdateDailyCap !== null) {
    if (ctx.singleUpdates.total(client, DAY_MS, now) >= settings.singleUpdateDailyCap) {
      xml(200, buildFailureXml(`Daily single update limit reached: ${settings.singleUpdateDailyCap} per 24 hours`));
      return;
    }
    ctx.singleUpdates.add(client, 1, now);
  }
  const apply = async () => {
    if (keyProblem(keyKind, id, settings) !== undefined || updates.size === 0) return;
    const at = ctx.now(client);
    const current = liveProfile(await ctx.store.getProfile(client, keyKind, id), idleCutoff(ctx.settingsFor(client), at));
    if (!current) return;
    const next = withAttributes(current, updates, at, { replace: false, v2Batch: undefined });
    if (!profileFits(next.a, settings.maxProfileBytes)) return;
    await ctx.store.write([{ type: 'profile', client, keyKind, id, value: current.v === undefined ? next : { ...next, v: current.v } }]);
  };
  if (settings.singleUpdateDelayMs > 0) {
    setTimeout(() => {
      apply().catch((err: unknown) => ctx.log(`single update failed: ${String(err)}`));
    }, settings.singleUpdateDelayMs).unref();
  } else {
    await apply();
  }
  xml(200, buildSingleUpdateAckXml());
}

/** Returns the profile an ECID is tied to, if that profile still carries it. */
async function profileByEcid(ctx: SandboxContext, client: string, ecid: string): Promise<ProfileRecord | undefined> {
  const owner = await ctx.store.ecidOwner(client, ecid);
  const rec = owner === undefined ? undefined : await ctx.store.getProfile(client, owner.keyKind, owner.id);
  return rec?.e === ecid ? rec : undefined;
}

/**
 * E6/E7 and the fetch by ECID (§12.4): the profile as JSON (`visitorId` is the id asked for), or the 404
 * body naming the client. Attributes younger than the visibility lag are hidden; a profile idle past
 * `profileIdleExpiryDays` is gone. A client outside `knownClients` gets the unknown-client answer
 * instead ([U]: HTTP 400, `Unknown client code <client>`). Every call is counted in `ctx.fetches`.
 */
export async function handleFetch(res: ServerResponse, client: string, kind: ProfileLookupKind, id: string, ctx: SandboxContext): Promise<void> {
  ctx.fetches.add(client, kind, id);
  const settings = ctx.settingsFor(client);
  const known = knownClientList(settings);
  if (known !== undefined && !known.includes(client)) {
    sendJson(res, 400, { status: 400, message: `Unknown client code ${client}` });
    return;
  }
  const now = ctx.now(client);
  const stored = kind === 'ecid' ? await profileByEcid(ctx, client, id) : await ctx.store.getProfile(client, kind, id);
  const rec = liveProfile(stored, idleCutoff(settings, now));
  const visibleBefore = now - settings.faults.visibilityLagMs;
  const attrs: Record<string, ProfileAttributeJson> = {};
  let modified = 0;
  if (rec) {
    for (const [name, value] of Object.entries(rec.a)) {
      const at = attributeTime(rec, name);
      if (settings.faults.visibilityLagMs > 0 && at > visibleBefore) continue;
      attrs[name] = { value, modifiedAt: formatProfileTimestamp(at) };
      modified = Math.max(modified, at);
    }
  }
  const hidden = rec !== undefined && settings.faults.visibilityLagMs > 0 && rec.c > visibleBefore;
  if (!rec || hidden) {
    const notFound: ProfileNotFoundJson = { status: 404, message: profileNotFoundMessage(client, kind, id) };
    sendJson(res, settings.fetchNotFoundHttpStatus, notFound);
    return;
  }
  const body: ProfileJson = { client, visitorId: id, modifiedAt: formatProfileTimestamp(modified || rec.m), profileAttributes: attrs };
  sendJson(res, 200, body);
}
