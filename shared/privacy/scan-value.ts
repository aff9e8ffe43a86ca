import { cardDigits, findCardNumber } from './card-number.js';
import { findEmail, findIpAddress } from './email-ip.js';
import type { PersonalValueKind } from './personal-data-kind.js';
import { findPhone } from './phone.js';
import { findRrn, rrnDigits } from './rrn.js';

/** A personal-data-shaped piece of a value: its kind and the matched text. */
export interface ValueHit {
  readonly kind: PersonalValueKind;
  readonly match: string;
}

/**
 * Phase one (NONE / BARE / MIXED): one tight pass counting digits, dots and colons and noting `@` and
 * `+ ( - space`. NONE when no kind of personal value can be in the text: no `@`; no IP shape (three dots,
 * or `::` / seven colons); fewer than 8 digits; or digits joined by nothing a phone, RRN or card is
 * written with (one dot is a decimal point) in a count no bare form has (an 11-digit mobile, 13–19 digits
 * for an RRN or a card). Letters take one comparison, digits two.
 */
function mayHold(value: string, n: number): number {
  let digits = 0;
  let dots = 0;
  let colons = 0;
  let joined = false;
  let at = false;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c > 58) {
      if (c === 64) at = true;
    } else if (c >= 48) {
      if (c === 58) colons++;
      else digits++;
    } else if (c === 46) dots++;
    else if (c === 45 || c === 32 || c === 43 || c === 40) joined = true;
  }
  if (at) return MIXED;
  if ((dots >= 3 && digits >= 4) || colons >= 7 || (colons >= 2 && value.includes('::'))) return MIXED;
  if (digits < 8) return NONE;
  if (joined || dots >= 2) return MIXED;
  if (digits !== 11 && digits < 13) return NONE;
  return digits === n ? BARE : MIXED;
}

// What phase one found: nothing possible, only digits (checked without patterns), or anything else.
const NONE = 0;
const BARE = 1;
const MIXED = 2;
const BARE_MOBILE = /^0(?:10|[789]0)\d{8}$/;

/** The bare-digit forms: an 11-digit mobile, 13 digits of an RRN, 13–19 of a card. */
function scanDigits(d: string): ValueHit | null {
  if (d.length === 11) return BARE_MOBILE.test(d) ? { kind: 'phone', match: d } : null;
  if (d.length === 13 && rrnDigits(d)) return { kind: 'rrn', match: d };
  return cardDigits(d) ? { kind: 'card-number', match: d } : null;
}

/**
 * Says whether a value holds something directly identifying (an e-mail, a resident registration number,
 * a card number, a phone number, an IP address), anywhere in it. Cheap for ordinary values: one pass
 * over the characters notes `@`, `+`, `(`, dots, colons and the runs of digits, and a kind's pattern runs
 * only when the value has the shape that kind needs (an e-mail an `@`; an RRN 13 digits together or 6-7
 * around a hyphen; a card 13+ digits joined only by spaces or hyphens; a phone a `+`, a `(`, a group
 * starting with 0 followed by a group of 3–4 digits, or 11 digits starting with 0; an IPv4 three dots;
 * an IPv6 `::` or seven colons). Dates, amounts, codes and order numbers mostly stop at that pass.
 */
export function scanValue(value: string): ValueHit | null {
  const n = value.length;
  if (n < 6) return null;
  const shape = mayHold(value, n);
  if (shape === NONE) return null;
  return shape === BARE ? scanDigits(value) : scanMixed(value, n);
}

/** Phase two, for a value phase one could not clear: the shapes each kind needs, then that kind's pattern. */
function scanMixed(value: string, n: number): ValueHit | null {
  let digits = 0;
  let at = false;
  let plus = false;
  let dots = 0;
  let colons = 0;
  let doubleColon = false;
  let rrnShape = false;
  let phoneShape = false;
  // Digits in the current stretch of digits, spaces and hyphens (a card number's span), and its best.
  let span = 0;
  let maxSpan = 0;
  let run = 0;
  let runZero = false;
  // The run before the current one: its length, whether it began with 0, and the one separator after it.
  let prevRun = 0;
  let prevZero = false;
  let prevSep = 0;
  let sepCount = 0;
  let sep = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? value.charCodeAt(i) : 0;
    if (c >= 48 && c <= 57) {
      if (run === 0) runZero = c === 48;
      run++;
      digits++;
      span++;
      continue;
    }
    if (run > 0) {
      // A run of digits ended: check the shapes that need whole runs.
      if (run === 13) rrnShape = true;
      else if (run === 7 && prevRun === 6 && prevSep === 45 && sepCount === 1) rrnShape = true;
      if (runZero && run === 11) phoneShape = true;
      else if ((run === 3 || run === 4) && prevZero && prevRun >= 2 && prevRun <= 4 && sepCount === 1 && (prevSep === 32 || prevSep === 45 || prevSep === 46)) phoneShape = true;
      prevRun = run;
      prevZero = runZero;
      run = 0;
      sepCount = 0;
    }
    sepCount++;
    sep = c;
    if (sepCount === 1) prevSep = sep;
    if (c !== 32 && c !== 45) {
      if (span > maxSpan) maxSpan = span;
      span = 0;
    }
    if (c === 64) at = true;
    else if (c === 43 || c === 40) plus = true;
    else if (c === 46) dots++;
    else if (c === 58) {
      if (i > 0 && value.charCodeAt(i - 1) === 58) doubleColon = true;
      colons++;
    }
  }
  if (at) {
    const email = findEmail(value);
    if (email !== null) return { kind: 'email', match: email };
  }
  if (rrnShape) {
    const rrn = findRrn(value);
    if (rrn !== null) return { kind: 'rrn', match: rrn };
  }
  if (maxSpan >= 13) {
    const card = findCardNumber(value);
    if (card !== null) return { kind: 'card-number', match: card };
  }
  if (phoneShape || (plus && digits >= 8)) {
    const phone = findPhone(value);
    if (phone !== null) return { kind: 'phone', match: phone };
  }
  if ((dots >= 3 && digits >= 4) || doubleColon || colons >= 7) {
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
