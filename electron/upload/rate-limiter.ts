import { RateWindow, TARGET_CALLS_PER_WINDOW, TARGET_WINDOW_MS } from '../../shared/jobs/rate-window.js';
import { sleep } from './sleep.js';

/** Settings of the per-client limiter; `safetyMs` widens the window to absorb network delay between our clock and Target's. */
export interface RateLimitSettings {
  readonly callsPerWindow: number;
  readonly windowMs: number;
  readonly safetyMs: number;
}

/** Target's documented budget (50 a minute) with one second of margin. */
export const DEFAULT_RATE_LIMIT: RateLimitSettings = { callsPerWindow: TARGET_CALLS_PER_WINDOW, windowMs: TARGET_WINDOW_MS, safetyMs: 1000 };

/**
 * The limiter of one client code: every batchUpdate POST and every status poll waits here first,
 * whichever job it belongs to. Calls are granted in arrival order.
 */
export class ClientRateLimiter {
  private readonly window: RateWindow;
  private tail: Promise<void> = Promise.resolve();
  /** Start times of granted calls, for audits and tests (last 10,000). */
  readonly granted: number[] = [];

  constructor(
    readonly settings: RateLimitSettings = DEFAULT_RATE_LIMIT,
    private readonly now: () => number = Date.now,
  ) {
    this.window = new RateWindow({ limit: settings.callsPerWindow, windowMs: settings.windowMs + settings.safetyMs });
  }

  /**
   * Resolves when one more call may start (and counts it) to a `done` function the caller runs when
   * the call has ended, so the call counts from its end; rejects with the signal's reason if aborted
   * while waiting.
   */
  acquire(signal?: AbortSignal): Promise<() => void> {
    const turn = this.tail.then(async () => {
      for (;;) {
        signal?.throwIfAborted();
        const now = this.now();
        const at = this.window.nextSlot(now);
        if (at <= now) {
          const stamp = this.window.record(now);
          this.granted.push(now);
          if (this.granted.length > 10_000) this.granted.splice(0, this.granted.length - 10_000);
          return () => this.window.settle(stamp, this.now());
        }
        await sleep(at - now, signal);
      }
    });
    this.tail = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  /** Holds every call to this client until `ms` from now (after a 503/429). */
  holdFor(ms: number): void {
    this.window.blockUntil(this.now() + ms);
  }
}

/** One limiter per client code, shared by every job in this process. */
export class RateLimiterRegistry {
  private readonly limiters = new Map<string, ClientRateLimiter>();

  constructor(private readonly settings: RateLimitSettings = DEFAULT_RATE_LIMIT) {}

  /** Returns the limiter of `clientCode`, creating it on first use. */
  for(clientCode: string): ClientRateLimiter {
    const key = clientCode.toLowerCase();
    let l = this.limiters.get(key);
    if (!l) {
      l = new ClientRateLimiter(this.settings);
      this.limiters.set(key, l);
    }
    return l;
  }
}
