import { describe, expect, it } from 'vitest';
import type { JobTotals } from './job-summary.js';
import { outcomeHeadline } from './outcome-headline.js';

const totals = (t: Partial<JobTotals>): JobTotals => ({ rows: 0, sent: 0, confirmed: 0, notFound: 0, failed: 0, rejected: 0, excluded: 0, unknown: 0, pending: 0, ...t });

describe('outcomeHeadline', () => {
  it('calls a v1 upload that found no profile a failure, naming the not-found count', () => {
    expect(outcomeHeadline(totals({ rows: 196, sent: 196, notFound: 196 }), 'completed')).toEqual({ kind: 'none-not-found', tone: 'negative', counts: [{ key: 'notFound', value: 196 }] });
  });

  it('is positive only when every sent row was updated; left-out rows are named without changing the tone', () => {
    expect(outcomeHeadline(totals({ confirmed: 90, rejected: 7, excluded: 3 }), 'completed')).toEqual({
      kind: 'all-updated',
      tone: 'positive',
      counts: [
        { key: 'confirmed', value: 90 },
        { key: 'rejected', value: 7 },
        { key: 'excluded', value: 3 },
      ],
    });
  });

  it('is a notice when some rows were updated and others were not, and negative when none were', () => {
    expect(outcomeHeadline(totals({ confirmed: 5, notFound: 2, unknown: 1 }), 'completed')).toMatchObject({ kind: 'partly-updated', tone: 'notice' });
    expect(outcomeHeadline(totals({ failed: 4, notFound: 1 }), 'completed')).toMatchObject({ kind: 'none-updated', tone: 'negative' });
    expect(outcomeHeadline(totals({ unknown: 4 }), 'completed')).toMatchObject({ kind: 'none-updated', tone: 'negative', counts: [{ key: 'unknown', value: 4 }] });
  });

  it('says a cancelled upload was stopped, as a notice when it had updated rows', () => {
    expect(outcomeHeadline(totals({ confirmed: 3, unknown: 2 }), 'cancelled')).toMatchObject({ kind: 'cancelled', tone: 'notice' });
    expect(outcomeHeadline(totals({}), 'cancelled')).toMatchObject({ kind: 'cancelled', tone: 'negative', counts: [] });
  });
});
