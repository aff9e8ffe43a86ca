// Collects every row of a table in memory: for small files, previews and tests — never for big uploads.
import { readTable } from './read-table.js';
import type { ReaderNote, ReadProgress, ReadTableOptions, RowChunk, TableInfo } from './table-types.js';

export interface AllRows {
  readonly rows: readonly (readonly string[])[];
  readonly notes: readonly ReaderNote[];
  readonly chunks: readonly Pick<RowChunk, 'firstRow'>[];
  readonly chunkSizes: readonly number[];
  readonly progress: readonly ReadProgress[];
}

/** Reads the whole table into memory; rejects with the reader's TableReadError. */
export async function readAllRows(path: string, info: TableInfo, opts: Omit<ReadTableOptions, 'onProgress'> = {}): Promise<AllRows> {
  const rows: (readonly string[])[] = [];
  const notes: ReaderNote[] = [];
  const chunks: Pick<RowChunk, 'firstRow'>[] = [];
  const chunkSizes: number[] = [];
  const progress: ReadProgress[] = [];
  for await (const chunk of readTable(path, info, { ...opts, onProgress: (p) => progress.push(p) })) {
    chunks.push({ firstRow: chunk.firstRow });
    chunkSizes.push(chunk.rows.length);
    for (const row of chunk.rows) rows.push(row);
    if (chunk.notes) notes.push(...chunk.notes);
  }
  return { rows, notes, chunks, chunkSizes, progress };
}
