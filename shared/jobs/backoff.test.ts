import { describe, expect, it } from 'vitest';
import { backoffDelay, MIN_THROTTLE_WAIT_MS, throttleWait } from './backoff.js';

describe('backoffDelay', () => {
  const policy = { baseMs: 1000, maxMs: 30_000, jitter: 0.5 };
  it('doubles per attempt, with half of it random, and stays under the cap', () => {
    expect(backoffDelay(1, policy, () => 0)).toBe(500);
    expect(backoffDelay(1, policy, () => 0.999999)).toBe(1000);
    expect(backoffDelay(3, policy, () => 0)).toBe(2000);
    expect(backoffDelay(20, policy, () => 0.999999)).toBe(30_000);
    for (let a = 1; a < 30; a++) expect(backoffDelay(a, policy)).toBeLessThanOrEqual(30_000);
  });
  it('has no randomness with jitter 0', () => {
    expect(backoffDelay(2, { baseMs: 100, maxMs: 1000, jitter: 0 }, () => 0.7)).toBe(200);
  });
});

describe('throttleWait', () => {
  it('honours Retry-After seconds and dates, else waits at least a minute', () => {
    expect(throttleWait('2', 0)).toBe(2000);
    expect(throttleWait(null, 0)).toBe(MIN_THROTTLE_WAIT_MS);
    expect(throttleWait('soon', 0)).toBe(MIN_THROTTLE_WAIT_MS);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(throttleWait('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
  });
});
