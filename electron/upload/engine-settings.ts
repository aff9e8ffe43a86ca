import { DEFAULT_BACKOFF, MIN_THROTTLE_WAIT_MS, type BackoffPolicy } from '../../shared/jobs/backoff.js';
import { DEFAULT_RATE_LIMIT, type RateLimitSettings } from './rate-limiter.js';

/** Engine knobs that are not part of a job (they come from the app's settings file). */
export interface EngineSettings {
  /** Backoff for 5xx answers and network errors (POST and poll). */
  readonly backoff: BackoffPolicy;
  /** Wait after a 503/429 without a usable Retry-After (Target's throttle lasts 30–60 s). */
  readonly throttleFallbackMs: number;
  /** Throttle answers in a row for one batch before it fails. */
  readonly maxThrottleRetries: number;
  readonly postTimeoutMs: number;
  readonly pollTimeoutMs: number;
  readonly rateLimit: RateLimitSettings;
}

/** The defaults for real Target. */
export function defaultEngineSettings(): EngineSettings {
  return {
    backoff: DEFAULT_BACKOFF,
    throttleFallbackMs: MIN_THROTTLE_WAIT_MS,
    maxThrottleRetries: 30,
    postTimeoutMs: 10 * 60_000,
    pollTimeoutMs: 60_000,
    rateLimit: DEFAULT_RATE_LIMIT,
  };
}
