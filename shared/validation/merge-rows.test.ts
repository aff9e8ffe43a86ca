import { describe, expect, it } from 'vitest';
import { mergeRows } from './merge-rows.js';

describe('mergeRows', () => {
  it('adds kept rows in order, once', () => {
    expect(mergeRows([2, 5, 9], [1, 5, 7, 12])).toEqual([1, 2, 5, 7, 9, 12]);
    expect(mergeRows([], [3])).toEqual([3]);
    expect(mergeRows([4, 8], [])).toEqual([4, 8]);
  });
});
