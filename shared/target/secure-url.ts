/**
 * Where a credential may travel (target-profile-api.md §12.2). Adobe hands back `http://` status URLs,
 * but a token must never cross the network in clear text: on an https connection every call goes over
 * https, and plain http carries a token only between this computer and a local sandbox.
 */

import { reason, type Reason } from '../contract/errors.js';

/** What to do with one request URL of a connection: send it (perhaps upgraded to https), or refuse it with the reason. */
export type SecureUrlDecision = { readonly kind: 'send'; readonly url: string } | { readonly kind: 'refuse'; readonly reason: Reason<'insecure-url'> };

/** True for host names that never leave this computer (127.0.0.0/8, localhost, ::1). */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** Returns `url` with `http://` turned into `https://`, keeping host, path and query byte for byte (an explicit `:80` goes). */
export function upgradeToHttps(url: string): string {
  if (!/^http:\/\//i.test(url)) return url;
  const rest = url.slice('http://'.length);
  return `https://${rest.replace(/^([^/?#]*?):80(?=[/?#]|$)/, '$1')}`;
}

/**
 * Decides how a request of a connection whose base URL is `baseUrl` may go to `url`: on an https
 * connection an `http://` URL is fetched as `https://` (same host, path and query); a request that
 * carries a token goes only to https, or to plain-http loopback when the connection itself is plain-http
 * loopback (the local sandbox). Anything else is refused before it leaves. Never throws.
 */
export function secureRequestUrl(url: string, baseUrl: string, carriesToken: boolean): SecureUrlDecision {
  let base: URL;
  let target: URL;
  try {
    base = new URL(baseUrl);
    target = new URL(url);
  } catch {
    return { kind: 'refuse', reason: reason('insecure-url', { variant: 'not-a-url', url }) };
  }
  const next = base.protocol === 'https:' && target.protocol === 'http:' ? upgradeToHttps(url) : url;
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    return { kind: 'refuse', reason: reason('insecure-url', { variant: 'scheme', scheme: target.protocol, host: target.host }) };
  }
  const plain = next.slice(0, 7).toLowerCase() === 'http://';
  if (plain && carriesToken && !(base.protocol === 'http:' && isLoopbackHost(base.hostname) && isLoopbackHost(target.hostname))) {
    return { kind: 'refuse', reason: reason('insecure-url', { variant: 'plain-http', host: target.host }) };
  }
  return { kind: 'send', url: next };
}
