// readTable: the data rows of a file opened with openTable, streamed in chunks.
import { readCsv } from './read-csv.js';
import { readXlsx } from './read-xlsx.js';
import type { ReadTableOptions, RowChunk, TableInfo } from './table-types.js';

/**
 * Streams every data row after the header as string cells, in chunks of about 400 rows (the same
 * `info` always gives the same rows). Reports progress in bytes; stops with TableReadError('cancelled')
 * when the signal aborts; breaking out of the loop closes the file. CSV is never loaded whole;
 * xlsx rows stream from the sheet's part of the zip, one part at a time, within the limits of xlsx-limits.ts.
 */
export function readTable(path: string, info: TableInfo, opts: ReadTableOptions = {}): AsyncIterable<RowChunk> {
  return info.format === 'csv' ? readCsv(path, info, opts) : readXlsx(path, info, opts);
}
