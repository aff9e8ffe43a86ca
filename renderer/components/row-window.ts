/**
 * The arithmetic of a grid window over fixed-height rows, kept apart from React so it can be tested:
 * how a scroll position maps to the list (scaled past the browser's element height) and which rows to
 * render where.
 */

/**
 * The tallest row group the grid lays out, in pixels. Browsers stop at about 16–33 million pixels per
 * element (about a million 32 px rows), so a longer list gets a row group this tall and a scaled scrollbar.
 */
export const MAX_SPACER_PX = 15_000_000;

/** How a scroll element's position maps to the list's own offset (`top`, unscaled pixels) and back. */
export interface ScrollMapping {
  /** True when the list is taller than `MAX_SPACER_PX` and the scrollbar is scaled. */
  readonly scaled: boolean;
  /** Height to give the row group. */
  readonly spacer: number;
  /** The largest list offset: the last row at the bottom of the view. */
  readonly maxTop: number;
  readonly toScroll: (top: number) => number;
  readonly toTop: (scrollTop: number) => number;
}

/** Returns the mapping for `count` rows of `rowHeight` under a `headerHeight` header in a view `viewHeight` tall. */
export function scrollMapping(count: number, rowHeight: number, headerHeight: number, viewHeight: number): ScrollMapping {
  const content = count * rowHeight;
  const maxTop = Math.max(0, content + headerHeight - viewHeight);
  if (content <= MAX_SPACER_PX) return { scaled: false, spacer: content, maxTop, toScroll: (top) => top, toTop: (scrollTop) => scrollTop };
  const maxScroll = Math.max(0, MAX_SPACER_PX + headerHeight - viewHeight);
  return {
    scaled: true,
    spacer: MAX_SPACER_PX,
    maxTop,
    toScroll: (top) => (maxTop === 0 ? 0 : (top * maxScroll) / maxTop),
    toTop: (scrollTop) => (maxScroll === 0 ? 0 : Math.min(maxTop, (scrollTop * maxTop) / maxScroll)),
  };
}

/** A row to render: its 0-based index and its offset inside the row group. */
export interface RowWindowItem {
  readonly index: number;
  readonly start: number;
  /** Stable React key. */
  readonly key: number;
}

/** Used before the view has been measured: enough rows for a typical grid. */
const UNMEASURED_HEIGHT = 600;

/**
 * The rows to render for a view at list offset `top` (element scroll position `scrollTop`, `height`
 * tall): those in view and `overscan` beyond each edge. Scaled, rows are placed relative to the
 * element's scroll position, so they appear where an unscaled list would show them.
 */
export function rowWindow(o: { count: number; rowHeight: number; overscan: number; top: number; scrollTop: number; height: number; scaled: boolean }): RowWindowItem[] {
  if (o.count <= 0) return [];
  const height = o.height > 0 ? o.height : UNMEASURED_HEIGHT;
  const first = Math.max(0, Math.floor(o.top / o.rowHeight) - o.overscan);
  const last = Math.min(o.count - 1, Math.floor((o.top + height) / o.rowHeight) + o.overscan);
  const items: RowWindowItem[] = [];
  for (let index = first; index <= last; index++) {
    const start = o.scaled ? o.scrollTop + index * o.rowHeight - o.top : index * o.rowHeight;
    items.push({ index, start, key: index });
  }
  return items;
}
