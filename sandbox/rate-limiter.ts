/** A sliding-window call counter per key (client code), in memory: a restart forgets the window. */
export class SlidingWindowLimiter {
  private readonly calls = new Map<string, number[]>();

  /** Records a call at `now` and returns `{ allowed: true }`, or `{ allowed: false, retryAfterMs }` without recording it when `limit` calls already fall in the window. */
  take(key: string, limit: number, windowMs: number, now: number): { readonly allowed: true } | { readonly allowed: false; readonly retryAfterMs: number } {
    let list = this.calls.get(key);
    if (!list) {
      list = [];
      this.calls.set(key, list);
    }
    let drop = 0;
    while (drop < list.length && (list[drop] as number) <= now - windowMs) drop++;
    if (drop > 0) list.splice(0, drop);
    if (list.length >= limit) return { allowed: false, retryAfterMs: Math.max(0, (list[0] as number) + windowMs - now) };
    list.push(now);
    return { allowed: true };
  }

  /** Forgets every recorded call for `key`. */
  reset(key: string): void {
    this.calls.delete(key);
  }
}

/** Rows (or updates) per key over a rolling window, in memory; used for the optional daily caps. */
export class RollingCounter {
  private readonly entries = new Map<string, { at: number; n: number }[]>();

  /** Returns the total counted for `key` in the window ending at `now`. */
  total(key: string, windowMs: number, now: number): number {
    const list = (this.entries.get(key) ?? []).filter((e) => e.at > now - windowMs);
    this.entries.set(key, list);
    return list.reduce((s, e) => s + e.n, 0);
  }

  /** Adds `n` for `key` at `now`. */
  add(key: string, n: number, now: number): void {
    const list = this.entries.get(key) ?? [];
    list.push({ at: now, n });
    this.entries.set(key, list);
  }
}
