/** The batch-level status values Target documents for `batchStatus` (§3.3). */
export const BATCH_STATUSES = ['incomplete', 'complete', 'stuck'] as const;

/** One documented batch status. */
export type BatchStatus = (typeof BATCH_STATUSES)[number];

/** Returns true when `value` is one of the documented batch statuses (anything else means "unknown, keep polling"). */
export function isBatchStatus(value: string): value is BatchStatus {
  return (BATCH_STATUSES as readonly string[]).includes(value);
}

/**
 * True when a per-row `<status>` of a v2 answer means the row failed (`failed`, or `error` in the older
 * form). `success` and `pending` ("not updated or created yet", §12.3) are not failures;
 * case-insensitive; any other word (or none) counts as a failure, as before.
 */
export function isFailedRowStatus(status: string): boolean {
  const s = status.trim().toLowerCase();
  return s !== 'success' && s !== 'pending';
}
