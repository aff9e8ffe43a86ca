/**
 * Worker thread for one opened file: sniffs it, then streams every row into a RowStore on disk while
 * reporting progress, and serves pages from that store. The main thread never parses the file.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openTable } from '../io/open-table.js';
import { readTable } from '../io/read-table.js';
import type { ReadOptions, TableInfo } from '../io/table-types.js';
import { RowStore } from '../store/row-store.js';
import { AppCallError, type AppError } from '../../shared/contract/errors.js';
import { serveWorker, toWorkerError } from './worker-protocol.js';
import { lowerThreadPriority } from './thread-priority.js';

/** Events the file worker posts while counting rows. */
export type FileWorkerEvent =
  | { readonly type: 'progress'; readonly bytesRead: number; readonly totalBytes: number; readonly rows: number }
  | { readonly type: 'counted'; readonly rows: number }
  | { readonly type: 'failed'; readonly error: AppError };

/** The file worker's methods. */
export interface FileWorkerApi {
  [method: string]: (args: never) => Promise<unknown>;
  open(args: { path: string; storePath: string; options?: ReadOptions }): Promise<TableInfo>;
  /** With `wait`, resolves only once rows up to `first + count - 1` are stored or the file has ended; rejects when reading failed before them. */
  rows(args: { first: number; count: number; wait?: boolean }): Promise<{ rows: string[][]; totalRows: number; complete: boolean }>;
  close(args: Record<string, never>): Promise<void>;
}

if (parentPort) {
  // Background work: when the CPU is short, the main thread (the window's calls) goes first.
  lowerThreadPriority();
  const port = parentPort;
  void workerData;
  let store: RowStore | undefined;
  let complete = false;
  let failure: AppError | null = null;
  /** Reads waiting for rows not stored yet: each checks again after every stored chunk, the end or a failure. */
  const waiting = new Set<() => void>();
  const wake = () => {
    for (const check of waiting) check();
  };
  /** Resolves once `last` rows are stored, the file has ended or was closed; rejects when reading failed before them. */
  const stored = (last: number) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        const ready = store === undefined || complete || store.rowCount >= last;
        if (!ready && failure === null) return;
        waiting.delete(check);
        if (ready) resolve();
        else reject(AppCallError.from(failure!));
      };
      waiting.add(check);
      check();
    });
  const abort = new AbortController();
  const post = serveWorker<FileWorkerApi, FileWorkerEvent>(port, {
    async open({ path, storePath, options }) {
      const info = await openTable(path, options);
      store = await RowStore.create(storePath);
      void countRows(path, info, store);
      return info;
    },
    async rows({ first, count, wait }) {
      if (wait) await stored(first + count - 1);
      if (!store) return { rows: [], totalRows: 0, complete: false };
      return { rows: await store.read(first, count), totalRows: store.rowCount, complete };
    },
    async close() {
      abort.abort();
      await store?.close();
      store = undefined;
      wake();
    },
  });

  async function countRows(path: string, info: TableInfo, target: RowStore): Promise<void> {
    let lastPost = 0;
    try {
      for await (const chunk of readTable(path, info, {
        signal: abort.signal,
        onProgress: (p) => {
          const now = Date.now();
          if (now - lastPost < 100) return;
          lastPost = now;
          post({ type: 'progress', bytesRead: p.bytesRead, totalBytes: p.totalBytes, rows: target.rowCount });
        },
      })) {
        await target.append(chunk.rows);
        wake();
      }
      complete = true;
      wake();
      post({ type: 'counted', rows: target.rowCount });
    } catch (error) {
      const thrown = toWorkerError(error);
      if (thrown.code === 'cancelled') return;
      failure = thrown.code === 'internal' ? new AppCallError('unreadable', { variant: 'io', path }).toJSON() : thrown;
      wake();
      post({ type: 'failed', error: failure });
    }
  }
}
