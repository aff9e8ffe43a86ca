import type { IdKind } from './id-kind.js';
import idHeaderSynonyms from './id-header-synonyms.json' with { type: 'json' };

/** A parameter name the matcher may suggest, with other spellings people use for it. */
export interface KnownName {
  readonly name: string;
  readonly synonyms?: readonly string[];
}

export type MatchReason = 'exact' | 'normalized' | 'synonym' | 'fuzzy';

/** A suggested target for one header; confidence is 0..1. */
export interface HeaderSuggestion {
  readonly header: string;
  readonly name: string;
  readonly confidence: number;
  readonly reason: MatchReason;
}

/** Lower-cases, applies NFKC and drops everything but letters and digits (so `Loyalty_Tier` = `loyalty tier`). */
export function normalizeHeader(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * Returns the Levenshtein distance between two strings; with `transpositions`, two swapped neighbours
 * count as one edit (Damerau–Levenshtein, optimal string alignment: "jsno" is 1 from "json", not 2).
 */
export function editDistance(a: string, b: string, transpositions = false): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (transpositions && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cur[j] = Math.min(cur[j] ?? 0, (before[j - 2] ?? 0) + 1);
    }
    [before, prev] = [prev, cur];
  }
  return prev[b.length] ?? 0;
}

const FUZZY_FLOOR = 0.75;

/** Returns the best known name for one header, or null when nothing is close enough. */
export function matchHeader(header: string, known: readonly KnownName[]): HeaderSuggestion | null {
  const nh = normalizeHeader(header);
  if (nh === '') return null;
  let best: HeaderSuggestion | null = null;
  const consider = (s: HeaderSuggestion): void => {
    if (!best || s.confidence > best.confidence) best = s;
  };
  for (const k of known) {
    if (k.name === header) return { header, name: k.name, confidence: 1, reason: 'exact' };
    const nk = normalizeHeader(k.name);
    if (nk === nh) consider({ header, name: k.name, confidence: 0.95, reason: 'normalized' });
    for (const syn of k.synonyms ?? []) {
      if (normalizeHeader(syn) === nh) consider({ header, name: k.name, confidence: 0.9, reason: 'synonym' });
    }
    const longest = Math.max(nk.length, nh.length);
    if (longest >= 4) {
      const score = 1 - editDistance(nk, nh) / longest;
      if (score >= FUZZY_FLOOR) consider({ header, name: k.name, confidence: Math.round(score * 0.85 * 100) / 100, reason: 'fuzzy' });
    }
  }
  return best;
}

/** Returns a suggestion for each header that matches a known name; each known name is used at most once, best first. */
export function suggestMapping(headers: readonly string[], known: readonly KnownName[]): readonly HeaderSuggestion[] {
  const all = headers.map((h) => matchHeader(h, known)).filter((s): s is HeaderSuggestion => s !== null);
  all.sort((a, b) => b.confidence - a.confidence);
  const used = new Set<string>();
  const out: HeaderSuggestion[] = [];
  for (const s of all) {
    if (used.has(s.name)) continue;
    used.add(s.name);
    out.push(s);
  }
  return headers.map((h) => out.find((s) => s.header === h)).filter((s): s is HeaderSuggestion => s !== undefined);
}

// The headers people give identifier columns, in the languages of the files we meet (data, not UI words).
const ID_NAMES: readonly (KnownName & { kind: IdKind })[] = [
  { name: 'thirdPartyId', kind: 'thirdPartyId', synonyms: idHeaderSynonyms.thirdPartyId },
  { name: 'pcId', kind: 'pcId', synonyms: idHeaderSynonyms.pcId },
];

/** Suggests which column holds the identifier and of which kind, or null when no header looks like one. */
export function suggestIdColumn(headers: readonly string[]): { readonly column: string; readonly kind: IdKind; readonly confidence: number } | null {
  let best: { column: string; kind: IdKind; confidence: number } | null = null;
  for (const h of headers) {
    for (const k of ID_NAMES) {
      const s = matchHeader(h, [k]);
      if (s && (!best || s.confidence > best.confidence)) best = { column: h, kind: k.kind, confidence: s.confidence };
    }
  }
  return best;
}
