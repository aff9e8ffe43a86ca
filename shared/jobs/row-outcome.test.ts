import { describe, expect, it } from 'vitest';
import type { BatchView } from './job-reducer.js';
import { batchRowRule } from './row-outcome.js';

const batch = (patch: Partial<BatchView>): BatchView => ({
  index: 1,
  rows: 10,
  bytes: 100,
  phase: 'finished',
  attempts: 1,
  bytesSent: 100,
  batchId: 'b',
  statusUrl: 'u',
  status: 'complete',
  counters: null,
  outcome: 'complete',
  note: null,
  failedIdCount: 0,
  lastError: null,
  submittedAt: null,
  ...patch,
});
const c = (s: number, nf: number, f: number) => ({ consumedCount: s + nf + f, successfulUpdates: s, profilesNotFound: nf, failedUpdates: f });

describe('batchRowRule', () => {
  it('v1: all updated, all not found, or a mix v1 cannot attribute', () => {
    expect(batchRowRule(batch({ counters: c(10, 0, 0) }), 'v1', 0).others.outcome).toBe('confirmed');
    expect(batchRowRule(batch({ counters: c(0, 10, 0) }), 'v1', 0).others.outcome).toBe('not-found');
    const mixed = batchRowRule(batch({ counters: c(7, 3, 0) }), 'v1', 0).others;
    expect(mixed.outcome).toBe('confirmed-or-not-found');
    expect(mixed.detail).toEqual({ code: 'v1-mixed', counters: c(7, 3, 0), rows: 10 });
  });
  it('v2: listed failures fail, the rest are confirmed only when the counters cover them', () => {
    const r = batchRowRule(batch({ counters: c(8, 0, 2) }), 'v2', 2);
    expect([r.listedFailed.outcome, r.others.outcome]).toEqual(['failed', 'confirmed']);
    expect(batchRowRule(batch({ counters: c(8, 0, 2) }), 'v2', 1).others.outcome).toBe('unknown');
    expect(batchRowRule(batch({ counters: c(9, 0, 0) }), 'v2', 0).others.outcome).toBe('unknown'); // a row Target did not count
  });
  it('refused, stuck, cancelled, unfinished and counter-less batches', () => {
    const note = { code: 'target-rejected', params: { said: 'Unexpected error' } };
    expect(batchRowRule(batch({ outcome: 'rejected', note }), 'v2', 0).others).toEqual({ outcome: 'failed', detail: { code: 'batch-note', note } });
    expect(batchRowRule(batch({ outcome: 'rejected' }), 'v2', 0).others).toEqual({ outcome: 'failed', detail: { code: 'batch-refused' } });
    expect(batchRowRule(batch({ outcome: 'stuck' }), 'v2', 0).others.outcome).toBe('unknown');
    expect(batchRowRule(batch({ outcome: 'cancelled' }), 'v2', 0).others.outcome).toBe('not-sent');
    expect(batchRowRule(batch({ phase: 'submitted', outcome: null }), 'v2', 0).others.outcome).toBe('pending');
    expect(batchRowRule(batch({ counters: null }), 'v2', 0).others.outcome).toBe('unknown');
  });
});
