import { AppCallError } from '../../shared/contract/errors.js';
import type { ParsedArgsOf } from '../../shared/contract/define.js';
import { ADOBE_ADMIN_API_URL, ADOBE_DEFAULT_SCOPES, ADOBE_IMS_URL, type profileCalls } from '../../shared/contract/profiles.js';
import { isLoopbackHost } from '../../shared/target/secure-url.js';
import type { StoredAuth } from '../store/profile-store.js';

/** Throws `invalid-token` unless the token is one run of printable ASCII (what an HTTP header can carry); never echoes it. */
export function checkToken(token: string): void {
  if (!/^[\x21-\x7e]{1,10000}$/.test(token)) {
    throw new AppCallError('invalid-token', 'The token must be one line of printable characters without spaces. Copy it again from Target (Administration > Implementation > Profile API).');
  }
}

/** Throws `invalid-client-secret` unless the secret is one line of printable characters; never echoes it. */
export function checkClientSecret(secret: string): void {
  if (!/^[\x21-\x7e]{1,10000}$/.test(secret)) {
    throw new AppCallError('invalid-client-secret', 'The client secret must be one line without spaces. Copy it again from the Adobe Developer Console (your project → OAuth Server-to-Server → Retrieve client secret).');
  }
}

/** Which address of a connection is checked: its words and the codes of its two refusals. */
const ADDRESSES = {
  base: { what: 'base URL', example: 'https://CLIENTCODE.tt.omtrdc.net', invalid: 'invalid-base-url', insecure: 'insecure-base-url' },
  ims: { what: 'Adobe IMS address', example: ADOBE_IMS_URL, invalid: 'invalid-ims-url', insecure: 'insecure-ims-url' },
  adminApi: { what: 'Target Admin API address', example: ADOBE_ADMIN_API_URL, invalid: 'invalid-admin-api-url', insecure: 'insecure-admin-api-url' },
} as const;

/**
 * Returns the normalised address (no trailing slash) or throws a user-facing error naming it: https
 * only, except hosts on this computer; no user, password, query or fragment.
 */
function checkAddress(text: string, which: keyof typeof ADDRESSES): string {
  const a = ADDRESSES[which];
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new AppCallError(a.invalid, `"${text}" is not a URL. Use the form ${a.example}.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new AppCallError(a.invalid, `The ${a.what} must start with https:// (got ${url.protocol}).`);
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new AppCallError(a.insecure, `The ${a.what} must use https:// (Adobe requires TLS 1.2+); http:// is allowed only for this computer (127.0.0.1, localhost).`);
  }
  if (url.username || url.password || url.search || url.hash) throw new AppCallError(a.invalid, `The ${a.what} must not carry a user name, password, query or fragment.`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** Returns the normalised base URL (no trailing slash) or throws a user-facing error: https only, except loopback hosts. */
export function checkBaseUrl(text: string): string {
  return checkAddress(text, 'base');
}

/** The sign-in details a save may carry (`auth` of `profiles.save`). */
export type AuthInput = NonNullable<ParsedArgsOf<(typeof profileCalls)['profiles.save']>['auth']>;

/** Returns the sign-in method to store: Adobe's service addresses and scopes filled in where not given, every address checked like a base URL. */
export function storedAuthOf(input: AuthInput): StoredAuth {
  if (input.kind === 'token') return { kind: 'token' };
  return {
    kind: 'adobe-oauth',
    clientId: input.clientId.trim(),
    orgId: input.orgId.trim(),
    tenantId: input.tenantId.trim(),
    scopes: (input.scopes ?? ADOBE_DEFAULT_SCOPES).replace(/\s+/g, ''),
    imsUrl: checkAddress(input.imsUrl ?? ADOBE_IMS_URL, 'ims'),
    adminApiUrl: checkAddress(input.adminApiUrl ?? ADOBE_ADMIN_API_URL, 'adminApi'),
  };
}

/** Returns a pasted token's expiry as ISO text (a bare date means the end of that day, UTC), null for none; throws `invalid-expiry`. */
export function checkExpiry(text: string | null): string | null {
  if (text === null || text.trim() === '') return null;
  const t = text.trim();
  const at = /^\d{4}-\d{2}-\d{2}$/.test(t) ? Date.parse(`${t}T23:59:59Z`) : Date.parse(t);
  if (!Number.isFinite(at)) throw new AppCallError('invalid-expiry', `"${t}" is not a date. Use the form 2026-09-30.`);
  return new Date(at).toISOString();
}
