import { z } from 'zod';
import { defineCall } from './define.js';
import { resultWordsSchema } from './result-words.js';

/** A job's result CSV ready for a download link: its text when small enough to carry, always its path. */
export interface ResultDownload {
  /** A file name for the download, e.g. `results-customers-20260101-1200.csv`. */
  readonly name: string;
  /** Where the app wrote the file on this computer (the browser-mode host runs on the same computer). */
  readonly path: string;
  readonly rows: number;
  readonly bytes: number;
  /** The CSV text as written (UTF-8), or null when the file is larger than `RESULT_TEXT_LIMIT`. */
  readonly text: string | null;
}

/** Largest result CSV (bytes) whose text is returned through the contract; larger ones are offered by path only. */
export const RESULT_TEXT_LIMIT = 64 * 1024 * 1024;

/** Calls of the Results screen that the jobs contract does not cover. */
export const resultCalls = {
  'results.download': defineCall<ResultDownload>()(
    z.object({ jobId: z.string().min(1).max(100), words: resultWordsSchema.optional() }).strict(),
    'Writes the result CSV of a job (every input row: its outcome and reason in `words` — the UI language; English without — its original cells and the machine columns, formula-safe) and returns its text for a download link (null above 64 MB) with its path; throws job-not-found.',
  ),
} as const;
