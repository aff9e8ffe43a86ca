// Payment card numbers: 13–19 digits, written together or in groups split by spaces or hyphens, whose
// last digit is the Luhn check digit, and whose first digits are a card network's (so a long order
// number that happens to pass Luhn — one in ten do — is not taken for a card unless it looks like one).

const CARD_IN_TEXT = /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])/g;

/** True when the digit string passes the Luhn check. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** True when the number starts like a card of a network that issues ones this long (Visa, Mastercard, Amex, JCB, UnionPay, Diners, Discover, Korean domestic 9-series). */
function cardPrefix(d: string): boolean {
  const n = d.length;
  const two = Number(d.slice(0, 2));
  const four = Number(d.slice(0, 4));
  if (d[0] === '4') return n === 13 || n === 16 || n === 19;
  if (two >= 51 && two <= 55) return n === 16;
  if (four >= 2221 && four <= 2720) return n === 16;
  if (two === 34 || two === 37) return n === 15;
  if (four >= 3528 && four <= 3589) return n >= 16 && n <= 19;
  if (two === 62) return n >= 16 && n <= 19;
  if (two === 30 || two === 36 || two === 38 || two === 39) return n >= 14 && n <= 19;
  if (d.startsWith('6011') || two === 65 || (four >= 6440 && four <= 6499)) return n >= 16 && n <= 19;
  if (d[0] === '9') return n === 16;
  return false;
}

/** True when a bare digit string is a payment card number (network prefix, length, Luhn). */
export function cardDigits(d: string): boolean {
  return d.length >= 13 && d.length <= 19 && cardPrefix(d) && luhnValid(d);
}

/** Finds a payment card number anywhere in `text` (network prefix, length and Luhn check); returns the match, or null. */
export function findCardNumber(text: string): string | null {
  CARD_IN_TEXT.lastIndex = 0;
  for (let m = CARD_IN_TEXT.exec(text); m !== null; m = CARD_IN_TEXT.exec(text)) {
    const digits = m[0].replace(/[ -]/g, '');
    if (cardPrefix(digits) && luhnValid(digits)) return m[0];
  }
  return null;
}
