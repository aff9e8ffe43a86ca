import type { JobTotals } from './job-summary.js';

/** How an ended upload went, in one word a colour and a headline follow. */
export type OutcomeKind =
  /** Every sent row was updated. */
  | 'all-updated'
  /** Some rows were updated, some were not (not found, failed or unknown). */
  | 'partly-updated'
  /** Nothing was updated and every sent row was "not found" (v1 updates existing profiles only). */
  | 'none-not-found'
  /** Nothing was updated (failures, unknown outcomes, or a mix). */
  | 'none-updated'
  /** Stopped before the end. */
  | 'cancelled';

/** The tone of an outcome: the colour of its headline and toast. */
export type OutcomeTone = 'positive' | 'notice' | 'negative';

/** The row counts an outcome names, in the order the app says them; only non-zero ones are listed. */
export const OUTCOME_COUNTS = ['confirmed', 'notFound', 'failed', 'unknown', 'rejected', 'excluded'] as const;
export type OutcomeCount = (typeof OUTCOME_COUNTS)[number];

/** What the app says about an ended upload: its kind and tone, and every non-zero count by name. */
export interface OutcomeHeadline {
  readonly kind: OutcomeKind;
  readonly tone: OutcomeTone;
  readonly counts: readonly { readonly key: OutcomeCount; readonly value: number }[];
}

/**
 * Sums up an ended upload honestly (pure): "finished" is a success only when every row sent was
 * updated; an upload that updated nothing is negative whatever the reason, and one that updated some
 * rows and not others is a notice. Left-out rows (blocked or excluded) are named but do not change the tone.
 */
export function outcomeHeadline(totals: JobTotals, state: 'completed' | 'cancelled'): OutcomeHeadline {
  const counts = OUTCOME_COUNTS.map((key) => ({ key, value: totals[key] })).filter((c) => c.value > 0);
  const notUpdated = totals.notFound + totals.failed + totals.unknown;
  if (state === 'cancelled') return { kind: 'cancelled', tone: totals.confirmed > 0 ? 'notice' : 'negative', counts };
  if (totals.confirmed === 0) {
    const onlyNotFound = totals.notFound > 0 && totals.failed + totals.unknown === 0;
    return { kind: onlyNotFound ? 'none-not-found' : 'none-updated', tone: 'negative', counts };
  }
  if (notUpdated === 0) return { kind: 'all-updated', tone: 'positive', counts };
  return { kind: 'partly-updated', tone: 'notice', counts };
}
