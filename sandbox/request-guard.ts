import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

/** True when the request came in over TLS. */
export function isHttps(req: IncomingMessage): boolean {
  return (req.socket as Partial<TLSSocket>).encrypted === true;
}

/** True when the request carries a credential in a header (`Authorization`, or the older `access_token` form of §12.1). */
export function carriesToken(req: IncomingMessage): boolean {
  return req.headers.authorization !== undefined || req.headers['access_token'] !== undefined;
}

function isLoopbackName(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '[::1]' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** Returns the host name of a Host header value (`127.0.0.1:4010` → `127.0.0.1`, `[::1]:80` → `[::1]`). */
function hostnameOf(host: string): string {
  const m = /^(\[[^\]]*\]|[^:]*)(?::\d+)?$/.exec(host.trim());
  return m?.[1] ?? '';
}

/**
 * Checks where a request claims to come from, before any route runs: the Host must be a loopback name
 * (so a web page cannot reach the sandbox through DNS rebinding), and an `Origin`, when sent, must be
 * this very host (so a page on another site cannot drive it). Returns why it is refused, or undefined.
 */
export function refusalOf(req: IncomingMessage): string | undefined {
  const host = req.headers.host;
  if (host === undefined || !isLoopbackName(hostnameOf(host))) {
    return `The sandbox answers only requests addressed to this computer (127.0.0.1, localhost or [::1]), not "${host ?? ''}".`;
  }
  const origin = req.headers.origin;
  if (origin !== undefined) {
    let same = false;
    try {
      const o = new URL(origin);
      same = (o.protocol === 'http:' || o.protocol === 'https:') && o.host.toLowerCase() === host.toLowerCase();
    } catch {
      same = false;
    }
    if (!same) return `Requests from another site (Origin ${origin}) are refused.`;
  }
  return undefined;
}

/** True when the request carries the admin key in `x-sandbox-admin-key` (compared in constant time). */
export function hasAdminKey(req: IncomingMessage, key: string): boolean {
  const given = req.headers['x-sandbox-admin-key'];
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(key);
  return a.length === b.length && timingSafeEqual(a, b);
}
