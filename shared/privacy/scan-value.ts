import { findCardNumber } from './card-number.js';
import { findEmail, findIpAddress } from './email-ip.js';
import type { PersonalValueKind } from './personal-data-kind.js';
import { findPhone } from './phone.js';
import { findRrn } from './rrn.js';

/** A personal-data-shaped piece of a value: its kind and the matched text. */
export interface ValueHit {
  readonly kind: PersonalValueKind;
  readonly match: string;
}

/**
 * Says whether a value holds something directly identifying (an e-mail, a resident registration number,
 * a card number, a phone number, an IP address), anywhere in it. Cheap for ordinary values: one pass
 * counts digits and looks for `@`, `.` and `:`, and a pattern runs only when the value has the
 * characters its kind needs (e-mails need `@`; the number kinds 7+ digits; IPv4 three dots; IPv6 two colons).
 */
export function scanValue(value: string): ValueHit | null {
  const n = value.length;
  if (n < 6) return null;
  let digits = 0;
  let at = false;
  let dots = 0;
  let colons = 0;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 64) at = true;
    else if (c === 46) dots++;
    else if (c === 58) colons++;
  }
  if (at) {
    const email = findEmail(value);
    if (email !== null) return { kind: 'email', match: email };
  }
  if (digits >= 13) {
    const rrn = findRrn(value);
    if (rrn !== null) return { kind: 'rrn', match: rrn };
    const card = findCardNumber(value);
    if (card !== null) return { kind: 'card-number', match: card };
  }
  if (digits >= 8) {
    const phone = findPhone(value);
    if (phone !== null) return { kind: 'phone', match: phone };
  }
  if ((dots >= 3 && digits >= 4) || colons >= 2) {
    const ip = findIpAddress(value);
    if (ip !== null) return { kind: 'ip-address', match: ip };
  }
  return null;
}

/**
 * Hides most of a personal value so a warning can point at it without repeating it: the first two and
 * the last two letters or digits stay, the others become `*` (separators such as `@ . - space` stay).
 */
export function maskValue(match: string): string {
  const chars = [...match];
  const alnum = chars.map((c) => /[\p{L}\p{N}]/u.test(c));
  const total = alnum.filter(Boolean).length;
  let seen = 0;
  return chars
    .map((c, i) => {
      if (!alnum[i]) return c;
      seen++;
      return seen <= 2 || seen > total - 2 ? c : '*';
    })
    .join('');
}
