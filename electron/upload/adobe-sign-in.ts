import { z } from 'zod';
import { reason, type Reason } from '../../shared/contract/errors.js';
import type { HttpOutcome } from '../../shared/jobs/http-decision.js';
import { secureRequestUrl } from '../../shared/target/secure-url.js';
import type { Transport } from './http-transport.js';
import type { TlsTrust } from './tls-trust.js';

/** An Adobe Developer Console OAuth Server-to-Server credential with the Target tenant it mints tokens for (§12.1). */
export interface AdobeCredential {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly orgId: string;
  readonly tenantId: string;
  /** Comma-separated, as listed on the Console project. */
  readonly scopes: string;
  /** `https://ims-na1.adobelogin.com` unless overridden. */
  readonly imsUrl: string;
  /** `https://mc.adobe.io` unless overridden. */
  readonly adminApiUrl: string;
}

/** A token and when it stops working (epoch ms). */
export interface IssuedToken {
  readonly token: string;
  readonly expiresAt: number;
}

/** The codes a sign-in failure carries: the service refused, could not be reached or answered oddly, the call would have been insecure, or no client secret is kept. */
export type SignInCode = 'sign-in-refused' | 'sign-in-unreachable' | 'sign-in-unreadable' | 'insecure-url' | 'client-secret-missing';

/** Why signing in failed: a registry code with its params (IMS's or the Admin API's own words in `said`) and the HTTP status when there was one. Never holds a credential. */
export type SignInFailure = Reason<SignInCode> & { readonly httpStatus?: number };

/** Adobe sign-in failed: carries the failure (IMS's or the Admin API's own words), never a credential. */
export class SignInError extends Error {
  constructor(readonly failure: SignInFailure) {
    super(failure.code);
    this.name = 'SignInError';
  }
}

/** Result of one sign-in step. */
export type SignInResult = { readonly ok: true; readonly value: IssuedToken } | { readonly ok: false; readonly failure: SignInFailure };

const imsAnswer = z.object({ access_token: z.string().min(1), expires_in: z.number().positive() });
const adminAnswer = z.object({ accessToken: z.string().min(1), expiresIn: z.number().positive() });
const errorAnswer = z.object({ error: z.string().optional(), error_description: z.string().optional(), error_code: z.string().optional(), message: z.string().optional() }).passthrough();

type Step = 'ims' | 'admin-api';

/** Returns the service's own error text from a JSON error body (`invalid_client: invalid client_secret parameter`), or undefined when it gave none. */
function saidBy(body: string): string | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  const e = errorAnswer.safeParse(json);
  if (!e.success) return undefined;
  const head = e.data.error ?? e.data.error_code;
  const text = e.data.error_description ?? e.data.message;
  return [head, text].filter((x) => x !== undefined && x !== '').join(': ') || undefined;
}

function failed(failure: SignInFailure): SignInResult {
  return { ok: false, failure };
}

/** Returns `text` with every credential in `hide` blanked out (a service's error text is quoted to the user). */
function redact(text: string, hide: readonly string[]): string {
  return hide.reduce((t, secret) => (secret.length >= 4 ? t.split(secret).join('[hidden]') : t), text);
}

function read<T>(step: Step, outcome: HttpOutcome, schema: z.ZodType<T>, hide: readonly string[]): { ok: true; value: T } | { ok: false; result: SignInResult } {
  if (outcome.kind === 'network') return { ok: false, result: failed(reason('sign-in-unreachable', { variant: step, detail: outcome.message })) };
  const { status } = outcome;
  if (status < 200 || status >= 300) {
    const said = saidBy(outcome.body);
    return { ok: false, result: failed({ ...reason('sign-in-refused', { variant: step, status, ...(said === undefined ? {} : { said: redact(said, hide) }) }), httpStatus: status }) };
  }
  let json: unknown;
  try {
    json = JSON.parse(outcome.body);
  } catch {
    json = undefined;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, result: failed({ ...reason('sign-in-unreadable', { variant: step, status }), httpStatus: status }) };
}

function serviceUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

/**
 * Asks Adobe IMS for an access token (`POST /ims/token/v3`, client credentials in the form body, never
 * in the query). Resolves with the token and its expiry, or with why not (IMS's own error text when it gave one). Never throws.
 */
export async function requestImsToken(c: AdobeCredential, transport: Transport, trust: TlsTrust | undefined, now: () => number = Date.now): Promise<SignInResult> {
  const where = secureRequestUrl(serviceUrl(c.imsUrl, '/ims/token/v3'), c.imsUrl, true);
  if (where.kind === 'refuse') return failed(where.reason);
  const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: c.clientId, client_secret: c.clientSecret, scope: c.scopes }).toString();
  const outcome = await transport.send({ method: 'POST', url: where.url, body, secretBody: true, headers: { Accept: 'application/json' }, trust, timeoutMs: 30_000 });
  const r = read('ims', outcome, imsAnswer, [c.clientSecret]);
  return r.ok ? { ok: true, value: { token: r.value.access_token, expiresAt: now() + r.value.expires_in * 1000 } } : r.result;
}

/**
 * Mints a Profile API token through the Target Admin API (`POST /<tenant>/target/authentication/token?scope=profile_api`)
 * with an IMS access token. Minting invalidates the previous profile token of the account. Never throws.
 */
export async function mintProfileToken(c: AdobeCredential, imsToken: string, transport: Transport, trust: TlsTrust | undefined, now: () => number = Date.now): Promise<SignInResult> {
  const path = `/${encodeURIComponent(c.tenantId)}/target/authentication/token?scope=profile_api`;
  const where = secureRequestUrl(serviceUrl(c.adminApiUrl, path), c.adminApiUrl, true);
  if (where.kind === 'refuse') return failed(where.reason);
  const outcome = await transport.send({
    method: 'POST',
    url: where.url,
    bearer: imsToken,
    body: '',
    headers: { Accept: 'application/json', 'Content-Type': 'application/vnd.adobe.target.v1+json', 'X-Api-Key': c.clientId, 'x-gw-ims-org-id': c.orgId },
    trust,
    timeoutMs: 30_000,
  });
  const r = read('admin-api', outcome, adminAnswer, [c.clientSecret, imsToken]);
  return r.ok ? { ok: true, value: { token: r.value.accessToken, expiresAt: now() + r.value.expiresIn * 1000 } } : r.result;
}
