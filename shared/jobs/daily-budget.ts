/** One batch POST as the usage ledger records it (written before the POST; taken back when Target refused it). */
export interface UsageEntry {
  /** Epoch milliseconds when the batch was about to be POSTed. */
  readonly at: number;
  readonly rows: number;
  readonly jobId: string;
  /** The batch and attempt (absent in entries written by older versions, which recorded acknowledged batches). */
  readonly batch?: number;
  readonly attempt?: number;
}

export const DAY_MS = 24 * 3600_000;

/** Returns the rows sent in the rolling 24 h ending at `now`. */
export function rowsInLastDay(entries: readonly UsageEntry[], now: number): number {
  return entries.reduce((n, e) => (e.at > now - DAY_MS && e.at <= now ? n + e.rows : n), 0);
}

/** Whether a batch fits the daily row budget now, and if not when it will (null: it never fits, the batch alone is too big). */
export type BudgetCheck = { readonly ok: true } | { readonly ok: false; readonly used: number; readonly fitsAt: number | null };

/**
 * Checks a batch of `rows` against `budget` rows per rolling 24 h given the `entries` sent (or being
 * sent) plus `reserved` rows not yet recorded. Pure; `budget` null means no cap.
 */
export function checkDailyBudget(budget: number | null, entries: readonly UsageEntry[], reserved: number, rows: number, now: number): BudgetCheck {
  if (budget === null) return { ok: true };
  const used = rowsInLastDay(entries, now) + reserved;
  if (used + rows <= budget) return { ok: true };
  if (rows + reserved > budget) return { ok: false, used, fitsAt: null };
  // Walk the entries oldest first until enough rows fall out of the window.
  const live = entries.filter((e) => e.at > now - DAY_MS && e.at <= now).sort((a, b) => a.at - b.at);
  let remaining = used;
  for (const e of live) {
    remaining -= e.rows;
    if (remaining + rows <= budget) return { ok: false, used, fitsAt: e.at + DAY_MS };
  }
  return { ok: false, used, fitsAt: null };
}
