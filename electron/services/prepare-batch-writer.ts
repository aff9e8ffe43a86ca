import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { BatchPlanner, type PlannedBatch } from '../../shared/batch/batch-planner.js';
import type { BatchLimits } from '../../shared/batch/batch-limits.js';

const FLUSH_CHARS = 1 << 20;

/** Returns the file name of batch `index` (1-based): `batch-0001.txt`. */
export function batchFileName(index: number): string {
  return `batch-${String(index).padStart(4, '0')}.txt`;
}

/**
 * Writes encoded lines into batch files in `dir`, opening a new file whenever the planner says the
 * limits would be broken. Lines are ASCII (URL-encoded), so string length equals byte length. Writes go
 * through a 1 MB string buffer and honour stream back-pressure.
 */
export class BatchFileWriter {
  private readonly planner: BatchPlanner;
  private stream: WriteStream | null = null;
  private pending: string[] = [];
  private pendingChars = 0;

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
    if (this.startedBatch) this.rotateRequested.push(this.pending.length);
    this.pending.push('\n', line);
    this.pendingChars += line.length + 1;
    return index;
  }

  private rotateRequested: number[] = [];
  /** True when the last `add` opened a new batch (its line is that batch's line 1). */
  startedBatch = false;

  /** Writes buffered lines when enough have gathered (or always, with `force`); resolves when the stream accepts more. */
  async drain(force = false): Promise<void> {
    if (!force && this.pendingChars < FLUSH_CHARS && this.rotateRequested.length === 0) return;
    const parts = this.pending;
    const cuts = this.rotateRequested;
    this.pending = [];
    this.pendingChars = 0;
    this.rotateRequested = [];
    let from = 0;
    for (const cut of cuts) {
      if (cut > from) await this.write(parts.slice(from, cut).join(''));
      await this.rotate();
      from = cut;
    }
    if (parts.length > from) await this.write(parts.slice(from).join(''));
  }

  /** Flushes everything and closes the last file; returns the batches as planned (and written). */
  async finish(): Promise<readonly PlannedBatch[]> {
    await this.drain(true);
    await this.closeCurrent();
    return this.planner.batches;
  }

  private async write(text: string): Promise<void> {
    if (text === '') return;
    const s = this.stream;
    if (s === null) throw new Error('batch writer: no open batch file');
    if (!s.write(text, 'latin1')) await once(s, 'drain');
  }

  private async rotate(): Promise<void> {
    await this.closeCurrent();
    const index = ++this.openedCount;
    this.stream = createWriteStream(join(this.dir, batchFileName(index)), { highWaterMark: 1 << 20 });
    await this.write(this.prefix);
  }

  private openedCount = 0;

  private async closeCurrent(): Promise<void> {
    const s = this.stream;
    if (s === null) return;
    this.stream = null;
    s.end();
    await once(s, 'finish');
  }
}
