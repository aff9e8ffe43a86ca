import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReviewFilter, ReviewRow } from '../../../shared/contract/index.js';
import type { ClientApi } from '../../api/index.js';

const PAGE = 100;
/** Pages kept around the one last fetched; the renderer never holds more than this many rows' worth. */
const KEEP = 8;

/**
 * Pages of the Review's filtered row list, fetched from the Node side as the grid scrolls; keyed by the
 * run and filter so an edit or a new filter refetches, while the old rows stay on screen until then.
 * `total` is the filtered list's length as the Node side last said.
 */
export function useReviewPages(api: ClientApi, fileId: string, run: number, filter: ReviewFilter, initialTotal: number) {
  const pages = useRef(new Map<number, readonly ReviewRow[]>());
  const inFlight = useRef(new Set<string>());
  const key = `${run}|${JSON.stringify(filter)}`;
  const keyRef = useRef(key);
  const [total, setTotal] = useState(initialTotal);
  const [version, setVersion] = useState(0);
  const [loaded, setLoaded] = useState<string | null>(null);

  useEffect(() => {
    keyRef.current = key;
    inFlight.current.clear();
    // The first page of the new key tells the new total; until then the old pages stay visible.
    void api.call['review.rows']({ fileId, filter, offset: 0, count: PAGE }).then(
      (page) => {
        if (keyRef.current !== key) return;
        pages.current.clear();
        pages.current.set(0, page.rows);
        setTotal(page.total);
        setLoaded(key);
        setVersion((v) => v + 1);
      },
      () => undefined,
    );
  }, [api, fileId, key]);

  const ensure = useCallback(
    (first: number, last: number) => {
      if (loaded !== key) return;
      for (let p = Math.floor(first / PAGE); p <= Math.floor(last / PAGE); p++) {
        const tag = `${key}#${p}`;
        if (pages.current.has(p) || inFlight.current.has(tag) || p * PAGE >= total) continue;
        inFlight.current.add(tag);
        void api.call['review.rows']({ fileId, filter, offset: p * PAGE, count: PAGE })
          .then((page) => {
            if (keyRef.current !== key) return;
            pages.current.set(p, page.rows);
            for (const k of pages.current.keys()) if (Math.abs(k - p) > KEEP) pages.current.delete(k);
            setVersion((v) => v + 1);
          }, () => undefined)
          .finally(() => inFlight.current.delete(tag));
      }
    },
    [api, fileId, filter, key, loaded, total],
  );

  const rowAt = useCallback((index: number): ReviewRow | undefined => pages.current.get(Math.floor(index / PAGE))?.[index % PAGE], [version]);

  return { rowAt, ensure, total, version, ready: loaded === key };
}
