import type { RouteFaults } from './settings.js';

/** What a fault roll decided for one request. */
export type FaultDecision =
  | { readonly kind: 'none'; readonly delayMs: number }
  | { readonly kind: 'reset' }
  | { readonly kind: 'error'; readonly status: number; readonly delayMs: number }
  | { readonly kind: 'throttle'; readonly status: number; readonly retryAfterSeconds: number; readonly delayMs: number };

/**
 * Rolls the faults of one route with one draw so each configured rate is exact: the first
 * `resetRate` of [0,1) resets, the next `errorRate` errors, the next `throttleRate` throttles.
 * A second draw decides the slow-response delay.
 */
export function rollFaults(f: RouteFaults, random: () => number): FaultDecision {
  const delayMs = f.slowRate > 0 && f.slowMs > 0 && random() < f.slowRate ? f.slowMs : 0;
  if (f.resetRate === 0 && f.errorRate === 0 && f.throttleRate === 0) return { kind: 'none', delayMs };
  const u = random();
  if (u < f.resetRate) return { kind: 'reset' };
  if (u < f.resetRate + f.errorRate) {
    const statuses = f.errorStatuses.length > 0 ? f.errorStatuses : [500];
    return { kind: 'error', status: statuses[Math.floor(random() * statuses.length)] as number, delayMs };
  }
  if (u < f.resetRate + f.errorRate + f.throttleRate) return { kind: 'throttle', status: f.throttleStatus, retryAfterSeconds: f.retryAfterSeconds, delayMs };
  return { kind: 'none', delayMs };
}
