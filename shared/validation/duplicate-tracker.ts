/**
 * Remembers every identifier seen so far in 12 bytes each (a 64-bit hash and the row), so a
 * 2,000,000-row file needs tens of megabytes, not a Set of strings. Two different ids whose 64-bit
 * hashes collide would be taken for duplicates; at a few million rows the odds are below one in a million.
 */
export class DuplicateTracker {
  private mask: number;
  private hashLo: Uint32Array;
  private hashHi: Uint32Array;
  private rows: Int32Array;
  private count = 0;

  constructor(initialCapacity = 1 << 16) {
    let cap = 1 << 4;
    while (cap < initialCapacity) cap <<= 1;
    this.mask = cap - 1;
    this.hashLo = new Uint32Array(cap);
    this.hashHi = new Uint32Array(cap);
    this.rows = new Int32Array(cap);
  }

  /** Records `id` at `row` (rows start at 1); returns the first row that had the same id, or 0 when it is new. */
  see(id: string, row: number): number {
    let lo = 0x811c9dc5;
    let hi = 0x01000193 ^ id.length;
    for (let i = 0; i < id.length; i++) {
      const c = id.charCodeAt(i);
      lo = Math.imul(lo ^ c, 0x01000193);
      hi = Math.imul(hi ^ c, 0x5bd1e995) ^ (hi >>> 15);
    }
    lo >>>= 0;
    hi = (hi | 1) >>> 0; // never 0: 0 marks an empty slot together with row 0
    let slot = (lo ^ (hi >>> 7)) & this.mask;
    for (;;) {
      const r = this.rows[slot]!;
      if (r === 0) break;
      if (this.hashLo[slot] === lo && this.hashHi[slot] === hi) return r;
      slot = (slot + 1) & this.mask;
    }
    this.hashLo[slot] = lo;
    this.hashHi[slot] = hi;
    this.rows[slot] = row;
    if (++this.count * 4 > (this.mask + 1) * 3) this.grow();
    return 0;
  }

  private grow(): void {
    const oldLo = this.hashLo;
    const oldHi = this.hashHi;
    const oldRows = this.rows;
    const cap = (this.mask + 1) * 2;
    this.mask = cap - 1;
    this.hashLo = new Uint32Array(cap);
    this.hashHi = new Uint32Array(cap);
    this.rows = new Int32Array(cap);
    for (let i = 0; i < oldRows.length; i++) {
      const r = oldRows[i]!;
      if (r === 0) continue;
      const lo = oldLo[i]!;
      const hi = oldHi[i]!;
      let slot = (lo ^ (hi >>> 7)) & this.mask;
      while (this.rows[slot] !== 0) slot = (slot + 1) & this.mask;
      this.hashLo[slot] = lo;
      this.hashHi[slot] = hi;
      this.rows[slot] = r;
    }
  }
}
