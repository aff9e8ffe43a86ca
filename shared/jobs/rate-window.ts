/** Target's documented budget: 50 calls a minute per account (target-profile-api.md §5). */
export const TARGET_CALLS_PER_WINDOW = 50;
export const TARGET_WINDOW_MS = 60_000;

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
  private stamps: number[] = [];
  private blockedUntil = 0;

  constructor(readonly settings: RateWindowSettings = { limit: TARGET_CALLS_PER_WINDOW, windowMs: TARGET_WINDOW_MS }) {
    if (!(settings.limit >= 1) || !(settings.windowMs > 0)) throw new Error('RateWindow needs limit ≥ 1 and windowMs > 0');
  }

  /** Returns the earliest time ≥ now at which one more call may start. */
  nextSlot(now: number): number {
    this.forget(now);
    let at = Math.max(now, this.blockedUntil);
    if (this.stamps.length >= this.settings.limit) {
      const oldestInWay = this.stamps[this.stamps.length - this.settings.limit] as number;
      at = Math.max(at, oldestInWay + this.settings.windowMs);
    }
    return at;
  }

  /** Records a call starting at `at`; callers must have waited until nextSlot(). */
  record(at: number): void {
    this.stamps.push(at);
  }

  /** Blocks every call until `until` (after a 503), never shortening an existing block. */
  blockUntil(until: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, until);
  }

  /** Calls recorded within the window ending at `now`. */
  countInWindow(now: number): number {
    this.forget(now);
    return this.stamps.filter((t) => t > now - this.settings.windowMs).length;
  }

  private forget(now: number): void {
    // Keep only what can still affect a future slot: the last `limit` stamps inside the window.
    const cutoff = now - this.settings.windowMs;
    let drop = 0;
    while (drop < this.stamps.length && (this.stamps[drop] as number) <= cutoff) drop++;
    if (drop > 0) this.stamps = this.stamps.slice(drop);
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
