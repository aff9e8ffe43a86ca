import { describe, expect, it } from 'vitest';
import { buildCatalog, markNames } from './attribute-catalog.js';
import { foldName, foldRomanisation, nearKind } from './name-fold.js';

describe('near-duplicate names', () => {
  it('folds case, spaces, underscores, hyphens and dots', () => {
    expect(foldName('Join_Date')).toBe('joindate');
    expect(foldName('join-date')).toBe(foldName('joinDate'));
    expect(nearKind('Tier', 'tier')).toBe('case');
    expect(nearKind('join_date', 'joinDate')).toBe('spacing');
    expect(nearKind('loyalty tier', 'loyaltyTier')).toBe('spacing');
    expect(nearKind('tier', 'tier')).toBeNull();
    expect(nearKind('tier', 'tiers')).toBeNull();
  });

  it('merges Korean romanisation variants of one word', () => {
    expect(foldRomanisation('deunggeup')).toBe(foldRomanisation('dunggup'));
    expect(foldRomanisation('hoewonDeunggeup')).toBe(foldRomanisation('hoewon_dunggup'));
    expect(foldRomanisation('jiyeok')).toBe(foldRomanisation('chiyok'));
    expect(nearKind('gaipil', 'kaipil')).toBe('romanisation');
    expect(foldRomanisation('gaip')).toBe('gaip'); // short names are left alone
  });
});

describe('markNames', () => {
  const known = ['tier', 'joinDate', 'deunggeup', 'carts'];

  it('marks known and new names, and new names easily mistaken for a known one', () => {
    expect(markNames(['tier', 'Tier', 'join_date', 'points'], known)).toEqual([
      { name: 'tier', status: 'known', nearDuplicate: null },
      { name: 'Tier', status: 'new', nearDuplicate: { of: 'tier', kind: 'case' } },
      { name: 'join_date', status: 'new', nearDuplicate: { of: 'joinDate', kind: 'spacing' } },
      { name: 'points', status: 'new', nearDuplicate: null },
    ]);
  });

  it('compares romanisation variants only for names made by romanising a header', () => {
    expect(markNames(['cards'], known)[0]?.nearDuplicate).toBeNull();
    expect(markNames(['dunggup'], known)[0]?.nearDuplicate).toBeNull();
    expect(markNames(['dunggup'], known, new Set(['dunggup']))[0]?.nearDuplicate).toEqual({ of: 'deunggeup', kind: 'romanisation' });
  });
});

describe('buildCatalog', () => {
  it('keeps one line per name with its first and last job, for one connection only', () => {
    const entries = [
      { jobId: 'j2', connectionId: 'a', at: '2026-02-01T00:00:00Z', file: 'b.csv', names: [{ name: 'tier', column: null }] },
      { jobId: 'j1', connectionId: 'a', at: '2026-01-01T00:00:00Z', file: 'a.csv', names: [{ name: 'tier', column: '등급' }, { name: 'points', column: '포인트' }] },
      { jobId: 'j3', connectionId: 'b', at: '2026-03-01T00:00:00Z', file: 'c.csv', names: [{ name: 'other', column: 'x' }] },
    ];
    expect(buildCatalog('a', entries)).toEqual({
      connectionId: 'a',
      names: [
        { name: 'points', firstSentAt: '2026-01-01T00:00:00Z', lastSentAt: '2026-01-01T00:00:00Z', jobs: 1, lastJobId: 'j1', lastFile: 'a.csv', lastColumn: '포인트' },
        { name: 'tier', firstSentAt: '2026-01-01T00:00:00Z', lastSentAt: '2026-02-01T00:00:00Z', jobs: 2, lastJobId: 'j2', lastFile: 'b.csv', lastColumn: '등급' },
      ],
    });
  });
});
