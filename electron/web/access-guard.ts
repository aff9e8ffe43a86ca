import type { IncomingHttpHeaders } from 'node:http';
import { timingSafeEqual } from 'node:crypto';

/** Why a request was refused, or null when it may proceed. */
export type GuardVerdict = null | { readonly status: 401 | 403; readonly reason: string };

export const TOKEN_HEADER = 'x-profile-loader-token';

/**
 * The access cookie's name for the server on `port`: cookies are not kept apart by port, so one name
 * per port lets two instances run side by side, and a cookie the page never sends elsewhere as ours.
 */
export function tokenCookieName(port: number): string {
  return `pl_token_${port}`;
}

/**
 * Browser-mode access rules: the Host header must name this loopback server (defeats DNS rebinding),
 * an Origin, when present, must be this server's own, and every request must carry this run's token
 * (header or cookie). Returns null when all hold.
 */
export function checkAccess(headers: IncomingHttpHeaders, port: number, token: string): GuardVerdict {
  const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  const host = headers.host ?? '';
  if (!allowedHosts.includes(host)) return { status: 403, reason: 'This address is not served here.' };
  const origin = headers.origin;
  if (origin !== undefined && !allowedHosts.some((h) => origin === `http://${h}`)) {
    return { status: 403, reason: 'Requests from other sites are refused.' };
  }
  const presented = headers[TOKEN_HEADER] ?? readCookie(headers.cookie, tokenCookieName(port));
  if (typeof presented !== 'string' || !sameSecret(presented, token)) {
    return { status: 401, reason: 'Open the address that "npm start" printed: it carries this run\'s access key.' };
  }
  return null;
}

/** Reads one cookie value from a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
