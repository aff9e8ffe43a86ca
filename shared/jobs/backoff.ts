/** Settings of a bounded exponential backoff. */
export interface BackoffPolicy {
  /** Wait before the first retry. */
  readonly baseMs: number;
  /** No wait is ever longer than this. */
  readonly maxMs: number;
  /** Share of the wait that is randomised (0 = none, 1 = "full jitter"). */
  readonly jitter: number;
}

/** The engine's default for 5xx and network errors: 1 s, 2 s, 4 s… capped at 60 s, half of it random. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1000, maxMs: 60_000, jitter: 0.5 };

/**
 * Returns the wait before retry number `attempt` (1 = first retry): base·2^(attempt−1), capped at
 * maxMs, with the `jitter` share drawn from `random()` in [0, 1). Never negative, never above maxMs.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  const jitter = Math.min(1, Math.max(0, policy.jitter));
  const fixed = exp * (1 - jitter);
  return Math.round(Math.min(policy.maxMs, fixed + exp * jitter * random()));
}

/** Minimum wait after a 503 when Target gives no usable Retry-After (the documented throttle lasts 30–60 s). */
export const MIN_THROTTLE_WAIT_MS = 60_000;

/**
 * Returns how long to wait after a throttle answer: the Retry-After header (seconds or an HTTP date)
 * when present and readable, otherwise `fallbackMs`. `nowMs` is only used for the date form.
 */
export function throttleWait(retryAfter: string | null | undefined, nowMs: number, fallbackMs: number = MIN_THROTTLE_WAIT_MS): number {
  if (retryAfter === null || retryAfter === undefined || retryAfter.trim() === '') return fallbackMs;
  const text = retryAfter.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isFinite(date)) return Math.max(0, date - nowMs);
  return fallbackMs;
}
