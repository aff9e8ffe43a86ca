// Phone numbers, with Korea's forms written out: mobiles 010/011/016–019 (`010-1234-5678`,
// `010 1234 5678`, `01012345678`), landlines (`02-123-4567`, `031-123-4567`, `070-1234-5678`), the
// same as `+82 10-1234-5678` or `+82 (0)10 …`; Japan's (`090-1234-5678`, `03-1234-5678`); and any
// number written internationally (`+` and 8–15 digits). Bare digits count only as today's 11-digit
// mobiles (`01012345678`, `09012345678`): a zero-padded 10-digit member number must not read as a phone.

const MOBILE = /(?<![\d.-])(?:0(?:1[016789]|[789]0)([ .-])\d{3,4}\1\d{4}|0(?:10|[789]0)\d{8})(?![\d.-])/;
const LANDLINE = /(?<![\d.-])0\d{1,3}([ -])\d{3,4}\1\d{4}(?![\d.-])/;
const INTERNATIONAL = /(?<![\w+])\+\d{1,3}(?:[ .-]?\(0?\d{0,4}\))?(?:[ .-]?\d{1,4}){2,5}(?![\d])/;
const NANP = /(?<!\d)\(\d{3}\) ?\d{3}-\d{4}(?!\d)/;

function digitCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

/** Finds a phone number anywhere in `text` (the forms above); returns the match, or null. */
export function findPhone(text: string): string | null {
  const mobile = MOBILE.exec(text);
  if (mobile) return mobile[0];
  const land = LANDLINE.exec(text);
  if (land) return land[0];
  const intl = INTERNATIONAL.exec(text);
  if (intl) {
    const n = digitCount(intl[0]);
    if (n >= 8 && n <= 15) return intl[0];
  }
  const nanp = NANP.exec(text);
  return nanp ? nanp[0] : null;
}
