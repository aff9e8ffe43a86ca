// The one seeded generator of the repository (sandbox fault draws, io fuzzing, hostile fixture bytes):
// sandbox/ stands alone, so the others import it from here.

/** Returns a deterministic pseudo-random generator in [0, 1) (mulberry32) for a 32-bit seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
