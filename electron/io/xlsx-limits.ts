// What the workbook reader accepts. A crafted workbook (a "zip bomb", a 2 GB cell, millions of shared
// strings, a row numbered past Excel's last) is refused with the limit it broke, early and in bounded
// memory; every genuine Excel file fits well inside.
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
export type WorkbookLimit = 'part-size' | 'ratio' | 'text-run' | 'xml-depth' | 'shared-strings' | 'shared-string-bytes' | 'rows' | 'columns';

const WHAT: Readonly<Record<WorkbookLimit, (max: number) => string>> = {
  'part-size': (max) => `one of its parts is larger than ${fmt(max)} bytes once unpacked`,
  ratio: (max) => `one of its parts unpacks to more than ${max} times its packed size, as archive bombs do`,
  'text-run': (max) => `a cell or attribute holds more than ${fmt(max)} characters`,
  'xml-depth': (max) => `its XML nests deeper than ${max} levels`,
  'shared-strings': (max) => `it has more than ${fmt(max)} shared texts`,
  'shared-string-bytes': (max) => `its shared texts take more than ${fmt(max)} bytes`,
  rows: (max) => `a row is numbered past Excel's last row, ${fmt(max)}`,
  columns: (max) => `a cell is past Excel's last column (${fmt(max)} columns)`,
};

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

/** Returns the error for a workbook that broke `limit` (`max`) in `part`: code `workbook-limit`, params name the limit. */
export function limitError(limit: WorkbookLimit, max: number, part: string): TableReadError {
  return new TableReadError(
    'workbook-limit',
    `This workbook cannot be read safely: ${WHAT[limit](max)} (${part}). Open it in Excel and save it again, or export the sheet as CSV.`,
    undefined,
    { limit, max, part },
  );
}
