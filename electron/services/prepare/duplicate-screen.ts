import { rowId, type CompiledMapping } from '../../../shared/domain/compile-mapping.js';
import { applyRowEdit, type RowOverlay } from '../../../shared/domain/row-overlay.js';
import { hashId } from '../../../shared/validation/duplicate-tracker.js';
import { TableReadError } from '../../io/table-types.js';
import { DuplicateSpill, type SharedRows } from './duplicate-spill.js';
import type { SourceChunk } from './prepare-source.js';

/**
 * Above this many rows (estimated) a prepare run screens the file for shared identifiers first (see
 * `screenDuplicates`), so the in-memory duplicate table holds only rows whose identifier is not unique:
 * below it the table holds every identifier (12 bytes a slot at most three quarters full: 2^22 slots,
 * 50 MB, hold 3,145,728 ids; one more would double it while the old table is still copied).
 */
export const DUPLICATE_MEMORY_ROWS = 3_000_000;

/**
 * Estimates the file's data rows from its size and the first rows read: each row counted at the characters
 * of its cells plus one separator each. A character may take several bytes, so the estimate errs high.
 */
export function estimateRows(sizeBytes: number, sample: readonly (readonly string[])[]): number {
  if (sample.length === 0) return 0;
  let chars = 0;
  for (const cells of sample) {
    chars += cells.length;
    for (const c of cells) chars += c.length;
  }
  return Math.ceil(sizeBytes / Math.max(1, chars / sample.length));
}

export interface ScreenOptions {
  readonly mapping: CompiledMapping;
  readonly overlay: RowOverlay;
  readonly headers: readonly string[];
  /** Folder for the spill files (created, then removed). */
  readonly dir: string;
  readonly expectedRows: number;
  /** Spill partitions (tests force several on small files); default from `expectedRows`. */
  readonly partitions?: number;
  readonly signal?: AbortSignal;
  readonly onChunk?: (chunk: SourceChunk) => void;
}

/**
 * A pass over every row that reads only the identifier (as the main pass reads it: after the user's edit,
 * skipping rows the user excluded) and returns the rows whose identifier hash occurs more than once in the
 * file. Memory stays flat: the hashes go to spill files under `dir` (see DuplicateSpill). Throws
 * `cancelled` when the signal aborts, WriteFailedError when the spill cannot be written; the spill folder
 * is removed either way.
 */
export async function screenDuplicates(chunks: AsyncIterable<SourceChunk>, opts: ScreenOptions): Promise<SharedRows> {
  const { mapping, overlay, headers } = opts;
  const spill = await DuplicateSpill.create(opts.dir, opts.expectedRows, opts.partitions);
  const hash = new Uint32Array(2);
  const edits = overlay.size > 0;
  try {
    for await (const chunk of chunks) {
      for (let i = 0; i < chunk.rowCount; i++) {
        const row = chunk.firstRow + i;
        const edit = edits ? overlay.get(row) : undefined;
        if (edit?.exclude) continue;
        const flat = chunk.cellsOf(i);
        const offset = chunk.offsetOf(i);
        const count = chunk.countOf(i);
        const id = edit?.cells ? rowId(mapping, applyRowEdit(flat.slice(offset, offset + count), headers, edit)) : rowId(mapping, flat, offset, count);
        hashId(id, hash, 0);
        spill.add(hash[0]!, hash[1]!, row);
      }
      opts.onChunk?.(chunk);
      await spill.drain();
      if (opts.signal?.aborted) throw new TableReadError('cancelled', { variant: 'prepare' });
    }
    return await spill.resolve();
  } catch (e) {
    await spill.discard();
    throw e;
  }
}
