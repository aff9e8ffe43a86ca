import { personalDataKindSchema, type PersonalDataKind } from './personal-data-kind.js';
import headerWords from './personal-header-words.json' with { type: 'json' };

// Headers that name directly identifying data, in English, Korean and Japanese (data, not UI words,
// kept in personal-header-words.json).
// A header is compared with spaces, `_ - . / ( )` removed and letters lower-cased. `exact` words must be
// the whole header ("name", not "productName"); `contains` words may sit anywhere in it. Kinds are tried
// in this order, so "email address" is an e-mail and "IP address" an IP address, not a postal address.
const WORDS: readonly { readonly kind: PersonalDataKind; readonly exact: readonly string[]; readonly contains: readonly string[] }[] = headerWords.map((w) => ({
  kind: personalDataKindSchema.parse(w.kind),
  exact: w.exact,
  contains: w.contains,
}));

const NOISE = /[\s_\-./()[\]]+/g;

/** The header as compared: NFKC, lower-cased, with spaces and `_ - . / ( ) [ ]` removed. */
export function headerKey(header: string): string {
  return header.normalize('NFKC').toLowerCase().replace(NOISE, '');
}

/** The kind of personal data a header names, or null when it names none. */
export function headerKind(header: string): PersonalDataKind | null {
  const key = headerKey(header);
  if (key === '') return null;
  for (const w of WORDS) {
    if (w.exact.includes(key)) return w.kind;
    if (w.contains.some((c) => key.includes(c))) return w.kind;
  }
  return null;
}
