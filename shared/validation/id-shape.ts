/** What the file's identifiers look like, learned from a sample: all-digit ids of one length, some with leading zeros. */
export interface IdShape {
  readonly digits: number;
}

const DIGITS = /^\d+$/;

/** Returns the evident id shape of a sample (≥ 20 all-digit ids, ≥ 90% one length, some starting with 0), or null. */
export function learnIdShape(ids: readonly string[]): IdShape | null {
  const lengths = new Map<number, number>();
  let numeric = 0;
  let zeroLed = 0;
  for (const id of ids) {
    if (!DIGITS.test(id)) continue;
    numeric++;
    lengths.set(id.length, (lengths.get(id.length) ?? 0) + 1);
    if (id.charCodeAt(0) === 48) zeroLed++;
  }
  if (numeric < 20 || zeroLed === 0) return null;
  let best = 0;
  let bestLen = 0;
  for (const [len, count] of lengths) {
    if (count > best) {
      best = count;
      bestLen = len;
    }
  }
  return best / numeric >= 0.9 ? { digits: bestLen } : null;
}
