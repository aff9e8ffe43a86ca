import { stat } from 'node:fs/promises';
import { inJobDataWorker } from '../../workers/job-data-client.js';
import type { JobResultFile } from '../../../shared/contract/jobs.js';
import { RESULT_TEXT_LIMIT } from '../../../shared/contract/results.js';
import type { ResultDownload } from '../../../shared/contract/results.js';
import type { ResultWords } from '../../../shared/contract/result-words.js';
import type { HandlerSlice } from '../handlers.js';

/** What the download needs from the job service: `JobService.results` and `JobService.load`. */
export interface ResultSource {
  results(jobId: string, words?: ResultWords): Promise<JobResultFile>;
  load(jobId: string): Promise<{ readonly spec: { readonly source: { readonly file: string } } }>;
}

/** A download file name from the source file's name and the job id: letters, digits, dot, dash and underscore only. */
export function resultFileName(sourceFile: string, jobId: string): string {
  const base = sourceFile.split(/[\\/]/).pop() ?? '';
  const stem = base.replace(/\.[^.]*$/, '').replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 60) || 'upload';
  return `results-${stem}-${jobId}.csv`;
}

/**
 * Handlers of `results.download`, built on the job service's result writer: writes the CSV (again,
 * in the caller's `words`),
 * then returns its text when it is at most `limit` bytes. Throws what `results` throws (`job-not-found`).
 */
export function createResultDownloadHandlers(jobs: ResultSource, limit: number = RESULT_TEXT_LIMIT): HandlerSlice<'results.download'> {
  return {
    'results.download': async ({ jobId, words }): Promise<ResultDownload> => {
      const written = await jobs.results(jobId, words);
      const { spec } = await jobs.load(jobId);
      const { size } = await stat(written.path);
      // Up to 64 MB of text: decoded in the job-data worker, so the main thread keeps answering.
      const text = size <= limit ? await inJobDataWorker('readText', { path: written.path }) : null;
      return { name: resultFileName(spec.source.file, jobId), path: written.path, rows: written.rows, bytes: size, text };
    },
  };
}
