import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildFailureXml } from '../shared/target/submit-response.js';
import { matchTargetRoute, type TargetRoute } from '../shared/target/urls.js';
import { handleAdmin } from './admin-routes.js';
import type { BatchProcessor } from './batch-processor.js';
import { handleBatchStatus, handleBatchUpdate } from './bulk-routes.js';
import type { SandboxContext } from './context.js';
import { rollFaults } from './faults.js';
import { bearerToken, send, sendJson } from './http-io.js';
import { handleOAuth } from './oauth-routes.js';
import { handleFetch, handleSingleUpdate } from './profile-routes.js';
import { carriesToken, isHttps, refusalOf } from './request-guard.js';
import type { RouteFaults, SandboxSettings } from './settings.js';

type RouteGroup = 'batchUpdate' | 'batchStatus' | 'singleUpdate' | 'fetch';

function groupOf(route: TargetRoute): RouteGroup {
  switch (route.kind) {
    case 'batchUpdate':
      return 'batchUpdate';
    case 'batchStatus':
      return 'batchStatus';
    case 'singleUpdate':
      return 'singleUpdate';
    case 'fetchProfile':
      return 'fetch';
  }
}

/** Sends an error in the route's own dialect: JSON for fetch, XML `success=false` elsewhere. */
function sendRouteError(res: ServerResponse, group: RouteGroup, settings: SandboxSettings, status: number, message: string, headers: Record<string, string> = {}): void {
  if (group === 'fetch') sendJson(res, status, { status, message }, headers);
  else send(res, status, buildFailureXml(message), settings.xmlContentType, headers);
}

function countsTowardLimit(group: RouteGroup, s: SandboxSettings): boolean {
  if (group === 'batchUpdate') return true;
  if (group === 'batchStatus') return s.rateLimitCountsStatus;
  if (group === 'singleUpdate') return s.rateLimitCountsSingleUpdate;
  return s.rateLimitCountsFetch;
}

function needsAuth(group: RouteGroup, s: SandboxSettings): boolean {
  return s.requireAuth && (group !== 'batchStatus' || s.authOnStatus);
}

/** Returns the node:http request listener of a sandbox. It never throws; unexpected errors become 500s and a log line. */
export function createRequestListener(ctx: SandboxContext, processor: BatchProcessor): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    route(req, res, ctx, processor).catch((err: unknown) => {
      ctx.log(`request ${req.method} ${req.url} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      if (!res.headersSent) sendJson(res, 500, { error: 'Internal sandbox error' });
      else res.destroy();
    });
  };
}

/** Returns the client's current token or the sandbox-wide minted one when `token` is one of them (expired or not). */
async function matchingToken(ctx: SandboxContext, client: string, token: string): Promise<{ readonly expiresAt: number } | undefined> {
  const own = await ctx.token(client);
  if (own && own.token === token) return own;
  const minted = await ctx.mintedToken();
  return minted && minted.token === token ? minted : undefined;
}

async function route(req: IncomingMessage, res: ServerResponse, ctx: SandboxContext, processor: BatchProcessor): Promise<void> {
  const https = isHttps(req);
  if (https) ctx.stats.httpsRequests++;
  else {
    ctx.stats.plainHttpRequests++;
    if (carriesToken(req)) ctx.stats.plainHttpTokenRequests++;
  }
  const refused = refusalOf(req);
  if (refused !== undefined) {
    req.resume();
    sendJson(res, 403, { error: refused });
    return;
  }
  const url = new URL(req.url ?? '/', 'http://sandbox.local');
  if (await handleAdmin(req, res, url, ctx, processor)) return;
  if (await handleOAuth(req, res, url, ctx)) return;
  const target = matchTargetRoute(url.pathname);
  if (!target) {
    req.resume();
    sendJson(res, 404, { error: `Not a Target profile endpoint: ${url.pathname}` });
    return;
  }
  const group = groupOf(target);
  const client = target.kind === 'fetchProfile' ? (url.searchParams.get('client') ?? '') : target.client;
  const settings = ctx.settingsFor(client === '' ? undefined : client);

  const faults: RouteFaults = settings.faults[group];
  const decision = rollFaults(faults, ctx.random);
  if (decision.kind === 'reset') {
    req.socket.destroy();
    return;
  }
  if (decision.delayMs > 0) await sleep(decision.delayMs);
  if (decision.kind === 'error') {
    req.resume();
    sendRouteError(res, group, settings, decision.status, 'Injected fault');
    return;
  }
  if (decision.kind === 'throttle') {
    req.resume();
    sendRouteError(res, group, settings, decision.status, 'Injected throttle', { 'retry-after': String(decision.retryAfterSeconds) });
    return;
  }

  if (client === '') {
    req.resume();
    sendJson(res, 400, { status: 400, message: 'The client query parameter is required' });
    return;
  }
  if (countsTowardLimit(group, settings)) {
    const taken = ctx.limiter.take(client, settings.rateLimitPerMinute, settings.rateLimitWindowMs, Date.now());
    if (!taken.allowed) {
      req.resume();
      const headers: Record<string, string> = settings.rateLimitRetryAfter ? { 'retry-after': String(Math.ceil(taken.retryAfterMs / 1000)) } : {};
      sendRouteError(res, group, settings, settings.rateLimitStatus, 'Too many requests', headers);
      return;
    }
  }
  if (needsAuth(group, settings)) {
    const token = bearerToken(req);
    const match = token === undefined ? undefined : await matchingToken(ctx, client, token);
    if (match === undefined || match.expiresAt <= Date.now()) {
      req.resume();
      const why = token === undefined ? 'missing' : match ? 'expired' : 'invalid';
      sendRouteError(res, group, settings, settings.authFailureStatus, `Authentication failed: ${why} profile token`);
      return;
    }
  }
  switch (target.kind) {
    case 'batchUpdate':
      return handleBatchUpdate(req, res, target, ctx, processor, https);
    case 'batchStatus':
      req.resume();
      return handleBatchStatus(res, url, target, ctx);
    case 'singleUpdate':
      return handleSingleUpdate(req, res, url, client, ctx);
    case 'fetchProfile':
      req.resume();
      return handleFetch(res, client, target.keyKind, target.id, ctx);
  }
}
