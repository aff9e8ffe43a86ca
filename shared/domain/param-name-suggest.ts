import { glossaryName } from './param-glossary.js';
import { asciiWords } from './romanize.js';
import { mappingSpecSchema, type MappingSpec } from './mapping-spec.js';

/**
 * Where a suggested parameter name came from. `template`: a saved template for these headers; `known`:
 * a name used in an earlier template; `same`: the header is already a clean name; `glossary`: the
 * glossary of common CRM headers (Korean `deunggeup`, grade → `tier`); `romanised`: Hangul or kana spelled in Latin letters;
 * `accents`: Latin letters without their accents (`Straße` → `strasse`); `cleaned`: spaces and
 * punctuation removed; `placeholder`: nothing could spell the header in ASCII, so a stand-in name.
 */
export type NameReason = 'template' | 'known' | 'same' | 'glossary' | 'romanised' | 'accents' | 'cleaned' | 'placeholder';

/** A parameter name made from one header, why it looks so, and how sure the guess is (0..1). */
export interface NameSuggestion {
  readonly param: string;
  readonly reason: NameReason;
  readonly confidence: number;
}

/** A name Target takes as it is: ASCII letters first, then letters, digits, `_`, `.` or `-`. */
export const CLEAN_NAME = /^[A-Za-z][A-Za-z0-9_.-]*$/;
const MAX_NAME = 128;

function camel(words: readonly string[]): string {
  return words
    .map((w, i) => {
      if (i === 0) return w === w.toUpperCase() ? w.toLowerCase() : w.charAt(0).toLowerCase() + w.slice(1);
      return w.charAt(0).toUpperCase() + w.slice(1);
    })
    .join('');
}

/**
 * Suggests an ASCII camelCase parameter name for one header (`position` is its 0-based place in the
 * file, used only for a stand-in name): a clean header as it is; else the glossary's name; else the
 * header romanised (Korean: Revised Romanization, member grade → `hoewonDeunggeup`; kana: Hepburn) or
 * without accents (`Straße` → `strasse`), in camelCase, at most 128 characters; `columnN` when no
 * letter could be spelled in ASCII. Pure.
 */
export function suggestParamName(header: string, position: number): NameSuggestion {
  const trimmed = header.normalize('NFKC').trim();
  if (CLEAN_NAME.test(trimmed)) return { param: trimmed.slice(0, MAX_NAME), reason: 'same', confidence: 1 };
  const fromGlossary = glossaryName(trimmed);
  if (fromGlossary !== null) return { param: fromGlossary, reason: 'glossary', confidence: 0.9 };
  const spelled = asciiWords(trimmed);
  const param = camel(spelled.words).slice(0, MAX_NAME);
  if (param === '' || spelled.dropped) return { param: `column${position + 1}`, reason: 'placeholder', confidence: 0.3 };
  if (spelled.romanised) return { param, reason: 'romanised', confidence: 0.6 };
  if (spelled.accents) return { param, reason: 'accents', confidence: 0.8 };
  return { param, reason: 'cleaned', confidence: 0.8 };
}

/**
 * A name not yet in `taken` (compared without case): `name`, else `name2`, `name3`…, so two headers
 * that mean the same (`Tier` and the Korean for it) do not get one name. Adds the result to `taken`.
 */
export function uniqueName(name: string, taken: Set<string>): string {
  let out = name;
  for (let n = 2; taken.has(out.toLowerCase()); n++) out = `${name}${n}`;
  taken.add(out.toLowerCase());
  return out;
}

/** A suggestion per header except the identifier column and empty headers, names unique in the file. Pure. */
export function suggestParamNames(headers: readonly string[], idColumn: string): readonly (NameSuggestion & { readonly column: string })[] {
  const taken = new Set<string>();
  const out: (NameSuggestion & { column: string })[] = [];
  const seen = new Set<string>([idColumn]);
  headers.forEach((header, position) => {
    if (header.trim() === '' || seen.has(header)) return;
    seen.add(header);
    const s = suggestParamName(header, position);
    out.push({ ...s, column: header, param: uniqueName(s.param, taken) });
  });
  return out;
}

/** The mapping the CLI uses when neither `--map` nor `--template` names the parameters: every other column under its suggested name. */
export function suggestedMapping(headers: readonly string[], idColumn: string, idKind: MappingSpec['idKind']): { readonly mapping: MappingSpec; readonly names: readonly (NameSuggestion & { readonly column: string })[] } {
  const names = suggestParamNames(headers, idColumn);
  return { mapping: mappingSpecSchema.parse({ idColumn, idKind, columns: names.map((n) => ({ column: n.column, param: n.param })) }), names };
}
