// Types shared by the table readers (openTable / readTable) and their callers (the prepare worker,
// services, CLI). The reader API is agreed with the pipeline engineers: add fields, never rename.
export { TableReadError } from './table-read-error.js';
export type { TableErrorCode } from './table-read-error.js';

export type EncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'cp949' | 'shift_jis' | 'windows-1252';

export const ENCODING_NAMES: readonly EncodingName[] = ['utf-8', 'utf-16le', 'utf-16be', 'cp949', 'shift_jis', 'windows-1252'];

export interface EncodingGuess {
  readonly encoding: EncodingName;
  /** True when the file starts with a byte-order mark (it is skipped, never part of a header). */
  readonly bom: boolean;
  /** 0..1: 1 for a BOM, an override or valid non-ASCII UTF-8; lower for statistical guesses. */
  readonly confidence: number;
  readonly source: 'bom' | 'detected' | 'override';
}

export type Delimiter = ',' | ';' | '\t' | '|';

export const DELIMITERS: readonly Delimiter[] = [',', ';', '\t', '|'];

/** Every field optional = auto. */
export interface ReadOptions {
  readonly encoding?: EncodingName;
  readonly delimiter?: Delimiter;
  /** 1-based physical row of the header (override); auto skips title rows. */
  readonly headerRow?: number;
  /** xlsx sheet name; default: first non-empty sheet. */
  readonly sheet?: string;
}

export type HeaderNoteCode = 'duplicate-header' | 'empty-header';

/** A non-fatal finding about the header row; `column` is 0-based. The validation layer turns it into an issue. */
export interface HeaderNote {
  readonly column: number;
  readonly code: HeaderNoteCode;
}

export interface TableInfo {
  readonly format: 'csv' | 'xlsx';
  /** null for xlsx. */
  readonly encoding: EncodingGuess | null;
  /** null for xlsx. */
  readonly delimiter: Delimiter | null;
  /** 1-based physical line (csv: record, counting blank lines) or sheet row (xlsx) of the header. */
  readonly headerRow: number;
  /** As in the file (BOM removed), empty headers kept as ''. */
  readonly headers: readonly string[];
  /** Sheet names in workbook order; [] for csv. */
  readonly sheets: readonly string[];
  readonly sheet: string | null;
  /**
   * Sheets with at least one filled cell in their first rows, in workbook order (visible ones only;
   * [] for csv). More than one means the app asks which sheet holds the data.
   */
  readonly sheetsWithData: readonly string[];
  /** Visible sheets before the one read that are empty (it was picked because they hold nothing); [] otherwise. */
  readonly emptySheetsSkipped: readonly string[];
  readonly sizeBytes: number;
  /** Duplicate and empty headers (non-fatal). */
  readonly headerNotes: readonly HeaderNote[];
  /** How the delimiter was chosen (csv) — 'override' when given in ReadOptions. */
  readonly delimiterSource: 'detected' | 'override' | null;
  /** How the header row was chosen. */
  readonly headerRowSource: 'detected' | 'override';
}

/**
 * Codes of non-fatal reader notes (see docs/file-formats.md):
 * - `unclosed-quote`: a quoted cell is never closed; past 64 KB or at the end of the file the row is
 *   read up to its line end and the following lines are read as rows again.
 * - `malformed-quotes`: a quote appears where CSV does not allow one (e.g. `"abc"x`).
 * - `extra-cells`: the row has more cells than there are headers and the extra ones hold values (kept
 *   at the end of the row; trailing empty cells beyond the headers are dropped without a note).
 * - `missing-cells`: the row has fewer cells than headers; it was padded with ''.
 * - `nul-stripped`: NUL (0x00) characters were removed from the row.
 * - `mixed-line-endings`: the file mixes CRLF, LF and/or CR line ends (all read as line ends). Row 0.
 * - `decoding-errors`: bytes that are not valid in the file's encoding were replaced by U+FFFD.
 */
export type ReaderNoteCode =
  | 'unclosed-quote'
  | 'malformed-quotes'
  | 'extra-cells'
  | 'missing-cells'
  | 'nul-stripped'
  | 'mixed-line-endings'
  | 'decoding-errors';

/** `row` numbers data rows from 1 (the first row after the header); 0 means the whole file. The validation layer turns it into an issue. */
export interface ReaderNote {
  readonly row: number;
  readonly code: ReaderNoteCode;
}

export interface RowChunk {
  /** 1 = first data row after the header. Rows of a chunk are consecutive. */
  readonly firstRow: number;
  /** Each row has at least headers.length cells (short rows are padded with ''). */
  readonly rows: readonly (readonly string[])[];
  readonly notes?: readonly ReaderNote[];
}

export interface ReadProgress {
  readonly bytesRead: number;
  readonly totalBytes: number;
  readonly rows: number;
}

export interface ReadTableOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: ReadProgress) => void;
}
