import type { RateEstimate } from '../contract/verify.js';

/**
 * The share `hits / n` with its Wilson score interval at 95% confidence (z = 1.96), which stays inside
 * [0, 1] and is honest for rare events (a sample with no miss still says "up to …"). Null when n is 0.
 */
export function wilsonInterval(hits: number, n: number, z = 1.96): RateEstimate | null {
  if (n <= 0) return null;
  const p = hits / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const margin = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const denominator = 1 + z2 / n;
  return { rate: p, low: Math.max(0, (centre - margin) / denominator), high: Math.min(1, (centre + margin) / denominator) };
}
