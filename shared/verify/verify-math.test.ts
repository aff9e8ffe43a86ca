import { describe, expect, it } from 'vitest';
import { compareProfile } from './compare-profile.js';
import { wilsonInterval } from './wilson.js';

const profile = (attrs: Record<string, string>) => ({
  client: 'c',
  visitorId: 'v',
  modifiedAt: '',
  profileAttributes: Object.fromEntries(Object.entries(attrs).map(([k, value]) => [k, { value, modifiedAt: `at-${k}` }])),
});

describe('compareProfile', () => {
  it('verifies when every non-empty sent value is there (extra attributes do not matter)', () => {
    expect(compareProfile({ tier: 'gold', points: '12', note: '' }, profile({ tier: 'gold', points: '12', other: 'x' }))).toEqual({ kind: 'verified' });
  });

  it('names each attribute that differs or is absent, with what was found and when it changed', () => {
    expect(compareProfile({ tier: 'gold', points: '12' }, profile({ tier: 'silver' }))).toEqual({
      kind: 'differs',
      diffs: [
        { name: 'tier', sent: 'gold', found: 'silver', modifiedAt: 'at-tier' },
        { name: 'points', sent: '12', found: null, modifiedAt: null },
      ],
    });
  });

  it('compares exact strings (no trimming, no case folding, no number reading)', () => {
    expect(compareProfile({ a: '1.50' }, profile({ a: '1.5' }))).toMatchObject({ kind: 'differs' });
    expect(compareProfile({ a: 'Gold' }, profile({ a: 'gold' }))).toMatchObject({ kind: 'differs' });
  });
});

describe('wilsonInterval', () => {
  it('is null for an empty sample', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it('says "up to" for a sample with no miss and stays inside [0, 1]', () => {
    const r = wilsonInterval(0, 500)!;
    expect(r.rate).toBe(0);
    expect(r.low).toBe(0);
    expect(r.high).toBeGreaterThan(0.006);
    expect(r.high).toBeLessThan(0.008);
    expect(wilsonInterval(10, 10)!.high).toBe(1);
  });

  it('matches the textbook interval for 1 in 1,000', () => {
    const r = wilsonInterval(1, 1000)!;
    expect(r.low).toBeCloseTo(0.000177, 5);
    expect(r.high).toBeCloseTo(0.00565, 4);
  });
});
