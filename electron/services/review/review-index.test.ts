// The Review index answers from the row ledger and the packed row issues: the same answers a plain walk
// over every issue object gives.
import { describe, expect, it } from 'vitest';
import { makeIssue, type Issue } from '../../../shared/validation/issue.js';
import { LEDGER_DUPLICATE, LEDGER_EXCLUDED, LEDGER_REJECTED } from '../prepare/prepare-ledger.js';
import { packIssues, unpackIssues } from '../prepare/packed-issues.js';
import { buildRowIndex } from './review-index.js';

describe('buildRowIndex over packed issues', () => {
  // Rows 1..8: sent, rejected, sent, excluded, duplicate, sent, rejected, sent.
  const ledger = Int32Array.from([0, LEDGER_REJECTED, 1, LEDGER_EXCLUDED, LEDGER_DUPLICATE, 2, LEDGER_REJECTED, 3]);
  const issues: Issue[] = [
    makeIssue('id-forbidden-char', 7, 'id', { char: '+' }),
    makeIssue('value-too-long', 3, 'note', { value: 'x', count: 300 }),
    makeIssue('duplicate-id-resolved', 5, 'id', { value: 'C-1', otherRow: 1, variant: 'first-wins' }),
    makeIssue('value-too-long', 4, 'note', { value: 'x', count: 300 }),
    makeIssue('id-forbidden-char', 2, 'id', { char: '/' }),
    makeIssue('value-too-long', 3, 'city', { value: 'y', count: 280 }),
  ];

  it('keeps every row issue, in row order, and unpacks only the rows asked for', () => {
    const packed = packIssues([makeIssue('header-duplicate', null, null, { value: 'id', count: 2 }), ...issues]);
    expect(packed.count).toBe(issues.length);
    expect(Array.from(packed.rows)).toEqual([2, 3, 3, 4, 5, 7]);
    expect(unpackIssues(packed).map((i) => i.row)).toEqual([2, 3, 3, 4, 5, 7]);
    const index = buildRowIndex(ledger, packed);
    expect(index.issues(3)).toEqual([issues[1], issues[5]]);
    expect(index.issues(1)).toEqual([]);
    expect(index.issues(9)).toEqual([]);
  });

  it('gives statuses, counts and filtered lists as a walk over the issues would', () => {
    const index = buildRowIndex(ledger, packIssues(issues));
    const severity = (row: number) => issues.filter((i) => i.row === row).map((i) => i.severity);
    const expected = (keep: (row: number) => boolean) => [1, 2, 3, 4, 5, 6, 7, 8].filter(keep);
    const sentWarned = (row: number) => (ledger[row - 1] as number) >= 0 && severity(row).includes('warning');
    expect(index.warningRows).toBe(expected(sentWarned).length);
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((r) => index.status(r))).toEqual(['ready', 'blocked', sentWarned(3) ? 'warning' : 'ready', 'excluded', 'excluded', 'ready', 'blocked', 'ready']);
    expect(index.select('all')).toBeNull();
    expect(index.select('blocking')).toEqual([2, 7]);
    expect(index.select('excluded')).toEqual([4, 5]);
    expect(index.select('warnings')).toEqual(expected(sentWarned));
    expect(index.select('issues')).toEqual(expected((r) => ledger[r - 1] === LEDGER_REJECTED || severity(r).some((s) => s !== 'info')));
    expect(index.select({ code: 'value-too-long' })).toEqual([3, 4]);
    expect(index.select({ code: 'no-such-code' as never })).toEqual([]);
  });
});
