import { describe, expect, it } from 'vitest';
import type { JobEvent } from '../../../shared/jobs/job-events.js';
import { replayJob } from '../../../shared/jobs/job-reducer.js';
import { batchDisplay, batchFraction, estimateRemainingMs, jobFraction, splitDuration } from './progress-math.js';
import { jobSpecForTests } from '../../../shared/contract/testing/job-spec-for-tests.js';

const at = '2026-01-01T00:00:00.000Z';
const spec = jobSpecForTests(at, [100, 200], { file: 'a.csv', idType: 'pcId' });
const started: JobEvent = { type: 'job.started', jobId: 'j1', at, spec };

describe('upload progress', () => {
  it('moves a batch Target is processing with the time since it was accepted, short of done until Target says so', () => {
    const accepted = replayJob('j1', [
      started,
      { type: 'batch.submitting', jobId: 'j1', at, index: 0, attempt: 1 },
      { type: 'batch.submitted', jobId: 'j1', at, index: 0, batchId: 'B0', statusUrl: 'http://x/s' },
    ]);
    const batch = accepted.batches[0]!;
    const t0 = Date.parse(at);
    expect(batchFraction(batch)).toBe(0.5);
    expect(batchFraction(batch, t0)).toBe(0.5);
    const later = batchFraction(batch, t0 + 30_000);
    expect(later).toBeGreaterThan(0.7);
    expect(batchFraction(batch, t0 + 3_600_000)).toBeLessThan(1);
    expect(jobFraction(accepted, t0 + 30_000)).toBeGreaterThan(jobFraction(accepted, t0));
  });

  it('weights batches by rows: bytes count for the first half, processing for the second', () => {
    const events: JobEvent[] = [
      started,
      { type: 'batch.submitting', jobId: 'j1', at, index: 1, attempt: 1 },
      { type: 'batch.uploading', jobId: 'j1', at, index: 1, bytesSent: 1000, bytesTotal: 2000 },
    ];
    const view = replayJob('j1', events);
    expect(jobFraction(view)).toBeCloseTo((200 * 0.25) / 300);
    expect(batchDisplay(view.batches[1]!)).toEqual({ kind: 'sending', percent: 50 });
    expect(batchDisplay(view.batches[0]!)).toEqual({ kind: 'waiting' });

    const done = replayJob('j1', [
      ...events,
      { type: 'batch.submitted', jobId: 'j1', at, index: 1, batchId: 'B1', statusUrl: 'http://x/s' },
      {
        type: 'batch.finished',
        jobId: 'j1',
        at,
        index: 0,
        outcome: 'rejected',
        counters: null,
        failedIds: [],
        message: 'no',
      },
    ]);
    expect(jobFraction(done)).toBeCloseTo((100 * 1 + 200 * 0.5) / 300);
    expect(batchDisplay(done.batches[1]!)).toEqual({ kind: 'processing', status: null });
    expect(batchDisplay(done.batches[0]!)).toEqual({ kind: 'done', outcome: 'rejected' });
    const finished = replayJob('j1', [...events, { type: 'job.finished', jobId: 'j1', at, state: 'cancelled' }]);
    expect(jobFraction(finished)).toBe(1);
  });

  it('gives no estimate until there is something to go on, then scales the time spent', () => {
    expect(estimateRemainingMs(0, 60_000)).toBeNull();
    expect(estimateRemainingMs(0.5, 500)).toBeNull();
    expect(estimateRemainingMs(1, 60_000)).toBeNull();
    expect(estimateRemainingMs(0.25, 60_000)).toBe(180_000);
    // A resumed job: only the progress made while watching counts.
    expect(estimateRemainingMs(0.6, 10_000, 0.5)).toBe(40_000);
    expect(estimateRemainingMs(0.51, 10_000, 0.5)).toBeNull();
    expect(splitDuration(3_723_400)).toEqual({ hours: 1, minutes: 2, seconds: 3 });
  });
});
