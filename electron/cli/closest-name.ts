import { editDistance } from '../../shared/domain/header-match.js';

/**
 * The candidate the user most likely meant by `typed` (a mistyped flag or command): the nearest by
 * edit distance, ignoring case (a swap of two neighbouring letters is one edit), when it is at most a
 * third of the name away (one typo in a short name); else the one candidate that starts with `typed`
 * (3+ letters); else undefined.
 */
export function closestName(typed: string, candidates: readonly string[]): string | undefined {
  const t = typed.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(t, c.toLowerCase(), true);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  if (best !== undefined && bestDistance <= Math.max(1, Math.floor(Math.max(t.length, best.length) / 3))) return best;
  const starting = t.length >= 3 ? candidates.filter((c) => c.toLowerCase().startsWith(t)) : [];
  return starting.length === 1 ? starting[0] : undefined;
}
