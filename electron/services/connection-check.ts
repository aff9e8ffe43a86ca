import { randomBytes } from 'node:crypto';
import type { ConnectionCheck } from '../../shared/contract/profiles.js';
import type { HttpOutcome } from '../../shared/jobs/http-decision.js';
import { secureRequestUrl } from '../../shared/target/secure-url.js';
import { fetchProfileUrl } from '../../shared/target/urls.js';
import type { Transport } from '../upload/http-transport.js';
import type { TlsTrust } from '../upload/tls-trust.js';

/** Plain words for a TLS or network failure, naming the certificate problem when there is one. */
export function networkProblem(baseUrl: string, outcome: { readonly message: string; readonly code?: string | undefined }): string {
  const host = (() => {
    try {
      return new URL(baseUrl).host;
    } catch {
      return baseUrl;
    }
  })();
  const inspect = 'If your company inspects TLS traffic, name its root certificate (PEM) as this connection’s CA file.';
  switch (outcome.code) {
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return `The certificate of ${host} is self-signed and not trusted on this computer (${outcome.code}). ${inspect}`;
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
      return `The certificate of ${host} was issued by an authority this computer does not trust (${outcome.code}). ${inspect}`;
    case 'CERT_HAS_EXPIRED':
      return `The certificate of ${host} has expired (${outcome.code}).`;
    case 'CERT_NOT_YET_VALID':
      return `The certificate of ${host} is not valid yet; check this computer's clock (${outcome.code}).`;
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `The certificate presented by ${host} is for another host name (${outcome.code}). Check the address.`;
    case 'EPROTO':
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
      return `${host} does not speak https on this address (${outcome.code}). Check the address and its port.`;
    default:
      return `Could not reach ${baseUrl} (${outcome.message}). Check the base URL and your network or proxy.`;
  }
}

/** What "Test connection" needs for its profile fetch; `token` is whatever sign-in or the SecretStore gave (possibly none). */
export interface FetchCheckInput {
  readonly baseUrl: string;
  readonly clientCode: string;
  readonly trust: TlsTrust | undefined;
  /** How the token came: shapes the token check's words. */
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
  if (where.kind === 'refuse') return { checks: [{ check: 'reachable', ok: false, message: where.message }], tokenRefused: false };
  const outcome: HttpOutcome = await transport.send({ method: 'GET', url: where.url, bearer: token, headers: { Accept: 'application/json' }, trust: input.trust, timeoutMs: 30_000 });
  if (outcome.kind === 'network') return { checks: [{ check: 'reachable', ok: false, message: networkProblem(input.baseUrl, outcome) }], tokenRefused: false };
  const { status, body } = outcome;
  const tls = where.url.startsWith('https:') ? ' over TLS with a trusted certificate' : '';
  const checks: ConnectionCheck[] = [{ check: 'reachable', ok: true, message: `${input.baseUrl} answered${tls} (HTTP ${status}).` }];
  if (status === 401 || status === 403) {
    const message =
      token === undefined
        ? `This client requires a Profile API token (HTTP ${status}); save one.`
        : input.tokenKind === 'minted'
          ? `Target refused the token Adobe sign-in minted (HTTP ${status}).`
          : `The saved token was refused (HTTP ${status}); it may have been regenerated or may have expired.`;
    checks.push({ check: 'token', ok: false, message });
    return { checks, tokenRefused: true };
  }
  if (status === 429 || status >= 500) {
    checks.push({ check: 'client-code', ok: false, message: `Target could not answer for ${input.clientCode} right now (HTTP ${status}); try again in a minute.` });
    return { checks, tokenRefused: false };
  }
  checks.push({
    check: 'token',
    ok: true,
    message: token === undefined ? 'No token is saved and the server did not ask for one.' : input.tokenKind === 'minted' ? 'Target accepted the token Adobe sign-in minted.' : 'The saved token was accepted.',
  });
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
  const message = typeof json.message === 'string' ? json.message : '';
  const named = NOT_FOUND.exec(message)?.[1] ?? (status === 200 && typeof json.client === 'string' ? json.client : undefined);
  if (named === clientCode) return { check: 'client-code', ok: true, message: `The server speaks for client code ${clientCode}.` };
  if (named !== undefined) return { check: 'client-code', ok: false, message: `The server speaks for client code ${named}, not ${clientCode}. Check the client code (Administration → Implementation in Target).` };
  const said = message === '' ? '' : `: ${message}`;
  return { check: 'client-code', ok: false, message: `The server does not confirm client code ${clientCode} (HTTP ${status}${said}). Check the client code (Administration → Implementation in Target) and the base URL.` };
}
