/** The batch-level status values Target documents for `batchStatus` (§3.3). */
export const BATCH_STATUSES = ['incomplete', 'complete', 'stuck'] as const;

/** One documented batch status. */
export type BatchStatus = (typeof BATCH_STATUSES)[number];

/** Returns true when `value` is one of the documented batch statuses (anything else means "unknown, keep polling"). */
export function isBatchStatus(value: string): value is BatchStatus {
  return (BATCH_STATUSES as readonly string[]).includes(value);
}

/** Returns true for statuses after which a batch never changes again (`complete`, `stuck`). */
export function isTerminalBatchStatus(status: BatchStatus): boolean {
  return status !== 'incomplete';
}
