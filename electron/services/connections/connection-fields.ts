import { AppCallError } from '../../../shared/contract/errors.js';
import type { ParsedArgsOf } from '../../../shared/contract/define.js';
import { ADOBE_ADMIN_API_URL, ADOBE_DEFAULT_SCOPES, ADOBE_IMS_URL, type connectionCalls } from '../../../shared/contract/connections.js';
import { isLoopbackHost } from '../../../shared/target/secure-url.js';
import type { StoredAuth } from '../../store/connection-store.js';

/** Throws `invalid-token` unless the token is one run of printable ASCII (what an HTTP header can carry); never echoes it. */
export function checkToken(token: string): void {
  if (!/^[\x21-\x7e]{1,10000}$/.test(token)) {
    throw new AppCallError('invalid-token');
  }
}

/** Throws `invalid-client-secret` unless the secret is one line of printable characters; never echoes it. */
export function checkClientSecret(secret: string): void {
  if (!/^[\x21-\x7e]{1,10000}$/.test(secret)) {
    throw new AppCallError('invalid-client-secret');
  }
}

/** The codes of the two refusals of each address a connection has. */
const ADDRESS_CODES = {
  base: { invalid: 'invalid-base-url', insecure: 'insecure-base-url' },
  ims: { invalid: 'invalid-ims-url', insecure: 'insecure-ims-url' },
  adminApi: { invalid: 'invalid-admin-api-url', insecure: 'insecure-admin-api-url' },
} as const;

/**
 * Returns the normalised address (no trailing slash) or throws the error naming which address it is:
 * https only, except hosts on this computer; no user, password, query or fragment.
 */
function checkAddress(text: string, which: keyof typeof ADDRESS_CODES): string {
  const { invalid, insecure } = ADDRESS_CODES[which];
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new AppCallError(invalid, { variant: 'not-a-url', url: text });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new AppCallError(invalid, { variant: 'scheme', scheme: url.protocol });
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) throw new AppCallError(insecure);
  if (url.username || url.password || url.search || url.hash) throw new AppCallError(invalid, { variant: 'extras' });
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** Returns the normalised base URL (no trailing slash) or throws `invalid-base-url` / `insecure-base-url`: https only, except loopback hosts. */
export function checkBaseUrl(text: string): string {
  return checkAddress(text, 'base');
}

/** The sign-in details a save may carry (`auth` of `connections.save`). */
export type AuthInput = NonNullable<ParsedArgsOf<(typeof connectionCalls)['connections.save']>['auth']>;

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
  if (!Number.isFinite(at)) throw new AppCallError('invalid-expiry', { value: t });
  return new Date(at).toISOString();
}
