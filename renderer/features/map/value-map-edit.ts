import type { ColumnTransform } from '../../../shared/domain/mapping-spec.js';

/** A value-map step as the Map step edits it. */
export type ValueMapStep = Extract<ColumnTransform, { kind: 'valueMap' }>;

/** One line of the replacements editor: a value found in the file and what to send instead. */
export interface ValuePair {
  readonly from: string;
  readonly to: string;
}

/** The editor's lines for a value map, in the map's order, plus one empty line to type into when the map is empty. */
export function pairsOf(step: ValueMapStep): ValuePair[] {
  const pairs = Object.entries(step.map).map(([from, to]) => ({ from, to }));
  return pairs.length > 0 ? pairs : [{ from: '', to: '' }];
}

/** Lines whose value repeats an earlier line's (case-insensitively when `ignoreCase`), by index: only the first of them counts. */
export function repeatedPairs(pairs: readonly ValuePair[], ignoreCase: boolean): Set<number> {
  const seen = new Set<string>();
  const out = new Set<number>();
  pairs.forEach((p, i) => {
    if (p.from === '') return;
    const key = ignoreCase ? p.from.toLowerCase() : p.from;
    if (seen.has(key)) out.add(i);
    seen.add(key);
  });
  return out;
}

/** The value-map step the lines stand for: empty `from` lines and repeats are left out; the options are kept. */
export function stepOf(pairs: readonly ValuePair[], options: Pick<ValueMapStep, 'ignoreCase' | 'otherwise'>): ValueMapStep {
  const repeats = repeatedPairs(pairs, options.ignoreCase);
  const map: Record<string, string> = {};
  pairs.forEach((p, i) => {
    if (p.from !== '' && !repeats.has(i)) map[p.from] = p.to;
  });
  return { kind: 'valueMap', map, ignoreCase: options.ignoreCase, otherwise: options.otherwise };
}

/** Returns the lines with line `index` changed. */
export function withPair(pairs: readonly ValuePair[], index: number, change: Partial<ValuePair>): ValuePair[] {
  return pairs.map((p, i) => (i === index ? { ...p, ...change } : p));
}

/** Returns the lines without line `index` (one empty line stays when the last goes). */
export function withoutPair(pairs: readonly ValuePair[], index: number): ValuePair[] {
  const rest = pairs.filter((_, i) => i !== index);
  return rest.length > 0 ? rest : [{ from: '', to: '' }];
}
