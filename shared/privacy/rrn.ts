// Korean resident registration numbers: YYMMDD-GNNNNNN. G (1–8) gives the century and sex
// (1/2 1900s, 3/4 2000s, 5–8 foreign residents, 9/0 1800s — not issued to anyone alive, so not matched).
// Numbers issued before October 2020 end in a check digit; later ones do not. So a hyphenated number
// with a real birth date counts as an RRN on its own, while 13 bare digits (which could be any long
// number) count only when the check digit is right as well.

const WEIGHTS = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5] as const;
const RRN_IN_TEXT = /(?<!\d)(\d{6})(-?)([1-8]\d{6})(?!\d)/g;
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** True when the 13 digits' last one is the check digit of the first twelve (the pre-2020 rule). */
export function rrnChecksumValid(digits: string): boolean {
  if (!/^\d{13}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (digits.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return (11 - (sum % 11)) % 10 === digits.charCodeAt(12) - 48;
}

/** True when YYMMDD is a real day (29 February allowed: the century is not checked against leap years). */
function realBirthDate(yymmdd: string): boolean {
  const mm = Number(yymmdd.slice(2, 4));
  const dd = Number(yymmdd.slice(4, 6));
  return mm >= 1 && mm <= 12 && dd >= 1 && dd <= DAYS[mm - 1]!;
}

/** True when 13 digits are a valid EAN-13 barcode of GS1 Korea (prefix 880): a product code, not a person. */
function koreanBarcode(digits: string): boolean {
  if (!digits.startsWith('880')) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (digits.charCodeAt(i) - 48) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10 === digits.charCodeAt(12) - 48;
}

/** True when 13 bare digits are a resident registration number: a real date, G 1–8, the check digit, and not a Korean barcode. */
export function rrnDigits(d: string): boolean {
  const g = d.charCodeAt(6) - 48;
  return g >= 1 && g <= 8 && realBirthDate(d.slice(0, 6)) && rrnChecksumValid(d) && !koreanBarcode(d);
}

/**
 * Finds a resident registration number anywhere in `text`: `YYMMDD-GNNNNNN` with a real date, or the 13
 * digits written together with a valid check digit as well. Returns the match, or null.
 */
export function findRrn(text: string): string | null {
  RRN_IN_TEXT.lastIndex = 0;
  for (let m = RRN_IN_TEXT.exec(text); m !== null; m = RRN_IN_TEXT.exec(text)) {
    const [whole, birth, hyphen, rest] = m as unknown as [string, string, string, string];
    if (!realBirthDate(birth)) continue;
    if (hyphen === '-' || (rrnChecksumValid(birth + rest) && !koreanBarcode(birth + rest))) return whole;
  }
  return null;
}
