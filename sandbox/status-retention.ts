import type { StatusRetention } from './settings.js';

/**
 * Which batch statuses a client can still read (§12.3: Target kept only the last few statuses per
 * client, for at most 24 hours). Batches are numbered per client in the order they were accepted; a
 * batch more than `maxBatches` behind its client's newest one has aged out. Kept in memory and rebuilt
 * from the store at start.
 */
export class StatusRetentionIndex {
  private readonly seqOf = new Map<string, number>();
  private readonly lastOf = new Map<string, number>();

  /** Records a newly accepted batch of `client` (call in acceptance order). */
  note(client: string, batchId: string): void {
    const next = (this.lastOf.get(client) ?? 0) + 1;
    this.lastOf.set(client, next);
    this.seqOf.set(batchId, next);
  }

  /** True when the batch's status is no longer kept under `retention` (by count, or by age from `acceptedAt`). */
  agedOut(client: string, batchId: string, acceptedAt: number, retention: StatusRetention, now: number): boolean {
    if (retention.maxAgeMs !== null && now - acceptedAt > retention.maxAgeMs) return true;
    if (retention.maxBatches === null) return false;
    const seq = this.seqOf.get(batchId);
    if (seq === undefined) return false;
    return (this.lastOf.get(client) ?? seq) - seq >= retention.maxBatches;
  }
}
