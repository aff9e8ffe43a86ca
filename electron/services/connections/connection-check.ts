import { randomBytes } from 'node:crypto';
import { reason, type ErrorParams, type Reason } from '../../../shared/contract/errors.js';
import type { ConnectionCheck } from '../../../shared/contract/connections.js';
import type { HttpOutcome } from '../../../shared/jobs/http-decision.js';
import { secureRequestUrl } from '../../../shared/target/secure-url.js';
import { fetchProfileUrl } from '../../../shared/target/urls.js';
import type { Transport } from '../../upload/http-transport.js';
import type { TlsTrust } from '../../upload/tls-trust.js';

/** The TLS codes a certificate problem names, and which sentence each one reads as. */
const CERTIFICATE_PROBLEM: Readonly<Record<string, ErrorParams<'check-certificate'>['variant']>> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'untrusted-issuer',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'untrusted-issuer',
  CERT_HAS_EXPIRED: 'expired',
  CERT_NOT_YET_VALID: 'not-yet-valid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'wrong-host',
  EPROTO: 'not-https',
  ERR_SSL_WRONG_VERSION_NUMBER: 'not-https',
};

/** Why a call did not reach the server: the certificate problem when the TLS code names one, else the network problem. */
function networkProblem(baseUrl: string, outcome: { readonly message: string }): Reason<'check-certificate' | 'check-unreachable'> {
  const variant = CERTIFICATE_PROBLEM[outcome.message];
  if (variant === undefined) return reason('check-unreachable', { url: baseUrl, detail: outcome.message });
  let host = baseUrl;
  try {
    host = new URL(baseUrl).host;
  } catch {
    // Not a URL: name it as given.
  }
  return reason('check-certificate', { variant, host, errno: outcome.message });
}

/** What "Test connection" needs for its profile fetch; `token` is whatever sign-in or the SecretStore gave (possibly none). */
export interface FetchCheckInput {
  readonly baseUrl: string;
  readonly clientCode: string;
  readonly trust: TlsTrust | undefined;
  /** How the token came: chooses the token check's sentence. */
  readonly tokenKind: 'pasted' | 'minted' | 'none';
}

/** What the profile fetch of a random id says about reachability, the token and the client code. */
export interface FetchVerdict {
  readonly checks: readonly ConnectionCheck[];
  /** Target refused the token (401/403): the caller may renew an Adobe-sign-in token and ask again once. */
  readonly tokenRefused: boolean;
}

const NOT_FOUND = /^No profile found for client (.+?) with /;

/**
 * Fetches the profile of a random id (E7; §8): it writes nothing and is not rate-limited, and its 404
 * names the client the server speaks for. Returns the reachability, token and client-code checks; a
 * check that could not be reached is left out. Never throws.
 */
export async function fetchCheck(input: FetchCheckInput, token: string | undefined, transport: Transport): Promise<FetchVerdict> {
  const url = fetchProfileUrl(input.baseUrl, input.clientCode, 'thirdPartyId', `profile-loader-test-${randomBytes(8).toString('hex')}`);
  const where = secureRequestUrl(url, input.baseUrl, token !== undefined);
  if (where.kind === 'refuse') return { checks: [{ check: 'reachable', ok: false, ...where.reason }], tokenRefused: false };
  const outcome: HttpOutcome = await transport.send({ method: 'GET', url: where.url, bearer: token, headers: { Accept: 'application/json' }, trust: input.trust, timeoutMs: 30_000 });
  if (outcome.kind === 'network') return { checks: [{ check: 'reachable', ok: false, ...networkProblem(input.baseUrl, outcome) }], tokenRefused: false };
  const { status, body } = outcome;
  const checks: ConnectionCheck[] = [{ check: 'reachable', ok: true, ...reason('check-answered', { variant: where.url.startsWith('https:') ? 'https' : 'http', url: input.baseUrl, status }) }];
  const kind = input.tokenKind === 'minted' ? 'minted' : 'pasted';
  if (status === 401 || status === 403) {
    checks.push({ check: 'token', ok: false, ...(token === undefined ? reason('check-token-required', { status }) : reason('check-token-refused', { variant: kind, status })) });
    return { checks, tokenRefused: true };
  }
  if (status === 429 || status >= 500) {
    checks.push({ check: 'client-code', ok: false, ...reason('check-throttled', { clientCode: input.clientCode, status }) });
    return { checks, tokenRefused: false };
  }
  checks.push({ check: 'token', ok: true, ...(token === undefined ? reason('check-no-token-needed') : reason('check-token-accepted', { variant: kind })) });
  checks.push(clientCodeCheck(input.clientCode, status, body));
  return { checks, tokenRefused: false };
}

/** Reads the fetch answer for the client it names: the 404 "No profile found for client X with …", or a profile's `client`. */
function clientCodeCheck(clientCode: string, status: number, body: string): ConnectionCheck {
  let json: { message?: unknown; client?: unknown } = {};
  try {
    json = JSON.parse(body) as typeof json;
  } catch {
    // Not JSON: not Target's fetch answer; said below.
  }
  const said = typeof json.message === 'string' ? json.message : '';
  const named = NOT_FOUND.exec(said)?.[1] ?? (status === 200 && typeof json.client === 'string' ? json.client : undefined);
  if (named === clientCode) return { check: 'client-code', ok: true, ...reason('check-client-confirmed', { clientCode }) };
  if (named !== undefined) return { check: 'client-code', ok: false, ...reason('check-client-other', { clientCode, named }) };
  return { check: 'client-code', ok: false, ...reason('check-client-unconfirmed', { clientCode, status, ...(said === '' ? {} : { said }) }) };
}
