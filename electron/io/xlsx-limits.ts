// What the workbook reader accepts. A crafted workbook (a "zip bomb", a 2 GB cell, millions of shared
// strings, a row numbered past Excel's last) is refused with the limit it broke, early and in bounded
// memory; every genuine Excel file fits well inside.
import type { ErrorVariant } from '../../shared/contract/errors.js';
import { TableReadError } from './table-read-error.js';

const MiB = 1024 * 1024;

export const XLSX_LIMITS = {
  /** Uncompressed bytes of a part read whole (workbook, relationships, styles). */
  wholePartBytes: 32 * MiB,
  /** Uncompressed bytes of a streamed part (the shared strings, a sheet). */
  streamedPartBytes: 4096 * MiB,
  /** A part larger than `ratioGraceBytes` may expand to at most this many times its packed size. */
  maxRatio: 200,
  ratioGraceBytes: 1 * MiB,
  /** Characters between two XML tags: one cell's text or one attribute (Excel itself stops at 32,767). */
  textRunChars: 4 * MiB,
  /** Nested XML elements (a sheet needs about 6). */
  xmlDepth: 64,
  /** Shared strings: how many, and their UTF-8 bytes together (they are held in memory). */
  sharedStrings: 8_000_000,
  sharedStringBytes: 128 * MiB,
  /** Excel's own sheet size. */
  rows: 1_048_576,
  columns: 16_384,
} as const;

/** Which limit a workbook broke. */
export type WorkbookLimit = ErrorVariant<'workbook-limit'>;

/** Returns the error for a workbook that broke `limit` (`max`) in `part`: code `workbook-limit`, params name the limit. */
export function limitError(limit: WorkbookLimit, max: number, part: string): TableReadError {
  return new TableReadError('workbook-limit', { variant: limit, max, part });
}
