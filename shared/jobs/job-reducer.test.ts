import { describe, expect, it } from 'vitest';
import { jobEventSchema, type JobEvent } from './job-events.js';
import { replayJob, reduceJob, initialJobView } from './job-reducer.js';
import { jobSummary, jobTotals } from './job-summary.js';
import { jobSpecForTests } from '../contract/testing/job-spec-for-tests.js';

const at = '2026-01-01T00:00:00.000Z';
const spec = jobSpecForTests(at, [5, 4, 2], { rows: 14, rejected: 2, excluded: 1 });
const c = (s: number, nf: number, f: number) => ({ consumedCount: s + nf + f, successfulUpdates: s, profilesNotFound: nf, failedUpdates: f });

const events: JobEvent[] = [
  { type: 'job.started', jobId: 'j1', at, spec },
  { type: 'batch.submitting', jobId: 'j1', at, index: 0, attempt: 1 },
  { type: 'batch.uploading', jobId: 'j1', at, index: 0, bytesSent: 25, bytesTotal: 50 },
  { type: 'batch.submitted', jobId: 'j1', at, index: 0, batchId: 'acme-1-1', statusUrl: 'http://x/s?batchId=acme-1-1' },
  { type: 'batch.status', jobId: 'j1', at, index: 0, status: 'incomplete', batchSize: 5, counters: c(2, 0, 0) },
  { type: 'batch.finished', jobId: 'j1', at, index: 0, outcome: 'complete', counters: c(4, 0, 1), failedIds: ['k3'], message: null },
  { type: 'batch.submitting', jobId: 'j1', at, index: 1, attempt: 1 },
  { type: 'batch.submit-failed', jobId: 'j1', at, index: 1, attempt: 1, error: { code: 'target-rejected', message: 'Target refused the batch: Unexpected error' }, retryInMs: null },
  { type: 'batch.finished', jobId: 'j1', at, index: 1, outcome: 'rejected', counters: null, failedIds: [], message: 'Target refused the batch: Unexpected error' },
  { type: 'batch.submitting', jobId: 'j1', at, index: 2, attempt: 1 },
  { type: 'job.paused', jobId: 'j1', at, reason: 'auth', error: { code: 'auth-failed', message: 'token' } },
];

describe('reduceJob', () => {
  it('follows a job through submit, status, failure and pause', () => {
    const v = replayJob('j1', events);
    expect(v.state).toBe('paused');
    expect(v.pause?.reason).toBe('auth');
    expect(v.batches.map((b) => b.phase)).toEqual(['finished', 'finished', 'submitting']);
    expect(v.batches[0]).toMatchObject({ batchId: 'acme-1-1', status: 'complete', failedIdCount: 1, bytesSent: 50 });
    expect(v.batches[1]).toMatchObject({ outcome: 'rejected', status: 'rejected', batchId: null });
  });

  it('accounts for every row exactly once in the totals', () => {
    const t = jobTotals(replayJob('j1', events));
    expect(t).toEqual({ rows: 14, sent: 5, confirmed: 4, notFound: 0, failed: 1 + 4, rejected: 2, excluded: 1, unknown: 0, pending: 2 });
    expect(t.confirmed + t.notFound + t.failed + t.rejected + t.excluded + t.unknown + t.pending).toBe(t.rows);
  });

  it('ignores events of another job and resumes/finishes', () => {
    let v = replayJob('j1', events);
    const same = reduceJob(v, { type: 'job.resumed', jobId: 'other', at });
    expect(same).toBe(v);
    v = reduceJob(v, { type: 'job.resumed', jobId: 'j1', at });
    expect(v.state).toBe('running');
    v = reduceJob(v, { type: 'batch.outcome-unknown', jobId: 'j1', at, index: 2, attempt: 1, detail: 'crash' });
    expect(v.batches[2]?.phase).toBe('unknown-outcome');
    v = reduceJob(v, { type: 'batch.finished', jobId: 'j1', at, index: 2, outcome: 'unknown', counters: null, failedIds: [], message: 'crash' });
    v = reduceJob(v, { type: 'job.finished', jobId: 'j1', at, state: 'completed' });
    const s = jobSummary(v);
    expect(s.state).toBe('completed');
    expect(s.unknown).toBe(2);
    expect(s.batches.map((b) => b.status)).toEqual(['complete', 'rejected', 'unknown']);
  });

  it('keeps the English text of records written before codes carried params, and the codes of new records', () => {
    for (const e of events) expect(jobEventSchema.safeParse(e).success, e.type).toBe(true);
    const v = replayJob('j1', events);
    expect(v.batches[1]?.note).toEqual({ code: 'legacy-note', message: 'Target refused the batch: Unexpected error' });
    const reason = { code: 'job-cancelled', params: { variant: 'maybe-sent' } };
    const next = reduceJob(v, { type: 'batch.finished', jobId: 'j1', at, index: 2, outcome: 'unknown', counters: null, failedIds: [], reason });
    expect(next.batches[2]?.note).toEqual(reason);
  });

  it('starts from an empty view', () => {
    expect(initialJobView('x')).toMatchObject({ jobId: 'x', state: 'created', batches: [] });
  });
});
