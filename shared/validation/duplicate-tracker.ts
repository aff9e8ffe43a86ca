/**
 * Remembers every identifier seen so far in 12 bytes each (a 64-bit hash and the row, side by side so a
 * lookup touches one cache line), so a 2,000,000-row file needs tens of megabytes, not a Set of strings.
 * Two different ids whose 64-bit hashes collide would be taken for duplicates; at a few million rows the
 * odds are below one in a million.
 */
export class DuplicateTracker {
  private mask: number;
  /** Slot i: [3i] low hash, [3i+1] high hash, [3i+2] row (0 = empty). */
  private table: Uint32Array;
  private count = 0;
  /** Written by `warm` so its reads are not optimised away. */
  warmed = 0;

  constructor(initialCapacity = 1 << 16) {
    let cap = 1 << 4;
    while (cap < initialCapacity) cap <<= 1;
    this.mask = cap - 1;
    this.table = new Uint32Array(cap * 3);
  }

  /** Records `id` at `row` (rows start at 1); returns the first row that had the same id, or 0 when it is new. */
  see(id: string, row: number): number {
    hashId(id, scratch, 0);
    return this.seeHashed(scratch[0]!, scratch[1]!, row);
  }

  /**
   * Reads the table slots of ids `from … to - 1` of `hashes` (filled by `hashId`, two words per id) so
   * they are in the CPU cache when `seeHashed` asks for them soon after. A slot of a table of tens of
   * megabytes is a wait on main memory; read in a tight loop, many of those waits overlap instead of
   * stalling one row at a time. Changes nothing.
   */
  warm(hashes: Uint32Array, from: number, to: number): void {
    const t = this.table;
    const mask = this.mask;
    let sink = 0;
    for (let i = from; i < to; i++) {
      const lo = hashes[2 * i]!;
      const hi = hashes[2 * i + 1]!;
      sink |= t[((lo ^ (hi >>> 7)) & mask) * 3 + 2]!;
    }
    this.warmed = sink;
  }

  /** `see` for an id already hashed by `hashId` into `lo` and `hi`. */
  seeHashed(lo: number, hi: number, row: number): number {
    const t = this.table;
    let slot = (lo ^ (hi >>> 7)) & this.mask;
    for (;;) {
      const at = slot * 3;
      const r = t[at + 2]!;
      if (r === 0) break;
      if (t[at] === lo && t[at + 1] === hi) return r;
      slot = (slot + 1) & this.mask;
    }
    const at = slot * 3;
    t[at] = lo;
    t[at + 1] = hi;
    t[at + 2] = row;
    if (++this.count * 4 > (this.mask + 1) * 3) this.grow();
    return 0;
  }

  private grow(): void {
    const old = this.table;
    const cap = (this.mask + 1) * 2;
    this.mask = cap - 1;
    const t = new Uint32Array(cap * 3);
    for (let i = 0; i < old.length; i += 3) {
      const r = old[i + 2]!;
      if (r === 0) continue;
      const lo = old[i]!;
      const hi = old[i + 1]!;
      let slot = (lo ^ (hi >>> 7)) & this.mask;
      while (t[slot * 3 + 2] !== 0) slot = (slot + 1) & this.mask;
      t[slot * 3] = lo;
      t[slot * 3 + 1] = hi;
      t[slot * 3 + 2] = r;
    }
    this.table = t;
  }
}

const scratch = new Uint32Array(2);

/** Writes the 64-bit hash DuplicateTracker uses for `id` into `out[at]` (low word) and `out[at + 1]` (high word). */
export function hashId(id: string, out: Uint32Array, at: number): void {
  let lo = 0x811c9dc5;
  let hi = 0x01000193 ^ id.length;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    lo = Math.imul(lo ^ c, 0x01000193);
    hi = Math.imul(hi ^ c, 0x5bd1e995) ^ (hi >>> 15);
  }
  out[at] = lo >>> 0;
  out[at + 1] = (hi | 1) >>> 0;
}
