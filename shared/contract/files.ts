import { z } from 'zod';
import { defineCall } from './define.js';
import type { AppError } from './errors.js';

/** Opaque id of an opened file session on the Node side. */
export type FileId = string & { readonly __brand: 'FileId' };

/** What the Node side knows about an opened file once its header is read. */
export interface FileSummary {
  readonly fileId: FileId;
  readonly name: string;
  /** The path it was opened from (re-opened with overrides from here). */
  readonly path: string;
  readonly sizeBytes: number;
  readonly format: 'csv' | 'xlsx';
  readonly encoding: string | null;
  readonly delimiter: string | null;
  readonly headerRow: number;
  readonly headers: readonly string[];
  /** Workbook sheet names in order ([] for CSV) and the sheet read (null for CSV). */
  readonly sheets: readonly string[];
  readonly sheet: string | null;
  /** Visible sheets that hold data, in order ([] for CSV): more than one, and the user has not chosen, means the Load step asks. */
  readonly sheetsWithData: readonly string[];
  /** Empty visible sheets passed over to reach the sheet read, when none was chosen ([] otherwise). */
  readonly emptySheetsSkipped: readonly string[];
  /** How the encoding, delimiter and header row were chosen: found in the file or given by the user. */
  readonly encodingSource: 'bom' | 'detected' | 'override' | null;
  readonly delimiterSource: 'detected' | 'override' | null;
  readonly headerRowSource: 'detected' | 'override';
  /** The overrides this file was opened with (empty = everything detected). */
  readonly options: ReadOverrides;
}

/** What the user can override when the detection guessed wrong; every field optional = detect. */
export const readOverridesSchema = z
  .object({
    encoding: z.enum(['utf-8', 'utf-16le', 'utf-16be', 'cp949', 'shift_jis', 'windows-1252']).optional(),
    delimiter: z.enum([',', ';', '\t', '|']).optional(),
    headerRow: z.number().int().min(1).max(1000).optional(),
    sheet: z.string().min(1).max(300).optional(),
  })
  .strict();
export type ReadOverrides = z.infer<typeof readOverridesSchema>;

/** A page of data rows; `first` is the 1-based number of the first row in the page. */
export interface RowPage {
  readonly fileId: FileId;
  readonly first: number;
  readonly rows: readonly (readonly string[])[];
  /** Rows counted so far, and whether counting is finished. */
  readonly totalRows: number;
  readonly complete: boolean;
}

const fileId = z.string().min(1).max(100);

/** Calls that open files and read them back page by page. */
export const fileCalls = {
  'files.open': defineCall<FileSummary>()(
    z.object({ path: z.string().min(1).max(4096), options: readOverridesSchema.optional() }).strict(),
    'Opens a spreadsheet by path (with optional overrides of encoding, delimiter, header row and sheet) (Electron: the dropped file\'s path; browser mode: the path the upload route returned). Resolves once the header is read; rows are counted in the background and reported by `file.progress` events.',
  ),
  'files.rows': defineCall<RowPage>()(
    z.object({ fileId, first: z.number().int().min(1), count: z.number().int().min(1).max(1000), wait: z.boolean().optional() }).strict(),
    'Reads up to `count` data rows starting at row `first` (1 = first data row). Rows not yet counted come back as a shorter page; with `wait: true` the reply waits until they are counted (or the file ends), and a file that fails to read rejects with its error.',
  ),
  'files.close': defineCall<void>()(z.object({ fileId }).strict(), 'Forgets an opened file and deletes its temporary row index.'),
} as const;

/** Events about opened files. */
export type FileEvent =
  | { readonly type: 'file.progress'; readonly fileId: FileId; readonly bytesRead: number; readonly totalBytes: number; readonly rows: number }
  | { readonly type: 'file.counted'; readonly fileId: FileId; readonly rows: number }
  | { readonly type: 'file.failed'; readonly fileId: FileId; readonly error: AppError };
