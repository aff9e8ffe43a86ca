import type { ConnectionView } from '../../../shared/contract/connections.js';
import { tokenExpiryWarning } from '../../../shared/contract/token-expiry.js';

/** The form fields that can carry a problem. */
export type FieldName =
  | 'name'
  | 'clientCode'
  | 'baseUrl'
  | 'token'
  | 'production'
  | 'tokenExpiresAt'
  | 'clientId'
  | 'clientSecret'
  | 'orgId'
  | 'tenantId'
  | 'scopes'
  | 'imsUrl'
  | 'adminApiUrl'
  | 'caFile';

/** The message key (under `settings.`) of what is wrong with each field, or `server:` + a message from the Node side. */
export type FieldProblems = { [K in FieldName]?: string | undefined };

/** How a connection signs in, as the form chooses it. */
export type SignInMethod = 'token' | 'adobe-oauth';

/** What the connection form holds when it is checked. */
export interface ConnectionFields {
  readonly name: string;
  readonly clientCode: string;
  readonly baseUrl: string;
  readonly token: string;
  readonly production: 'yes' | 'no' | '';
  readonly isNew: boolean;
  readonly signIn?: SignInMethod;
  /** A pasted token's expiry, YYYY-MM-DD or empty. */
  readonly tokenExpiresAt?: string;
  readonly clientId?: string;
  readonly clientSecret?: string;
  /** A client secret is already saved (the secret field may stay empty). */
  readonly hasClientSecret?: boolean;
  readonly orgId?: string;
  readonly tenantId?: string;
  readonly scopes?: string;
  readonly imsUrl?: string;
  readonly adminApiUrl?: string;
  readonly caFile?: string;
}

/** Adds `https://` to an address typed without a scheme (`acme.tt.omtrdc.net` → `https://acme.tt.omtrdc.net`); anything else is returned trimmed. */
export function withScheme(address: string): string {
  const a = address.trim();
  if (a === '' || /^[a-z][a-z0-9+.-]*:\/\//i.test(a)) return a;
  return `https://${a}`;
}

/** The problem key of an address (`empty`, `Bad`, or `Http` for plain http away from this computer), or undefined when it is fine. */
function addressProblem(text: string, keys: { empty: string; bad: string; http?: string }): string | undefined {
  const url = withScheme(text);
  if (url === '') return keys.empty;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return keys.bad;
  }
  if ((parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || parsed.hostname === '') return keys.bad;
  const local = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i.test(parsed.hostname);
  if (keys.http && parsed.protocol === 'http:' && !local) return keys.http;
  return undefined;
}

const oneLine = /^[\x21-\x7e]+$/;

/**
 * Checks every field of the connection form the way the Node side will, so each problem shows under
 * its own field before anything is sent. Returns only the fields with a problem (empty: all good).
 */
export function checkConnectionFields(f: ConnectionFields): FieldProblems {
  const out: FieldProblems = {};
  if (f.name.trim() === '') out.name = 'fieldName';
  if (f.clientCode.trim() === '') out.clientCode = 'fieldClientCode';
  else if (!/^[A-Za-z0-9._-]+$/.test(f.clientCode.trim())) out.clientCode = 'fieldClientCodeChars';
  out.baseUrl = addressProblem(f.baseUrl, { empty: 'fieldBaseUrl', bad: 'fieldBaseUrlBad' });
  if (f.isNew && f.production === '') out.production = 'productionChoose';
  if ((f.signIn ?? 'token') === 'token') {
    if (f.token !== '' && !oneLine.test(f.token)) out.token = 'fieldToken';
    const expiry = (f.tokenExpiresAt ?? '').trim();
    if (expiry !== '' && (!/^\d{4}-\d{2}-\d{2}$/.test(expiry) || !Number.isFinite(Date.parse(`${expiry}T00:00:00Z`)))) out.tokenExpiresAt = 'fieldExpiry';
  } else {
    if ((f.clientId ?? '').trim() === '') out.clientId = 'fieldClientId';
    const secret = f.clientSecret ?? '';
    if (secret === '' && !f.hasClientSecret) out.clientSecret = 'fieldClientSecret';
    else if (secret !== '' && !oneLine.test(secret)) out.clientSecret = 'fieldClientSecretChars';
    if ((f.orgId ?? '').trim() === '') out.orgId = 'fieldOrgId';
    const tenant = (f.tenantId ?? '').trim();
    if (tenant === '') out.tenantId = 'fieldTenantId';
    else if (!/^[A-Za-z0-9._-]+$/.test(tenant)) out.tenantId = 'fieldTenantIdChars';
    if ((f.scopes ?? '').trim() === '') out.scopes = 'fieldScopes';
    out.imsUrl = addressProblem(f.imsUrl ?? '', { empty: 'fieldServiceUrl', bad: 'fieldServiceUrl', http: 'fieldServiceUrlHttp' });
    out.adminApiUrl = addressProblem(f.adminApiUrl ?? '', { empty: 'fieldServiceUrl', bad: 'fieldServiceUrl', http: 'fieldServiceUrlHttp' });
  }
  for (const k of Object.keys(out) as FieldName[]) if (out[k] === undefined) delete out[k];
  return out;
}

/** Whether a connection's saved, pasted token is about to expire (or did): the one warning rule of shared/contract/token-expiry.ts. Minted tokens renew themselves. */
export function tokenExpiresSoon(connection: Pick<ConnectionView, 'name' | 'auth' | 'hasToken' | 'tokenExpiresAt'>, now = Date.now()): boolean {
  return connection.hasToken && tokenExpiryWarning(connection, now) !== null;
}
