import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { BatchPlanner, type PlannedBatch } from '../../shared/batch/batch-planner.js';
import type { BatchLimits } from '../../shared/batch/batch-limits.js';

const CHUNK_BYTES = 1 << 20;

/** Returns the file name of batch `index` (1-based): `batch-0001.txt`. */
export function batchFileName(index: number): string {
  return `batch-${String(index).padStart(4, '0')}.txt`;
}

interface Segment {
  readonly bytes: Buffer;
  /** Open the next batch file before writing these bytes. */
  readonly opensBatch: boolean;
}

/**
 * Writes encoded lines into batch files in `dir`, opening a new file whenever the planner says the
 * limits would be broken. Lines are ASCII (URL-encoded), so each is copied straight into 1 MB buffers
 * (no intermediate strings); `drain()` hands full buffers to the file stream and honours back-pressure.
 */
export class BatchFileWriter {
  private readonly planner: BatchPlanner;
  private stream: WriteStream | null = null;
  private sealed: Segment[] = [];
  private sealedBytes = 0;
  private buf: Buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  private bufOpensBatch = false;
  private openedCount = 0;
  /** True when the last `add` opened a new batch (its line is that batch's line 1). */
  startedBatch = false;

  constructor(
    private readonly dir: string,
    private readonly prefix: string,
    limits: BatchLimits,
  ) {
    this.planner = new BatchPlanner(prefix.length, limits);
  }

  /** Adds one line; returns its global 0-based line index. Call `drain()` now and then (after each chunk). */
  add(line: string): number {
    const index = this.planner.lineCount;
    this.startedBatch = this.planner.add(line.length);
    if (this.startedBatch) {
      this.seal(Math.max(CHUNK_BYTES, this.prefix.length + line.length + 1));
      this.bufOpensBatch = true;
      this.used = this.buf.write(this.prefix, 0, 'latin1');
    } else if (this.used + line.length + 1 > this.buf.length) {
      this.seal(Math.max(CHUNK_BYTES, line.length + 1));
    }
    this.buf[this.used++] = 10;
    this.used += this.buf.write(line, this.used, 'latin1');
    return index;
  }

  /** Writes sealed buffers once enough have gathered (or everything, with `force`); resolves when the stream accepts more. */
  async drain(force = false): Promise<void> {
    if (force) this.seal(CHUNK_BYTES);
    if (!force && this.sealedBytes < CHUNK_BYTES && !this.sealed.some((s) => s.opensBatch)) return;
    const segments = this.sealed;
    this.sealed = [];
    this.sealedBytes = 0;
    for (const seg of segments) {
      if (seg.opensBatch) await this.openNext();
      await this.write(seg.bytes);
    }
  }

  /** Flushes everything and closes the last file; returns the batches as planned (and written). */
  async finish(): Promise<readonly PlannedBatch[]> {
    await this.drain(true);
    await this.closeCurrent();
    return this.planner.batches;
  }

  private seal(nextSize: number): void {
    if (this.used > 0 || this.bufOpensBatch) {
      this.sealed.push({ bytes: this.buf.subarray(0, this.used), opensBatch: this.bufOpensBatch });
      this.sealedBytes += this.used;
      this.buf = Buffer.allocUnsafe(nextSize);
    } else if (this.buf.length < nextSize) {
      this.buf = Buffer.allocUnsafe(nextSize);
    }
    this.used = 0;
    this.bufOpensBatch = false;
  }

  private async write(bytes: Buffer): Promise<void> {
    if (bytes.length === 0) return;
    const s = this.stream;
    if (s === null) throw new Error('batch writer: no open batch file');
    if (!s.write(bytes)) await once(s, 'drain');
  }

  private async openNext(): Promise<void> {
    await this.closeCurrent();
    this.stream = createWriteStream(join(this.dir, batchFileName(++this.openedCount)), { highWaterMark: CHUNK_BYTES });
  }

  private async closeCurrent(): Promise<void> {
    const s = this.stream;
    if (s === null) return;
    this.stream = null;
    s.end();
    await once(s, 'finish');
  }
}
