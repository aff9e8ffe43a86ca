// A job spec for tests of the job reducer and of what is computed from its view.
import { defaultJobOptions, type JobSpec } from '../../jobs/job-spec.js';

/**
 * Job `j1` created at `at` on a local connection of client `acme`, with one batch per entry of
 * `batchRows` (10 bytes a row, files b0, b1, …) and the source `source` (its rows default to their sum).
 */
export function jobSpecForTests(at: string, batchRows: readonly number[], source: Partial<JobSpec['source']> = {}): JobSpec {
  return {
    jobId: 'j1',
    createdAt: at,
    connection: { profileId: 'p', name: 'Local', baseUrl: 'http://127.0.0.1:1', clientCode: 'acme', apiVersion: 'v2', statusHosts: [], dailyRowBudget: null },
    source: { file: 'in.csv', idType: 'thirdPartyId', rows: batchRows.reduce((a, b) => a + b, 0), rejected: 0, excluded: 0, preparedDir: '/tmp/x', retryOf: null, personalData: [], ...source },
    batches: batchRows.map((rows, index) => ({ index, rows, bytes: rows * 10, path: `b${index}` })),
    options: defaultJobOptions(),
  };
}
