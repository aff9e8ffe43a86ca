import { readTable } from '../../io/read-table.js';
import type { ReaderNote, TableInfo } from '../../io/table-types.js';

/**
 * A chunk of rows as the pipeline consumes it: row i's cells are `cellsOf(i)[offsetOf(i)] …` (`countOf(i)`
 * of them), so a source may hand rows over as one flat array per chunk or as one array per row.
 */
export interface SourceChunk {
  readonly firstRow: number;
  readonly rowCount: number;
  /** The array holding row i's cells. */
  cellsOf(i: number): readonly string[];
  /** Index of row i's first cell in `cellsOf(i)`. */
  offsetOf(i: number): number;
  countOf(i: number): number;
  readonly notes: readonly ReaderNote[];
  readonly bytesRead: number;
  readonly totalBytes: number;
}

export interface SourceOptions {
  readonly signal?: AbortSignal;
}

/** Streams the table's rows with the readers' progress attached to each chunk. */
export async function* readInProcess(path: string, info: TableInfo, opts: SourceOptions): AsyncGenerator<SourceChunk> {
  let progress = { bytesRead: 0, totalBytes: info.sizeBytes };
  for await (const chunk of readTable(path, info, { signal: opts.signal, onProgress: (p) => (progress = p) })) {
    const rows = chunk.rows;
    yield {
      firstRow: chunk.firstRow,
      rowCount: rows.length,
      cellsOf: (i) => rows[i]!,
      offsetOf: () => 0,
      countOf: (i) => rows[i]!.length,
      notes: chunk.notes ?? [],
      bytesRead: progress.bytesRead,
      totalBytes: progress.totalBytes,
    };
  }
}
