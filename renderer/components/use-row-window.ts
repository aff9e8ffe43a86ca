import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { rowWindow, scrollMapping, type RowWindowItem } from './row-window.js';

export type { RowWindowItem } from './row-window.js';

/** Where `scrollToIndex` puts a row: at the top, in the middle, or (`auto`) only as far as needed to show it. */
export type ScrollAlign = 'start' | 'center' | 'auto';

export interface RowWindowOptions {
  readonly count: number;
  readonly rowHeight: number;
  readonly scrollRef: RefObject<HTMLElement | null>;
  /** Rows rendered beyond each edge of the view. */
  readonly overscan: number;
  /** Height of the sticky header above the rows, inside the scroll element. */
  readonly headerHeight?: number;
}

/**
 * Windowing for a grid of fixed-height rows, of any length: only the rows in view (plus `overscan`) are
 * rendered, nothing is held per row, and past the browser's largest element height the scrollbar is
 * scaled so that it still maps the whole list (its thumb at the middle is the middle row of ten million).
 * In that scaled mode the wheel and the keys still move by exact rows. `items` give each rendered row's
 * offset inside the row group, whose height is `totalSize`.
 */
export function useRowWindow({ count, rowHeight, scrollRef, overscan, headerHeight = 0 }: RowWindowOptions) {
  // `top`: the list's own offset at the top of the view, in unscaled pixels (the source of truth).
  const [view, setViewState] = useState({ top: 0, scrollTop: 0, height: 0 });
  // The same view for event handlers, which must not wait for a render to see the last move.
  const viewRef = useRef(view);
  const setView = useCallback((next: typeof view) => {
    viewRef.current = next;
    setViewState(next);
  }, []);
  const expected = useRef<number | null>(null);
  const mapping = scrollMapping(count, rowHeight, headerHeight, view.height);

  /** Moves the view to the list offset `top` (clamped), setting the element's scroll position to match. */
  const moveTo = useCallback(
    (top: number) => {
      const el = scrollRef.current;
      if (!el) return;
      const m = scrollMapping(count, rowHeight, headerHeight, el.clientHeight);
      const clamped = Math.min(Math.max(0, top), m.maxTop);
      const scrollTop = m.toScroll(clamped);
      expected.current = scrollTop;
      el.scrollTop = scrollTop;
      setView({ top: clamped, scrollTop: el.scrollTop, height: el.clientHeight });
    },
    [count, headerHeight, rowHeight, scrollRef, setView],
  );

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return undefined;
    const onScroll = () => {
      const m = scrollMapping(count, rowHeight, headerHeight, el.clientHeight);
      // The scroll this hook set itself keeps its exact list offset; any other (the scrollbar, a script) maps back.
      const ours = expected.current !== null && Math.abs(el.scrollTop - expected.current) < 1;
      expected.current = null;
      setView({ top: ours ? viewRef.current.top : m.toTop(el.scrollTop), scrollTop: el.scrollTop, height: el.clientHeight });
    };
    // Scaled, one pixel of scrollbar is many rows: the wheel moves the list by its own pixels instead.
    const onWheel = (e: WheelEvent) => {
      const m = scrollMapping(count, rowHeight, headerHeight, el.clientHeight);
      if (!m.scaled || e.ctrlKey || e.deltaY === 0) return;
      e.preventDefault();
      const unit = e.deltaMode === 1 ? rowHeight : e.deltaMode === 2 ? el.clientHeight : 1;
      moveTo(viewRef.current.top + e.deltaY * unit);
    };
    const resize = new ResizeObserver(() => setView({ ...viewRef.current, height: el.clientHeight }));
    resize.observe(el);
    el.addEventListener('scroll', onScroll, { passive: true });
    el.addEventListener('wheel', onWheel, { passive: false });
    setView({ ...viewRef.current, scrollTop: el.scrollTop, height: el.clientHeight });
    return () => {
      resize.disconnect();
      el.removeEventListener('scroll', onScroll);
      el.removeEventListener('wheel', onWheel);
    };
  }, [count, headerHeight, moveTo, rowHeight, scrollRef, setView]);

  // A shorter list (a filter) keeps the view inside it.
  useEffect(() => {
    if (view.top > mapping.maxTop) moveTo(mapping.maxTop);
  }, [mapping.maxTop, moveTo, view.top]);

  /** Scrolls so that row `index` (0-based) is in view, placed as `align` says. */
  const scrollToIndex = useCallback(
    (index: number, align: ScrollAlign = 'auto') => {
      const el = scrollRef.current;
      if (!el) return;
      const rowTop = index * rowHeight;
      const visible = el.clientHeight - headerHeight;
      const now = viewRef.current.top;
      let top = now;
      if (align === 'start') top = rowTop;
      else if (align === 'center') top = rowTop - (visible - rowHeight) / 2;
      else if (rowTop < now) top = rowTop;
      else if (rowTop + rowHeight > now + visible) top = rowTop + rowHeight - visible;
      if (top !== now) moveTo(top);
    },
    [headerHeight, moveTo, rowHeight, scrollRef],
  );

  /** Moves the view by `rows` rows (negative: up), for keys that scroll a scaled list. */
  const scrollByRows = useCallback((rows: number) => moveTo(viewRef.current.top + rows * rowHeight), [moveTo, rowHeight]);

  // The same array while nothing moved: grids build their row models from it.
  const items: readonly RowWindowItem[] = useMemo(
    () => rowWindow({ count, rowHeight, overscan, top: view.top, scrollTop: view.scrollTop, height: view.height, scaled: mapping.scaled }),
    [count, rowHeight, overscan, view.top, view.scrollTop, view.height, mapping.scaled],
  );
  return { items, totalSize: mapping.spacer, scaled: mapping.scaled, scrollToIndex, scrollByRows, pageRows: Math.max(1, Math.floor((view.height - headerHeight) / rowHeight)) };
}
