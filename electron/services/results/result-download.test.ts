import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { FileSummary, JobListItem, MappingSuggestion, ResultDownload, ReviewSummary } from '../../../shared/contract/index.js';
import type { JobView } from '../../../shared/jobs/job-reducer.js';
import { jobTotals } from '../../../shared/jobs/job-summary.js';
import { useAppServices } from '../testing/app-services-harness.js';
import { RESULT_MACHINE_HEADER } from './result-csv.js';
import { createResultDownloadHandlers, resultFileName } from './result-download.js';

const harness = useAppServices('pl-results-');
const call = harness.call.bind(harness);

/** Prepares the bundled sample (blocking rows left out) and uploads it to the built-in Local sandbox; resolves with the finished view. */
async function uploadSample(): Promise<JobView> {
  const { path } = await call<{ path: string }>('files.sample', {});
  const file = await call<FileSummary>('files.open', { path });
  const suggestion = await call<MappingSuggestion>('mapping.suggest', { fileId: file.fileId });
  await call<ReviewSummary>('review.run', { fileId: file.fileId, mapping: suggestion.mapping });
  const summary = await call<ReviewSummary>('review.bulk', { fileId: file.fileId, bulk: { action: 'exclude-blocking' } });
  expect(summary.uploadAllowed).toBe(true);
  let jobId = '';
  const finished = new Promise<void>((resolve) => {
    const off = harness.services().bus.subscribe((event) => {
      if (event.type === 'job.finished' && event.jobId === jobId) {
        off();
        resolve();
      }
    });
  });
  ({ jobId } = await call<{ jobId: string }>('jobs.start', { preparedDir: summary.preparedDir, profileId: 'local-sandbox' }));
  await finished;
  return call<JobView>('jobs.get', { jobId });
}

describe('results.download', () => {
  it('returns the result CSV of a finished job with one line per input row, and its path', async () => {
    const view = await uploadSample();
    const totals = jobTotals(view);
    expect(view.state).toBe('completed');
    const file = await call<ResultDownload>('results.download', { jobId: view.jobId });
    expect(file.name).toBe(resultFileName(view.spec!.source.file, view.jobId));
    expect(file.name.startsWith('results-')).toBe(true);
    expect(file.name.endsWith(`-${view.jobId}.csv`)).toBe(true);
    expect(file.text).not.toBeNull();
    expect(await readFile(file.path, 'utf8')).toBe(file.text);
    expect(file.text!.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = Papa.parse<string[]>(file.text!.slice(1), { skipEmptyLines: true }).data as [string[], ...string[][]];
    expect(header).toEqual(['Outcome', 'Reason', 'thirdPartyId', 'loyaltyTier', 'pointsBalance', 'favoriteCategory', 'city', 'lastPurchaseDate', 'emailOptIn', ...RESULT_MACHINE_HEADER]);
    expect(rows.length).toBe(totals.rows);
    // Every line has the header's cells, a row that was never sent (left out, blocked) too.
    expect(rows.filter((cells) => cells.length !== header.length)).toEqual([]);
    expect(file.rows).toBe(totals.rows);
    const outcomes = rows.map((cells) => cells[header.indexOf('outcome')]);
    expect(outcomes.filter((o) => o === 'confirmed').length).toBe(totals.confirmed);
    expect(outcomes.filter((o) => o === 'excluded').length).toBe(totals.excluded);
    expect(rows.filter((cells) => cells[0] === 'Updated').length).toBe(totals.confirmed);
    expect(rows.filter((cells) => cells[0] === 'Left out').length).toBe(totals.excluded);
    expect(file.bytes).toBe(Buffer.byteLength(file.text!, 'utf8'));
    const history = await call<readonly JobListItem[]>('jobs.list', {});
    expect(history.map((h) => h.jobId)).toContain(view.jobId);
  });

  it('offers a large file by path only, and says so for an unknown job', async () => {
    const view = await uploadSample();
    const jobs = { results: (jobId: string) => call<{ path: string; rows: number }>('jobs.results', { jobId }), load: async () => ({ spec: { source: { file: '/x/My Customers (KR).csv' } } }) };
    const small = createResultDownloadHandlers(jobs, 10);
    const big = await small['results.download']({ jobId: view.jobId });
    expect(big.text).toBeNull();
    expect(big.bytes).toBeGreaterThan(10);
    expect(big.name).toBe(`results-My_Customers_KR_-${view.jobId}.csv`);
    await expect(call('results.download', { jobId: 'no-such-job' })).rejects.toMatchObject({ code: 'job-not-found' });
  });

  it('names downloads safely', () => {
    expect(resultFileName('C:\\data\\고객 목록.xlsx', 'j1')).toBe('results-고객_목록-j1.csv');
    expect(resultFileName('', 'j2')).toBe('results-upload-j2.csv');
  });
});
