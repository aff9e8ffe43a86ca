import { describe, expect, it } from 'vitest';
import { RowOverlay } from './row-overlay.js';

describe('RowOverlay.packed', () => {
  it('sends rows that are only left out as one ascending array, other edits as they are, and rebuilds the same overlay', () => {
    const overlay = new RowOverlay();
    for (const row of [9, 3, 5000, 1]) overlay.set({ row, exclude: true });
    overlay.set({ row: 4, cells: { tier: 'gold' } });
    overlay.set({ row: 7, exclude: true, cells: { tier: 'x' } });
    overlay.set({ row: 8, exclude: true });
    overlay.set({ row: 8, exclude: false });
    const { edits, excluded } = overlay.packed();
    expect(Array.from(excluded)).toEqual([1, 3, 9, 5000]);
    expect(edits).toEqual([{ row: 4, cells: { tier: 'gold' } }, { row: 7, exclude: true, cells: { tier: 'x' } }, { row: 8, exclude: false }]);
    expect(new RowOverlay(edits, excluded).list()).toEqual(overlay.list());
  });

  it('packs a large bulk exclusion in row order', () => {
    const overlay = new RowOverlay();
    for (let row = 100_000; row >= 1; row--) overlay.set({ row, exclude: true });
    const { edits, excluded } = overlay.packed();
    expect(edits).toEqual([]);
    expect(excluded.length).toBe(100_000);
    expect(excluded[0]).toBe(1);
    expect(excluded[99_999]).toBe(100_000);
  });
});
