import type { BatchLimits } from './batch-limits.js';

/** A batch as planned: its data lines are global lines [firstLine, firstLine + rows). */
export interface PlannedBatch {
  readonly index: number;
  readonly firstLine: number;
  rows: number;
  bytes: number;
}

/**
 * Splits a stream of encoded lines into batches that respect the row and byte limits. Each body is
 * `prefix` followed by `\n` + line per row (LF, no trailing newline), so the bytes are known before writing.
 */
export class BatchPlanner {
  readonly batches: PlannedBatch[] = [];
  private lines = 0;

  constructor(
    private readonly prefixBytes: number,
    private readonly limits: BatchLimits,
  ) {}

  /** Adds a line of `lineBytes` bytes; returns true when it starts a new batch (the caller opens a new file). */
  add(lineBytes: number): boolean {
    const cur = this.batches[this.batches.length - 1];
    const cost = 1 + lineBytes;
    const fresh = cur === undefined || cur.rows >= this.limits.maxRows || cur.bytes + cost >= this.limits.maxBytes;
    const target = fresh ? this.open() : cur;
    target.rows++;
    target.bytes += cost;
    this.lines++;
    return fresh;
  }

  /** Total data lines planned so far. */
  get lineCount(): number {
    return this.lines;
  }

  private open(): PlannedBatch {
    const b: PlannedBatch = { index: this.batches.length + 1, firstLine: this.lines, rows: 0, bytes: this.prefixBytes };
    this.batches.push(b);
    return b;
  }
}

/** Returns where a global line landed: 1-based batch index and 1-based line within it, or null when out of range. */
export function locateLine(batches: readonly { readonly index: number; readonly firstLine: number; readonly rows: number }[], line: number): { batch: number; line: number } | null {
  let lo = 0;
  let hi = batches.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const b = batches[mid]!;
    if (line < b.firstLine) hi = mid - 1;
    else if (line >= b.firstLine + b.rows) lo = mid + 1;
    else return { batch: b.index, line: line - b.firstLine + 1 };
  }
  return null;
}
