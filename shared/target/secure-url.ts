/**
 * Where a credential may travel (target-profile-api.md §12.2). Adobe hands back `http://` status URLs,
 * but a token must never cross the network in clear text: on an https connection every call goes over
 * https, and plain http carries a token only between this computer and a local sandbox.
 */

/** What to do with one request URL of a connection. */
export type SecureUrlDecision =
  | { readonly kind: 'send'; readonly url: string }
  | { readonly kind: 'refuse'; readonly code: 'insecure-url'; readonly message: string; readonly params: { readonly host: string } };

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
    return { kind: 'refuse', code: 'insecure-url', message: `"${url}" is not a web address this app can call.`, params: { host: url } };
  }
  const next = base.protocol === 'https:' && target.protocol === 'http:' ? upgradeToHttps(url) : url;
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    return { kind: 'refuse', code: 'insecure-url', message: `Target answered with a ${target.protocol} address (${target.host}); only https is used.`, params: { host: target.host } };
  }
  const plain = next.slice(0, 7).toLowerCase() === 'http://';
  if (plain && carriesToken && !(base.protocol === 'http:' && isLoopbackHost(base.hostname) && isLoopbackHost(target.hostname))) {
    return {
      kind: 'refuse',
      code: 'insecure-url',
      message: `Not sent: the token would travel unencrypted to ${target.host} over plain http. Use an https:// address for this connection.`,
      params: { host: target.host },
    };
  }
  return { kind: 'send', url: next };
}
