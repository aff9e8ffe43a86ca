import { compileDateTransform } from './date-transform.js';

/** The source date formats a user picks from on the Map step (one per column; never a mix). */
export const DATE_SOURCE_FORMATS = ['DD/MM/YYYY', 'MM/DD/YYYY', 'YYYY-MM-DD', 'DD.MM.YYYY', 'YYYY.MM.DD'] as const;
export type DateSourceFormat = (typeof DATE_SOURCE_FORMATS)[number];

/** The format day-first and month-first forms are confused with (null for a format nobody swaps). */
const SWAPPED: Partial<Record<string, string>> = { 'DD/MM/YYYY': 'MM/DD/YYYY', 'MM/DD/YYYY': 'DD/MM/YYYY' };

/** What the detection found in a column's sample values. */
export interface DateDetection {
  /** The format that reads the most sample values (null when no format reads any). */
  readonly format: DateSourceFormat | null;
  /** Non-empty sample values, and how many of them `format` reads. */
  readonly values: number;
  readonly readable: number;
  /** True when another format reads as many values (day-first and month-first both fit): the user must choose. */
  readonly tied: boolean;
}

const readers = DATE_SOURCE_FORMATS.map((f) => ({ format: f, read: compileDateTransform(f, 'YYYY-MM-DD') }));

/** Picks the one source format that reads the most of `values` (first in DATE_SOURCE_FORMATS order on a tie, with `tied` set). */
export function detectDateFormat(values: readonly string[]): DateDetection {
  const present = values.map((v) => v.trim()).filter((v) => v !== '');
  let best: DateSourceFormat | null = null;
  let bestCount = 0;
  let tied = false;
  for (const { format, read } of readers) {
    let n = 0;
    for (const v of present) if (read(v) !== null) n++;
    if (n > bestCount) {
      best = format;
      bestCount = n;
      tied = false;
    } else if (n > 0 && n === bestCount) tied = true;
  }
  return { format: best, values: present.length, readable: bestCount, tied };
}

/**
 * Returns a test for values that `format` reads but that also read as another, different date under the
 * swapped day/month order (03/04/2026: 3 April or 4 March); null for formats without such a twin.
 */
export function compileDateAmbiguity(format: string): ((value: string) => boolean) | null {
  const other = SWAPPED[format];
  if (other === undefined) return null;
  const mine = compileDateTransform(format, 'YYYY-MM-DD');
  const theirs = compileDateTransform(other, 'YYYY-MM-DD');
  return (value) => {
    const a = mine(value);
    if (a === null || a === value) return false;
    const b = theirs(value);
    return b !== null && b !== a;
  };
}
