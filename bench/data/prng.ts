/** A seeded xorshift PRNG: `next(n)` is an integer in [0, n). The same seed gives the same sequence, so bench files are the same bytes on every run. */
export function prng(seed: number): (n: number) => number {
  let x = seed >>> 0 || 1;
  return (n) => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x % n;
  };
}
