import { useCallback, useEffect, useRef, useState } from 'react';
import type { FileId } from '../../shared/contract/index.js';
import type { ClientApi } from '../api/index.js';

const PAGE = 200;

/**
 * Fetches rows from the Node side a page at a time, as the grid asks for them, and keeps only the
 * pages near what is on screen (so the renderer never holds the file). `rowAt(n)` returns the row or
 * undefined while its page loads.
 */
export function useRowPages(api: ClientApi, fileId: FileId, totalRows: number) {
  const pages = useRef(new Map<number, readonly (readonly string[])[]>());
  const inFlight = useRef(new Set<number>());
  const [version, setVersion] = useState(0);

  useEffect(() => {
    pages.current.clear();
    inFlight.current.clear();
    setVersion((v) => v + 1);
  }, [fileId]);

  const ensure = useCallback(
    (firstRow: number, lastRow: number) => {
      const firstPage = Math.floor((firstRow - 1) / PAGE);
      const lastPage = Math.floor((Math.max(firstRow, lastRow) - 1) / PAGE);
      for (let page = firstPage; page <= lastPage; page++) {
        const cached = pages.current.get(page);
        if ((cached && cached.length === PAGE) || inFlight.current.has(page)) continue;
        if (page * PAGE >= totalRows) continue;
        inFlight.current.add(page);
        void api.call['files.rows']({ fileId, first: page * PAGE + 1, count: PAGE })
          .then((result) => {
            pages.current.set(page, result.rows);
            // Keep a bounded window of pages around what is visible.
            for (const key of pages.current.keys()) if (Math.abs(key - page) > 10) pages.current.delete(key);
            setVersion((v) => v + 1);
          })
          .catch(() => undefined)
          .finally(() => inFlight.current.delete(page));
      }
    },
    [api, fileId, totalRows],
  );

  const rowAt = useCallback((rowNumber: number) => pages.current.get(Math.floor((rowNumber - 1) / PAGE))?.[(rowNumber - 1) % PAGE], [version]);

  return { rowAt, ensure, version };
}
