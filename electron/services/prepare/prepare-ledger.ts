import { open, readFile, type FileHandle } from 'node:fs/promises';
import { locateLine } from '../../../shared/batch/batch-planner.js';
import { PRIVATE_FILE_MODE, writeFully } from '../../store/atomic-file.js';
import { writeFailure } from '../../store/write-failure.js';
import type { ManifestBatch } from './prepare-types.js';

/**
 * The row ledger (`rows.ledger`): one little-endian int32 per input row, in row order. A value ≥ 0 is the
 * global 0-based data line the row's data went to (see manifest batches' firstLine); negatives say why not.
 */
export const LEDGER_EXCLUDED = -1;
export const LEDGER_REJECTED = -2;
export const LEDGER_DUPLICATE = -3;

/** Where one input row ended. `line` is 1-based within the batch (line 1 = first row after the header). */
export type RowFate =
  | { readonly kind: 'batch'; readonly batch: number; readonly line: number }
  | { readonly kind: 'excluded'; readonly reason: 'user' | 'duplicate' }
  | { readonly kind: 'rejected' };

/** Appends ledger entries through a buffer; entries must come in row order. */
export class LedgerWriter {
  private buf = new Int32Array(65536);
  private used = 0;
  private constructor(
    private readonly fh: FileHandle,
    private readonly path: string,
  ) {}

  /** Opens (truncates) a ledger file for writing; throws WriteFailedError. */
  static async create(path: string): Promise<LedgerWriter> {
    try {
      return new LedgerWriter(await open(path, 'w', PRIVATE_FILE_MODE), path);
    } catch (error) {
      throw writeFailure(error, path);
    }
  }

  /** Records the next row's entry; flushes to disk when the buffer is full. */
  async push(value: number): Promise<void> {
    this.buf[this.used++] = value;
    if (this.used === this.buf.length) await this.flush();
  }

  /** Records the next row's entry without awaiting; the buffer grows until the next `flush`. */
  pushSync(value: number): void {
    if (this.used === this.buf.length) {
      const bigger = new Int32Array(this.buf.length * 2);
      bigger.set(this.buf);
      this.buf = bigger;
    }
    this.buf[this.used++] = value;
  }

  /** True when enough entries are buffered to be worth a write. */
  needsFlush(): boolean {
    return this.used >= 32_768;
  }

  /** Writes every buffered entry to disk; throws WriteFailedError. */
  async flush(): Promise<void> {
    if (this.used === 0) return;
    const bytes = new Uint8Array(this.buf.buffer, 0, this.used * 4);
    try {
      await writeFully(this.fh, littleEndian(bytes));
    } catch (error) {
      throw writeFailure(error, this.path);
    }
    this.used = 0;
  }

  /** Flushes and closes the file (closes it even when the flush fails, then throws). */
  async close(): Promise<void> {
    try {
      await this.flush();
    } finally {
      await this.fh.close().catch(() => undefined);
    }
  }
}

function littleEndian(bytes: Uint8Array): Uint8Array {
  if (new Uint8Array(new Int32Array([1]).buffer)[0] === 1) return bytes;
  const copy = new Uint8Array(bytes);
  for (let i = 0; i < copy.length; i += 4) copy.subarray(i, i + 4).reverse();
  return copy;
}

/** Reads a whole ledger into memory (4 bytes per row). */
export async function readLedger(path: string): Promise<Int32Array> {
  const bytes = await readFile(path);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Int32Array(Math.floor(bytes.byteLength / 4));
  for (let i = 0; i < out.length; i++) out[i] = view.getInt32(i * 4, true);
  return out;
}

/** Returns where input row `row` (1-based) ended, or null when the ledger has no such row. */
export async function rowFate(ledgerPath: string, batches: readonly ManifestBatch[], row: number): Promise<RowFate | null> {
  const fh = await open(ledgerPath, 'r');
  try {
    const buf = Buffer.alloc(4);
    const { bytesRead } = await fh.read(buf, 0, 4, (row - 1) * 4);
    if (row < 1 || bytesRead < 4) return null;
    return fateOf(buf.readInt32LE(0), batches);
  } finally {
    await fh.close();
  }
}

/** Decodes one ledger value against the manifest's batches. */
export function fateOf(value: number, batches: readonly ManifestBatch[]): RowFate {
  if (value === LEDGER_EXCLUDED) return { kind: 'excluded', reason: 'user' };
  if (value === LEDGER_DUPLICATE) return { kind: 'excluded', reason: 'duplicate' };
  if (value < 0) return { kind: 'rejected' };
  const at = locateLine(batches, value);
  return at ? { kind: 'batch', batch: at.batch, line: at.line } : { kind: 'rejected' };
}

/**
 * Returns, for one batch, the input rows behind each of its lines: element i lists the rows (1-based) whose
 * data is on line i + 1. More than one row per line happens only when duplicates were merged.
 */
export async function batchLineRows(ledgerPath: string, batch: ManifestBatch): Promise<readonly (readonly number[])[]> {
  const ledger = await readLedger(ledgerPath);
  const out: number[][] = Array.from({ length: batch.rows }, () => []);
  const end = batch.firstLine + batch.rows;
  for (let r = 0; r < ledger.length; r++) {
    const v = ledger[r]!;
    if (v >= batch.firstLine && v < end) out[v - batch.firstLine]!.push(r + 1);
  }
  return out;
}
