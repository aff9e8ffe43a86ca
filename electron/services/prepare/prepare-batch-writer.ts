import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { BatchPlanner, type PlannedBatch } from '../../../shared/batch/batch-planner.js';
import type { BatchLimits } from '../../../shared/batch/batch-limits.js';
import { copyAscii, LineBytes } from '../../../shared/batch/line-bytes.js';
import { PRIVATE_FILE_MODE } from '../../store/atomic-file.js';
import { writeFailure, type WriteFailedError } from '../../store/write-failure.js';

const FLUSH_BYTES = 1 << 20;
/**
 * Bytes a batch file stream holds before `write` asks us to wait: room for one flush being written while
 * the next is encoded, so the thread does not idle on every flush (larger values raised peak RSS).
 */
const WRITE_AHEAD_BYTES = 2 * FLUSH_BYTES;

/** Returns the file name of batch `index` (1-based): `batch-0001.txt`. */
export function batchFileName(index: number): string {
  return `batch-${String(index).padStart(4, '0')}.txt`;
}

interface Segment {
  readonly bytes: Uint8Array;
  /** The whole buffer `bytes` is a view of; it is reused once the stream has written it. */
  readonly buffer: Uint8Array;
  /** Open the next batch file before writing these bytes. */
  readonly opensBatch: boolean;
}

/** Size of the stage buffers: room for a flush's worth of rows and the row that crosses it. */
const STAGE_BYTES = FLUSH_BYTES * 2;
/** Written stage buffers kept for reuse (more are left to the garbage collector). */
const SPARE_BUFFERS = 4;

/**
 * Writes encoded lines into batch files in `dir`, opening a new file whenever the planner says the
 * limits would be broken. Rows are encoded straight into `stage` (see checkRow's `out`): the caller
 * writes `\n` + the line, then `commit`s it or rewinds `stage.pos`. `drain()` hands full buffers to the
 * file stream and honours back-pressure.
 */
export class BatchFileWriter {
  private readonly planner: BatchPlanner;
  private readonly prefixBytes: Uint8Array;
  private stream: WriteStream | null = null;
  private segments: Segment[] = [];
  private segmentBytes = 0;
  private stageOpensBatch = false;
  private openedCount = 0;
  /**
   * Where rows are encoded; replaced whenever its bytes are handed to the stream, by a buffer the stream
   * has finished writing when there is one. Reusing them spares the system handing out (and zeroing)
   * fresh memory pages for every megabyte of output.
   */
  stage = new LineBytes(STAGE_BYTES);
  private readonly spare: Uint8Array[] = [];
  /** Batch files still closing (see openNext). */
  private readonly closing: Promise<void>[] = [];
  /** True when the last commit opened a new batch (its line is that batch's line 1). */
  startedBatch = false;
  /** The first write error of any batch file; every later call throws it (a stream's error is never left unhandled). */
  private failure: WriteFailedError | null = null;

  constructor(
    private readonly dir: string,
    prefix: string,
    limits: BatchLimits,
  ) {
    this.planner = new BatchPlanner(prefix.length, limits);
    this.prefixBytes = Uint8Array.from(prefix, (c) => c.charCodeAt(0));
  }

  /** Commits the row written at `stage[start..pos)` (a `\n` then the line); returns its global 0-based line index. */
  commit(start: number): number {
    const index = this.planner.lineCount;
    this.startedBatch = this.planner.add(this.stage.pos - start - 1);
    if (this.startedBatch) {
      const row = this.stage.bytes.slice(start, this.stage.pos);
      this.stage.pos = start;
      this.seal();
      this.stageOpensBatch = true;
      this.stage.pos = 0;
      this.stage.ensure(this.prefixBytes.length);
      this.stage.bytes.set(this.prefixBytes, 0);
      this.stage.pos = this.prefixBytes.length;
      this.stage.ensure(row.length);
      this.stage.bytes.set(row, this.stage.pos);
      this.stage.pos += row.length;
    }
    return index;
  }

  /** Adds one encoded line given as a string; returns its global 0-based line index. */
  add(line: string): number {
    const start = this.stage.pos;
    copyAscii('\n', this.stage);
    copyAscii(line, this.stage);
    return this.commit(start);
  }

  /** Writes staged bytes once a megabyte has gathered or a batch starts (always, with `force`). */
  async drain(force = false): Promise<void> {
    if (force || this.stage.pos >= FLUSH_BYTES) this.seal();
    if (this.segments.length === 0) return;
    const segments = this.segments;
    this.segments = [];
    this.segmentBytes = 0;
    for (const seg of segments) {
      if (seg.opensBatch) await this.openNext();
      if (this.failure) throw this.failure;
      const s = this.stream;
      if (s === null) throw new Error('batch writer: no open batch file');
      if (seg.bytes.length === 0) continue;
      const ok = s.write(seg.bytes, () => {
        if (seg.buffer.length === STAGE_BYTES && this.spare.length < SPARE_BUFFERS) this.spare.push(seg.buffer);
      });
      if (!ok) await once(s, 'drain').catch(() => undefined);
      if (this.failure) throw this.failure;
    }
  }

  /** Flushes everything and closes the last file; returns the batches as planned (and written). */
  async finish(): Promise<readonly PlannedBatch[]> {
    await this.drain(true);
    await this.closeCurrent();
    await Promise.all(this.closing);
    if (this.failure) throw this.failure;
    return this.planner.batches;
  }

  private seal(): void {
    if (this.stage.pos === 0 && !this.stageOpensBatch) return;
    this.segments.push({ bytes: this.stage.bytes.subarray(0, this.stage.pos), buffer: this.stage.bytes, opensBatch: this.stageOpensBatch });
    this.segmentBytes += this.stage.pos;
    this.stage = new LineBytes(STAGE_BYTES, this.spare.pop());
    this.stageOpensBatch = false;
  }

  private async openNext(): Promise<void> {
    // A full batch file finishes writing in the background while the next one fills; finish() waits
    // for every one of them (and reports a failed close).
    const closing = this.closeCurrent();
    closing.catch(() => undefined);
    this.closing.push(closing);
    const path = join(this.dir, batchFileName(++this.openedCount));
    const stream = createWriteStream(path, { highWaterMark: WRITE_AHEAD_BYTES, mode: PRIVATE_FILE_MODE });
    stream.on('error', (error) => {
      this.failure ??= writeFailure(error, path);
    });
    this.stream = stream;
  }

  private async closeCurrent(): Promise<void> {
    const s = this.stream;
    if (s === null) return;
    this.stream = null;
    s.end();
    await finished(s).catch(() => undefined);
    if (this.failure) throw this.failure;
  }
}
