import { useCallback, useEffect, useRef, useState } from 'react';

/** One page as the Node side answers it: the rows from the asked offset, and the list's length when it says it. */
export interface PageAnswer<T> {
  readonly rows: readonly T[];
  readonly total?: number;
}

/** What a grid pages through. */
export interface PagedSource<T> {
  /** What the pages hold (a file; a review run and filter): when it changes the pages are fetched anew. */
  readonly key: string;
  readonly pageSize: number;
  /** Pages kept either side of the one last fetched; the renderer never holds more than this many rows' worth. */
  readonly keep: number;
  /** Fetches `count` rows from the 0-based `offset`. */
  readonly fetch: (offset: number, count: number) => Promise<PageAnswer<T>>;
  /** The list's length when the caller knows it (rows counted so far); otherwise the last answer's `total`. */
  readonly total?: number;
  /** The length to show until the first answer says it (when `total` is not given). */
  readonly initialTotal?: number;
}

/**
 * Fetches a list from the Node side a page at a time, as the grid asks for rows, and keeps only the pages
 * near what is on screen (so the renderer never holds the file). When `key` changes, the old rows stay on
 * screen until the first page of the new list arrives, and an answer for an older key is dropped, never
 * shown. A short page is fetched again once the list has grown past it (a file still being counted).
 * `rowAt(index)` is undefined while its page loads; `ready` is false until the current key's first page came.
 */
export function usePagedRows<T>(source: PagedSource<T>) {
  const { key, pageSize, keep } = source;
  const pages = useRef(new Map<number, readonly T[]>());
  const inFlight = useRef(new Set<string>());
  const keyRef = useRef(key);
  const fetchRef = useRef(source.fetch);
  fetchRef.current = source.fetch;
  const [answeredTotal, setAnsweredTotal] = useState(source.initialTotal ?? 0);
  const [version, setVersion] = useState(0);
  const [loaded, setLoaded] = useState<string | null>(null);
  const total = source.total ?? answeredTotal;

  /** Fetches the first page of the current key: it replaces the old key's pages and says the total. A failure is asked again by the next `ensure`. */
  const fetchFirst = useCallback(() => {
    const tag = `${key}#first`;
    if (inFlight.current.has(tag)) return;
    inFlight.current.add(tag);
    void fetchRef.current(0, pageSize)
      .then((page) => {
        if (keyRef.current !== key) return;
        pages.current.clear();
        pages.current.set(0, page.rows);
        if (page.total !== undefined) setAnsweredTotal(page.total);
        setLoaded(key);
        setVersion((v) => v + 1);
      }, () => undefined)
      .finally(() => inFlight.current.delete(tag));
  }, [key, pageSize]);

  useEffect(() => {
    keyRef.current = key;
    inFlight.current.clear();
    fetchFirst();
  }, [key, fetchFirst]);

  const ensure = useCallback(
    (first: number, last: number) => {
      if (loaded !== key) {
        fetchFirst();
        return;
      }
      for (let p = Math.floor(first / pageSize); p <= Math.floor(Math.max(first, last) / pageSize); p++) {
        const tag = `${key}#${p}`;
        const cached = pages.current.get(p);
        const complete = cached !== undefined && (cached.length === pageSize || p * pageSize + cached.length >= total);
        if (complete || inFlight.current.has(tag) || p * pageSize >= total) continue;
        inFlight.current.add(tag);
        void fetchRef.current(p * pageSize, pageSize)
          .then((page) => {
            if (keyRef.current !== key) return;
            pages.current.set(p, page.rows);
            for (const k of pages.current.keys()) if (Math.abs(k - p) > keep) pages.current.delete(k);
            if (page.total !== undefined) setAnsweredTotal(page.total);
            setVersion((v) => v + 1);
          }, () => undefined)
          .finally(() => inFlight.current.delete(tag));
      }
    },
    [fetchFirst, key, keep, loaded, pageSize, total],
  );

  // `version` is a dependency because it says when the pages (a ref) changed.
  const rowAt = useCallback((index: number): T | undefined => pages.current.get(Math.floor(index / pageSize))?.[index % pageSize], [version, pageSize]);

  return { rowAt, ensure, total, version, ready: loaded === key };
}
