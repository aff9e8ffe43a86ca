// E-mail addresses anywhere in a text, and IP addresses (IPv4 dotted quads, IPv6 in full or `::` form).

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;
const IPV4 = /(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\d.])/;
const NOT_IPV6_CHAR = /[^0-9A-Fa-f:]+/;
const HEX_GROUP = /^[0-9A-Fa-f]{1,4}$/;

/** Finds an e-mail address anywhere in `text`; returns it, or null. */
export function findEmail(text: string): string | null {
  return EMAIL.exec(text)?.[0] ?? null;
}

/** True when `s` is an IPv6 address: eight hex groups, or fewer around exactly one `::`. */
export function isIpv6(s: string): boolean {
  const halves = s.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((h) => (h === '' ? [] : h.split(':')));
  if (!groups.every((g) => HEX_GROUP.test(g))) return false;
  return halves.length === 2 ? groups.length <= 7 : groups.length === 8;
}

/** Finds an IPv4 or IPv6 address anywhere in `text`; returns it, or null. */
export function findIpAddress(text: string): string | null {
  const v4 = IPV4.exec(text);
  if (v4) return v4[0];
  for (const token of text.split(NOT_IPV6_CHAR)) {
    if (token.length > 2 && token.indexOf(':') !== token.lastIndexOf(':') && isIpv6(token)) return token;
  }
  return null;
}
