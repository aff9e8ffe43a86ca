import { describe, expect, it } from 'vitest';
import type { JobEvent } from '../../../shared/jobs/job-events.js';
import { replayJob } from '../../../shared/jobs/job-reducer.js';
import { defaultJobOptions } from '../../../shared/jobs/job-spec.js';
import { jobTotals } from '../../../shared/jobs/job-summary.js';
import { batchOutcomeCounts } from './outcome-chart.js';

const at = '2026-01-01T00:00:00.000Z';
const batch = (index: number, rows: number) => ({ index, rows, bytes: rows * 10, path: `b${index}` });

describe('outcomes per batch', () => {
  it('splits every batch by outcome and adds up to the job totals', () => {
    const events: JobEvent[] = [
      {
        type: 'job.started',
        jobId: 'j',
        at,
        spec: {
          jobId: 'j',
          createdAt: at,
          connection: { profileId: 'p', name: 'L', baseUrl: 'http://127.0.0.1:1', clientCode: 'c', apiVersion: 'v1', statusHosts: [], dailyRowBudget: null },
          source: { file: 'f.csv', idType: 'pcId', rows: 40, rejected: 0, excluded: 0, preparedDir: '/x', retryOf: null, personalData: [] },
          batches: [batch(0, 10), batch(1, 10), batch(2, 10), batch(3, 10)],
          options: defaultJobOptions(),
        },
      },
      { type: 'batch.submitted', jobId: 'j', at, index: 0, batchId: 'B0', statusUrl: 'http://s/0' },
      {
        type: 'batch.finished',
        jobId: 'j',
        at,
        index: 0,
        outcome: 'complete',
        counters: { consumedCount: 9, successfulUpdates: 6, profilesNotFound: 2, failedUpdates: 1 },
        failedIds: [],
        message: null,
      },
      { type: 'batch.finished', jobId: 'j', at, index: 1, outcome: 'rejected', counters: null, failedIds: [], message: 'bad' },
      { type: 'batch.finished', jobId: 'j', at, index: 2, outcome: 'stuck', counters: null, failedIds: [], message: null },
    ];
    const view = replayJob('j', events);
    const counts = view.batches.map(batchOutcomeCounts);
    expect(counts[0]).toEqual({ confirmed: 6, notFound: 2, failed: 1, unknown: 1, pending: 0 });
    expect(counts[1]).toEqual({ confirmed: 0, notFound: 0, failed: 10, unknown: 0, pending: 0 });
    expect(counts[2]).toEqual({ confirmed: 0, notFound: 0, failed: 0, unknown: 10, pending: 0 });
    expect(counts[3]).toEqual({ confirmed: 0, notFound: 0, failed: 0, unknown: 0, pending: 10 });
    const sum = (k: keyof (typeof counts)[number]) => counts.reduce((a, c) => a + c[k], 0);
    const totals = jobTotals(view);
    expect([sum('confirmed'), sum('notFound'), sum('failed'), sum('unknown'), sum('pending')]).toEqual([
      totals.confirmed,
      totals.notFound,
      totals.failed,
      totals.unknown,
      totals.pending,
    ]);
  });
});
