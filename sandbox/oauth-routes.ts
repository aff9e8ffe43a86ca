import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxContext } from './context.js';
import { bearerToken, readBody, sendJson } from './http-io.js';

const IMS_TOKEN_PATH = '/ims/token/v3';
const ADMIN_TOKEN_PATH = /^\/([^/]+)\/target\/authentication\/token$/;

/** True when `path` is one of the sign-in routes (IMS token, Admin API profile token). */
export function isOAuthPath(path: string): boolean {
  return path === IMS_TOKEN_PATH || ADMIN_TOKEN_PATH.test(path);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function notConfigured(res: ServerResponse): void {
  sendJson(res, 404, { error: 'not_configured', error_description: 'Adobe sign-in is off in this sandbox: set oauth.clientId, oauth.clientSecret and oauth.tenantId.' });
}

/**
 * `POST /ims/token/v3` as Adobe IMS answers it (§12.1): form parameters `grant_type=client_credentials`,
 * `client_id`, `client_secret`, `scope` (in the body, or in the query). A wrong client or secret gets
 * HTTP 400 with IMS's `invalid_client` body; success gives `{access_token, token_type, expires_in}`.
 */
async function imsToken(req: IncomingMessage, res: ServerResponse, url: URL, ctx: SandboxContext): Promise<void> {
  const o = ctx.settingsFor(undefined).oauth;
  const read = await readBody(req, 64 * 1024);
  if (read.kind !== 'ok') return void sendJson(res, 400, { error: 'invalid_request', error_description: 'The request body is too large or was cut off.' });
  const form = new URLSearchParams(url.search);
  for (const [k, v] of new URLSearchParams(read.body.toString('utf8'))) form.set(k, v);
  if (form.get('grant_type') !== 'client_credentials') {
    return void sendJson(res, 400, { error: 'unsupported_grant_type', error_description: 'grant_type must be client_credentials' });
  }
  if (form.get('client_id') !== o.clientId) return void sendJson(res, 400, { error: 'invalid_client', error_description: 'invalid client_id parameter' });
  if (form.get('client_secret') !== o.clientSecret) return void sendJson(res, 400, { error: 'invalid_client', error_description: 'invalid client_secret parameter' });
  const token = randomBytes(32).toString('base64url');
  const now = Date.now();
  for (const [t, expiresAt] of ctx.imsTokens) if (expiresAt <= now) ctx.imsTokens.delete(t);
  ctx.imsTokens.set(token, now + o.imsTokenTtlSeconds * 1000);
  ctx.stats.imsTokensIssued++;
  sendJson(res, 200, { access_token: token, token_type: 'bearer', expires_in: o.imsTokenTtlSeconds });
}

/**
 * `POST /<tenant>/target/authentication/token?scope=profile_api` as the Target Admin API answers it
 * (§12.1): needs a live IMS token as Bearer and the client ID as `X-Api-Key`; mints a Profile API token
 * valid for every client code of this sandbox for `tokenTtlSeconds`, and the previous one stops working.
 */
async function profileToken(req: IncomingMessage, res: ServerResponse, url: URL, tenant: string, ctx: SandboxContext): Promise<void> {
  req.resume();
  const settings = ctx.settingsFor(undefined);
  const o = settings.oauth;
  const ims = bearerToken(req);
  const imsExpiry = ims === undefined ? undefined : ctx.imsTokens.get(ims);
  if (imsExpiry === undefined || imsExpiry <= Date.now()) return void sendJson(res, 401, { error_code: '401013', message: 'Oauth token is not valid' });
  if (req.headers['x-api-key'] !== o.clientId) return void sendJson(res, 403, { error_code: '403000', message: 'Api Key is invalid' });
  if (tenant !== o.tenantId) return void sendJson(res, 403, { error_code: '403003', message: `The credential has no access to tenant ${tenant}` });
  if (url.searchParams.get('scope') !== 'profile_api') return void sendJson(res, 400, { error_code: '400', message: 'scope must be profile_api' });
  const record = { token: randomUUID(), expiresAt: Date.now() + settings.tokenTtlSeconds * 1000 };
  await ctx.setMintedToken(record);
  ctx.stats.profileTokensMinted++;
  sendJson(res, 200, { accessToken: record.token, tokenType: 'bearer', scope: 'profile_api', expiresIn: settings.tokenTtlSeconds });
}

/** Serves the sign-in routes; resolves false when `url` is not one of them. Without `oauth` settings they answer 404. */
export async function handleOAuth(req: IncomingMessage, res: ServerResponse, url: URL, ctx: SandboxContext): Promise<boolean> {
  const path = url.pathname;
  if (!isOAuthPath(path)) return false;
  const o = ctx.settingsFor(undefined).oauth;
  if (o.clientId === null || o.clientSecret === null || o.tenantId === null) {
    req.resume();
    notConfigured(res);
    return true;
  }
  if (req.method !== 'POST') {
    req.resume();
    sendJson(res, 405, { error: 'method_not_allowed', error_description: 'Use POST.' });
    return true;
  }
  if (path === IMS_TOKEN_PATH) await imsToken(req, res, url, ctx);
  else await profileToken(req, res, url, decodeSegment((ADMIN_TOKEN_PATH.exec(path) as RegExpExecArray)[1] as string), ctx);
  return true;
}
