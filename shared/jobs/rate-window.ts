/** Target's documented budget: 50 calls a minute per account (target-profile-api.md §5). */
export const TARGET_CALLS_PER_WINDOW = 50;
export const TARGET_WINDOW_MS = 60_000;

/** One recorded call; its time can move later once the call ends (see RateWindow.settle). */
export interface CallStamp {
  at: number;
}

/** Settings of a sliding-window limiter. */
export interface RateWindowSettings {
  readonly limit: number;
  readonly windowMs: number;
}

/**
 * A sliding-window log: at most `limit` calls start inside any span of `windowMs`. Pure bookkeeping
 * over timestamps the caller passes in (so tests use a fake clock); the async waiting lives in
 * electron/upload/rate-limiter.ts. A throttle answer from Target blocks every call until a given time.
 */
export class RateWindow {
  private stamps: CallStamp[] = [];
  private blockedUntil = 0;

  constructor(readonly settings: RateWindowSettings = { limit: TARGET_CALLS_PER_WINDOW, windowMs: TARGET_WINDOW_MS }) {
    if (!(settings.limit >= 1) || !(settings.windowMs > 0)) throw new Error('RateWindow needs limit ≥ 1 and windowMs > 0');
  }

  /** Returns the earliest time ≥ now at which one more call may start. */
  nextSlot(now: number): number {
    this.forget(now);
    let at = Math.max(now, this.blockedUntil);
    if (this.stamps.length >= this.settings.limit) {
      const sorted = this.stamps.map((s) => s.at).sort((a, b) => a - b);
      const oldestInWay = sorted[sorted.length - this.settings.limit] as number;
      at = Math.max(at, oldestInWay + this.settings.windowMs);
    }
    return at;
  }

  /** Records a call starting at `at` (callers must have waited until nextSlot()); returns its stamp. */
  record(at: number): CallStamp {
    const stamp = { at };
    this.stamps.push(stamp);
    return stamp;
  }

  /**
   * Moves a call's stamp to `at` when that is later: a call counts from when it ended, because the
   * server may count it anywhere between our start and its answer (a large POST arrives late).
   */
  settle(stamp: CallStamp, at: number): void {
    stamp.at = Math.max(stamp.at, at);
  }

  /** Blocks every call until `until` (after a 503), never shortening an existing block. */
  blockUntil(until: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, until);
  }

  /** Calls recorded within the window ending at `now`. */
  countInWindow(now: number): number {
    this.forget(now);
    return this.stamps.length;
  }

  private forget(now: number): void {
    const cutoff = now - this.settings.windowMs;
    if (this.stamps.some((s) => s.at <= cutoff)) this.stamps = this.stamps.filter((s) => s.at > cutoff);
  }
}

/** Returns the largest number of stamps found inside any window of `windowMs` (a checker for tests and audits). */
export function maxCallsInAnyWindow(stamps: readonly number[], windowMs: number): number {
  const sorted = [...stamps].sort((a, b) => a - b);
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < sorted.length; hi++) {
    while ((sorted[hi] as number) - (sorted[lo] as number) >= windowMs) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}
