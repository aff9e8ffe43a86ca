import { describe, expect, it } from 'vitest';
import { MAX_SPACER_PX, rowWindow, scrollMapping } from './row-window.js';

describe('scrollMapping', () => {
  it('leaves a list shorter than the largest element unscaled', () => {
    const m = scrollMapping(1_000, 32, 32, 420);
    expect(m.scaled).toBe(false);
    expect(m.spacer).toBe(32_000);
    expect(m.toScroll(1_234)).toBe(1_234);
    expect(m.maxTop).toBe(32_000 + 32 - 420);
  });

  it('scales ten million rows into a row group the browser can lay out, mapping both ends and the middle', () => {
    const m = scrollMapping(10_000_000, 32, 32, 420);
    expect(m.scaled).toBe(true);
    expect(m.spacer).toBe(MAX_SPACER_PX);
    const maxScroll = MAX_SPACER_PX + 32 - 420;
    expect(m.toTop(0)).toBe(0);
    expect(m.toTop(maxScroll)).toBe(m.maxTop);
    expect(m.toScroll(m.maxTop)).toBeCloseTo(maxScroll);
    // The thumb half way down shows the middle of the file.
    expect(Math.floor(m.toTop(maxScroll / 2) / 32)).toBeGreaterThan(4_999_000);
    expect(Math.floor(m.toTop(maxScroll / 2) / 32)).toBeLessThan(5_001_000);
    expect(m.toTop(m.toScroll(123_456_789))).toBeCloseTo(123_456_789);
  });
});

describe('rowWindow', () => {
  it('renders the rows in view and the overscan, no more, however long the list', () => {
    const m = scrollMapping(10_000_000, 32, 32, 420);
    const top = 9_999_990 * 32;
    const items = rowWindow({ count: 10_000_000, rowHeight: 32, overscan: 10, top: Math.min(top, m.maxTop), scrollTop: m.toScroll(Math.min(top, m.maxTop)), height: 420, scaled: true });
    expect(items.length).toBeLessThan(60);
    expect(items.at(-1)!.index).toBe(9_999_999);
    // Scaled rows sit inside the row group, the last one at its bottom.
    for (const item of items) {
      expect(item.start).toBeGreaterThanOrEqual(0);
      expect(item.start).toBeLessThanOrEqual(MAX_SPACER_PX - 32);
    }
    // Consecutive rows are one row apart.
    expect(items[1]!.start - items[0]!.start).toBe(32);
  });

  it('places unscaled rows at their own offset and renders nothing for an empty list', () => {
    expect(rowWindow({ count: 100, rowHeight: 32, overscan: 2, top: 320, scrollTop: 320, height: 96, scaled: false }).map((i) => [i.index, i.start])).toEqual([
      [8, 256],
      [9, 288],
      [10, 320],
      [11, 352],
      [12, 384],
      [13, 416],
      [14, 448],
      [15, 480],
    ]);
    expect(rowWindow({ count: 0, rowHeight: 32, overscan: 2, top: 0, scrollTop: 0, height: 96, scaled: false })).toEqual([]);
  });
});
