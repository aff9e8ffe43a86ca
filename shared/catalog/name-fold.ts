import { foldName } from '../validation/param-name-rules.js';

export { foldName };

/**
 * How two parameter names compare as a person reads them. Target keeps `Tier` and `tier`, `join_date`
 * and `joinDate` as different attributes, so names that fold to the same key are near-duplicates.
 */

// Spellings that Korean romanisation systems (Revised, McCune–Reischauer, everyday ones) use for one
// sound, longest first: `deunggeup`, `dunggup` and `tŭnggŭp` all fold to one key.
const ROMANISATION_FOLDS: readonly (readonly [RegExp, string])[] = [
  [/[ŏ]/g, 'o'],
  [/[ŭ]/g, 'u'],
  [/[’']/g, ''],
  [/eo/g, 'o'],
  [/eu/g, 'u'],
  [/ae/g, 'e'],
  [/oe/g, 'we'],
  [/yeo/g, 'yo'],
  [/ch/g, 'j'],
  [/sh/g, 's'],
  [/kk/g, 'g'],
  [/tt/g, 'd'],
  [/pp/g, 'b'],
  [/k/g, 'g'],
  [/t/g, 'd'],
  [/p/g, 'b'],
  [/r/g, 'l'],
];

/**
 * The folded name with Korean romanisation variants merged (`hoewonDeunggeup` ~ `hoewon_dunggup`).
 * Only names of at least five letters are merged this way: shorter ones would meet by chance.
 */
export function foldRomanisation(name: string): string {
  const base = foldName(name);
  if (base.length < 5 || !/^[a-z0-9ŏŭ’']+$/.test(base)) return base;
  let out = base;
  for (const [pattern, to] of ROMANISATION_FOLDS) out = out.replace(pattern, to);
  return out;
}

/** Why two different names are near-duplicates, or null when they are not. */
export type NearKind = 'case' | 'spacing' | 'romanisation';

/** Says how `a` and `b` (different strings) are near-duplicates: only case, case and separators, or a romanisation variant (ask only for romanised names). */
export function nearKind(a: string, b: string): NearKind | null {
  if (a === b) return null;
  if (a.toLowerCase() === b.toLowerCase()) return 'case';
  if (foldName(a) === foldName(b)) return 'spacing';
  if (foldRomanisation(a) === foldRomanisation(b)) return 'romanisation';
  return null;
}
