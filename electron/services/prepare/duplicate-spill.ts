import { mkdir, open, readFile, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { DuplicateTracker } from '../../../shared/validation/duplicate-tracker.js';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, writeFully } from '../../store/atomic-file.js';
import { writeFailure } from '../../store/write-failure.js';

/** Entries (hash, row) one partition is meant to hold, so resolving it needs about 20 MB at most. */
const ENTRIES_PER_PARTITION = 1 << 19;
/** Entries buffered per partition before they are written. */
const BUFFER_ENTRIES = 4096;

/**
 * The rows (1-based) whose identifier hash is shared with at least one other row: a bit per row. A row
 * past the end (the file grew since it was screened) counts as shared, so it is checked as before.
 */
export class SharedRows {
  constructor(
    private readonly bits: Uint8Array,
    /** Rows marked. */
    readonly count: number,
  ) {}

  /** True when row `row` may share its identifier with another row (false: its identifier is unique in the file). */
  has(row: number): boolean {
    const byte = row >>> 3;
    return byte >= this.bits.length || (this.bits[byte]! & (1 << (row & 7))) !== 0;
  }
}

/**
 * Finds which rows share an identifier hash without holding every hash in memory: `add` spills each
 * (64-bit hash, row) to one of a few partition files chosen by the hash's top bits, and `resolve` reads
 * one partition at a time into a small DuplicateTracker. Memory stays a few megabytes of buffers plus
 * one partition's table, whatever the row count; the disk holds 12 bytes per row until `resolve` ends.
 */
export class DuplicateSpill {
  private readonly buffers: Uint32Array[];
  private readonly used: Int32Array;
  private readonly shift: number;
  /** The last write started; writes run one after another so each file's entries stay in row order. */
  private tail: Promise<void> = Promise.resolve();
  private rows = 0;
  private closed = false;

  private constructor(
    private readonly dir: string,
    private readonly files: readonly FileHandle[],
  ) {
    this.buffers = files.map(() => new Uint32Array(BUFFER_ENTRIES * 3));
    this.used = new Int32Array(files.length);
    this.shift = 32 - Math.log2(files.length);
  }

  /**
   * Opens `partitions` spill files (rounded up to a power of two; by default enough for `expectedRows`
   * at about half a million rows each) in a private folder `dir`, which must not exist yet or may be
   * replaced. Throws WriteFailedError.
   */
  static async create(dir: string, expectedRows: number, partitions?: number): Promise<DuplicateSpill> {
    let want = partitions ?? Math.ceil(expectedRows / ENTRIES_PER_PARTITION);
    want = Math.min(256, Math.max(2, want));
    let count = 2;
    while (count < want) count <<= 1;
    try {
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
      const files: FileHandle[] = [];
      for (let p = 0; p < count; p++) files.push(await open(join(dir, partName(p)), 'w', PRIVATE_FILE_MODE));
      return new DuplicateSpill(dir, files);
    } catch (error) {
      throw writeFailure(error, dir);
    }
  }

  /** Records that row `row` (rows added in increasing order) has the identifier hashed to `lo`, `hi` (see hashId). */
  add(lo: number, hi: number, row: number): void {
    const p = hi >>> this.shift;
    const buf = this.buffers[p]!;
    let at = this.used[p]! * 3;
    buf[at++] = lo;
    buf[at++] = hi;
    buf[at] = row;
    if (row > this.rows) this.rows = row;
    if (++this.used[p]! === BUFFER_ENTRIES) this.spill(p);
  }

  /** Waits for the writes started so far; throws WriteFailedError. */
  async drain(): Promise<void> {
    await this.tail;
  }

  /**
   * Writes what is buffered, then resolves the partitions one by one and returns the rows that share
   * an identifier hash with another row. Removes the spill folder (also when it throws).
   */
  async resolve(): Promise<SharedRows> {
    try {
      for (let p = 0; p < this.files.length; p++) if (this.used[p]! > 0) this.spill(p);
      await this.drain();
      await this.close();
      const bits = new Uint8Array((this.rows >>> 3) + 1);
      let marked = 0;
      const mark = (row: number): void => {
        const byte = row >>> 3;
        const bit = 1 << (row & 7);
        if ((bits[byte]! & bit) === 0) {
          bits[byte] = bits[byte]! | bit;
          marked++;
        }
      };
      for (let p = 0; p < this.files.length; p++) {
        const read = await readFile(join(this.dir, partName(p)));
        const bytes = read.byteOffset % 4 === 0 ? read : new Uint8Array(read);
        const entries = new Uint32Array(bytes.buffer, bytes.byteOffset, Math.floor(bytes.byteLength / 12) * 3);
        const n = entries.length / 3;
        const tracker = new DuplicateTracker(Math.ceil((n * 4) / 3) + 1);
        for (let i = 0; i < entries.length; i += 3) {
          const row = entries[i + 2]!;
          const first = tracker.seeHashed(entries[i]!, entries[i + 1]!, row);
          if (first !== 0) {
            mark(first);
            mark(row);
          }
        }
      }
      return new SharedRows(bits, marked);
    } finally {
      await this.discard();
    }
  }

  /** Closes and removes the spill files (after a failure or cancel); never throws. */
  async discard(): Promise<void> {
    await this.close().catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true }).catch(() => undefined);
  }

  private spill(p: number): void {
    const n = this.used[p]!;
    const full = this.buffers[p]!;
    // The buffer goes to the write as it is; the partition gets a fresh one (writes of one file stay in order).
    this.buffers[p] = new Uint32Array(BUFFER_ENTRIES * 3);
    this.used[p] = 0;
    const bytes = new Uint8Array(full.buffer, 0, n * 12);
    const file = this.files[p]!;
    const dir = this.dir;
    this.tail = this.tail.then(async () => {
      try {
        await writeFully(file, bytes);
      } catch (error) {
        throw writeFailure(error, dir);
      }
    });
    // Seen by `drain`; marked handled here so a failure between two drains does not end the process.
    this.tail.catch(() => undefined);
  }

  private async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.tail.catch(() => undefined);
    await Promise.all(this.files.map((f) => f.close().catch(() => undefined)));
  }
}

function partName(p: number): string {
  return `part-${String(p).padStart(3, '0')}.bin`;
}
