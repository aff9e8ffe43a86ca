import type { VerifyDiff, VerifyOutcome } from '../../../shared/contract/verify.js';
import { backoffDelay, type BackoffPolicy } from '../../../shared/jobs/backoff.js';
import { compareProfile } from '../../../shared/verify/compare-profile.js';
import type { SettledRow } from '../../../shared/verify/verify-records.js';
import type { ProfileKeyKind } from '../../../shared/target/urls.js';
import type { Transport } from '../../upload/http-transport.js';
import { sleep } from '../../upload/sleep.js';
import { readProfile, type ProfileReach, type ReadPolicy } from './profile-reader.js';
import type { RowToCheck } from './verify-plan.js';

/** How a verification reads: its politeness budget, concurrency, read retries and the re-read backoff of rows not visible yet. */
export interface VerifyPace {
  /** Fetches per second at most; null = no limit. */
  readonly requestsPerSecond: number | null;
  readonly concurrency: number;
  readonly read: ReadPolicy;
  /** Waits between reads of a row that is not visible yet (capped by its deadline). */
  readonly recheck: BackoffPolicy;
}

/** What the runner needs from its owner. */
export interface VerifyRunnerDeps {
  readonly transport: Transport;
  readonly reach: ProfileReach;
  readonly keyKind: ProfileKeyKind;
  readonly pace: VerifyPace;
  /** Journals settled rows; resolves once they are on disk. */
  readonly record: (rows: readonly SettledRow[]) => Promise<void>;
  /** Called when counts change (throttled by the owner). */
  readonly onProgress: () => void;
  readonly now?: () => number;
}

/** A row read at least once that is not (fully) visible yet. */
interface Waiting {
  readonly row: RowToCheck;
  attempt: number;
  nextAt: number;
  /** What the last read found: no profile (null) or these differences. */
  last: readonly VerifyDiff[] | null;
}

/** How a run ended: every row settled, or stopped by `pause()`. */
export type RunEnd = 'finished' | 'paused';

/**
 * Reads planned rows back from Target and settles each one exactly once: `verified` as soon as every
 * sent value is there; a row with no profile or other values is read again with backoff until its
 * deadline (its batch's completion + the wait), then `missing` or `differs`. `stopWaiting()` settles the
 * rows still waiting at once (`not-yet-visible`, or `differs`). Settled rows are journaled in groups
 * through `record` before they count. Throws AppCallError when Target cannot be read (the caller pauses).
 */
export class VerifyRunner {
  private readonly waiting = new Map<number, Waiting>();
  private readonly abort = new AbortController();
  private pending: SettledRow[] = [];
  private lastFlush = 0;
  private flushing: Promise<void> = Promise.resolve();
  private nextSlot = 0;
  private stopWaitingNow = false;
  private wake: (() => void) | null = null;
  readonly counts: Record<VerifyOutcome, number> = { verified: 0, differs: 0, missing: 0, 'not-yet-visible': 0 };
  /** Fetches made (for progress and the bench). */
  fetches = 0;

  constructor(private readonly deps: VerifyRunnerDeps) {}

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  /** Rows read at least once and waiting to become visible. */
  get waitingCount(): number {
    return this.waiting.size;
  }

  /** The latest deadline of a waiting row (epoch ms), or null. */
  get deadline(): number | null {
    let last: number | null = null;
    for (const w of this.waiting.values()) last = Math.max(last ?? 0, w.row.deadline);
    return last;
  }

  /** Reads every row of `batches` (loaded one batch at a time, the next while this one is read), then waits out the rows not visible yet. */
  async run(batches: AsyncIterable<readonly RowToCheck[]>): Promise<RunEnd> {
    try {
      // The next batch's rows load while this one is read, so the lanes never wait on the disk.
      const source = batches[Symbol.asyncIterator]();
      let upcoming = source.next();
      for (;;) {
        const { done, value: rows } = await upcoming;
        if (done) break;
        upcoming = source.next();
        await this.pool(rows, (row) => this.check({ row, attempt: 0, nextAt: 0, last: null }));
        if (this.abort.signal.aborted) {
          await upcoming.catch(() => undefined);
          return 'paused';
        }
      }
      while (this.waiting.size > 0) {
        if (this.stopWaitingNow) {
          for (const w of [...this.waiting.values()]) this.settle(w.row, w.last === null ? 'not-yet-visible' : 'differs', w.last);
          break;
        }
        const due = [...this.waiting.values()].filter((w) => w.nextAt <= this.now());
        if (due.length === 0) {
          const next = Math.min(...[...this.waiting.values()].map((w) => w.nextAt));
          await this.idle(next - this.now());
          if (this.abort.signal.aborted) return 'paused';
          continue;
        }
        await this.pool(due, (w) => this.check(w));
        if (this.abort.signal.aborted) return 'paused';
      }
      return 'finished';
    } catch (error) {
      if (this.abort.signal.aborted) return 'paused';
      throw error;
    } finally {
      await this.flush();
    }
  }

  /** Stops reading: calls in flight are dropped (their rows stay unsettled and are read again on resume). */
  pause(): void {
    this.abort.abort(new Error('verification paused'));
    this.wake?.();
  }

  /** Settles every row still waiting now (not yet visible, or differing) and lets the run finish. */
  stopWaiting(): void {
    this.stopWaitingNow = true;
    this.wake?.();
  }

  private async idle(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, Math.max(0, ms));
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.wake = null;
  }

  /** Runs `work` over `items` with the configured concurrency; the first error stops the others. */
  private async pool<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
    let next = 0;
    const lanes = Array.from({ length: Math.min(this.deps.pace.concurrency, items.length) }, async () => {
      while (next < items.length && !this.abort.signal.aborted) {
        const item = items[next++] as T;
        await work(item);
      }
    });
    const results = await Promise.allSettled(lanes);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) {
      this.abort.abort(failed.reason);
      throw failed.reason;
    }
  }

  /** Waits for the next request slot of the politeness budget. */
  private async slot(): Promise<void> {
    const rps = this.deps.pace.requestsPerSecond;
    if (rps === null || rps <= 0) return;
    const now = this.now();
    const at = Math.max(now, this.nextSlot);
    this.nextSlot = at + 1000 / rps;
    if (at > now) await sleep(at - now, this.abort.signal);
  }

  private async check(w: Waiting): Promise<void> {
    await this.slot();
    this.fetches += 1;
    const profile = await readProfile(this.deps.transport, this.deps.reach, this.deps.keyKind, w.row.key, this.deps.pace.read, this.abort.signal);
    const match = profile === null ? null : compareProfile(w.row.sent, profile);
    if (match?.kind === 'verified') return this.settle(w.row, 'verified', null);
    const last = match === null ? null : match.diffs;
    const now = this.now();
    if (now >= w.row.deadline) return this.settle(w.row, last === null ? 'missing' : 'differs', last);
    if (this.stopWaitingNow) return this.settle(w.row, last === null ? 'not-yet-visible' : 'differs', last);
    w.attempt += 1;
    w.last = last;
    w.nextAt = Math.min(w.row.deadline, now + backoffDelay(w.attempt, this.deps.pace.recheck));
    this.waiting.set(w.row.line, w);
    this.deps.onProgress();
  }

  private settle(row: RowToCheck, outcome: VerifyOutcome, diffs: readonly VerifyDiff[] | null): void {
    this.waiting.delete(row.line);
    this.pending.push(diffs && outcome === 'differs' ? { l: row.line, o: outcome, d: [...diffs] } : { l: row.line, o: outcome });
    this.counts[outcome] += 1;
    // Settled rows reach the journal in groups (one fsync each): at most a second's reads are repeated after a crash.
    if (this.pending.length >= 1000 || this.now() - this.lastFlush >= 1000) void this.flush();
    this.deps.onProgress();
  }

  /** Journals settled rows not yet on disk; a journal that cannot be written stops the run. */
  private flush(): Promise<void> {
    const rows = this.pending;
    this.pending = [];
    this.lastFlush = this.now();
    this.flushing = this.flushing.then(async () => {
      if (rows.length > 0) await this.deps.record(rows);
    });
    this.flushing.catch((error: unknown) => this.abort.abort(error));
    return this.flushing;
  }
}

