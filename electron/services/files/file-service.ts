import { mkdir, rm } from 'node:fs/promises';
import { basename, dirname, join, sep } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { FileId, FileSummary, RowPage } from '../../../shared/contract/index.js';
import type { ReadOverrides } from '../../../shared/contract/files.js';
import { AppCallError } from '../../../shared/contract/errors.js';
import { spawnWorker, workerEntry } from '../../workers/spawn-worker.js';
import type { FileWorkerApi, FileWorkerEvent } from '../../workers/file-worker.js';
import { WorkerClient } from '../../workers/worker-protocol.js';
import type { EventBus } from '../event-bus.js';
import type { HandlerSlice } from '../handlers.js';

interface Session {
  readonly summary: FileSummary;
  readonly worker: WorkerClient<FileWorkerApi, FileWorkerEvent>;
  readonly dir: string;
}

/**
 * Opened files: each runs in its own worker thread that sniffs the file, streams its rows into a
 * temporary row store and serves pages. Progress arrives on the event bus as `file.*` events.
 */
export class FileService {
  private readonly sessions = new Map<FileId, Session>();

  constructor(private readonly ctx: { homeDir: string; bus: EventBus; log: (line: string) => void; onOpened?: (summary: FileSummary) => void }) {}

  /** The `files.*` handlers. */
  handlers(): HandlerSlice<'files.open' | 'files.rows' | 'files.close'> {
    return {
      'files.open': ({ path, options }) => this.open(path, options),
      'files.rows': ({ fileId, first, count, wait }) => this.rows(fileId as FileId, first, count, { wait: wait === true }),
      'files.close': ({ fileId }) => this.closeOne(fileId as FileId),
    };
  }

  /** The summary of an open file, or undefined when it is not open. */
  summary(fileId: FileId): FileSummary | undefined {
    return this.sessions.get(fileId)?.summary;
  }

  /** Opens `path` (with optional read overrides); resolves with its header once sniffed, or rejects with an AppCallError naming the problem. */
  async open(path: string, options: ReadOverrides = {}): Promise<FileSummary> {
    const fileId = randomUUID() as FileId;
    const dir = join(this.ctx.homeDir, 'sessions', fileId);
    await mkdir(dir, { recursive: true });
    const { bus } = this.ctx;
    const worker = new WorkerClient<FileWorkerApi, FileWorkerEvent>(
      spawnWorker(workerEntry('file-worker')),
      (event) => {
        if (event.type === 'progress') bus.emit({ type: 'file.progress', fileId, bytesRead: event.bytesRead, totalBytes: event.totalBytes, rows: event.rows });
        else if (event.type === 'counted') bus.emit({ type: 'file.counted', fileId, rows: event.rows });
        else bus.emit({ type: 'file.failed', fileId, error: event.error });
      },
    );
    try {
      const info = await worker.call('open', { path, storePath: join(dir, 'rows.jsonl'), options });
      const summary: FileSummary = {
        fileId,
        name: basename(path),
        path,
        sizeBytes: info.sizeBytes,
        format: info.format,
        encoding: info.encoding?.encoding ?? null,
        delimiter: info.delimiter,
        headerRow: info.headerRow,
        headers: info.headers,
        sheets: info.sheets,
        sheet: info.sheet,
        sheetsWithData: info.sheetsWithData,
        emptySheetsSkipped: info.emptySheetsSkipped,
        encodingSource: info.encoding?.source ?? null,
        delimiterSource: info.delimiterSource,
        headerRowSource: info.headerRowSource,
        options,
      };
      this.sessions.set(fileId, { summary, worker, dir });
      this.ctx.onOpened?.(summary);
      return summary;
    } catch (error) {
      await worker.terminate();
      await rm(dir, { recursive: true, force: true });
      if (error instanceof AppCallError) throw error;
      this.ctx.log(`[files] opening ${basename(path)} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      throw new AppCallError('unreadable', { variant: 'io', path });
    }
  }

  /**
   * A page of rows; rejects with `file-not-open` for an unknown or closed file. Without `wait` it holds only
   * the rows counted so far; with `wait` it resolves once rows up to `first + count - 1` are counted or the
   * file has ended, and rejects with the read's error when counting fails.
   */
  async rows(fileId: FileId, first: number, count: number, options: { readonly wait?: boolean } = {}): Promise<RowPage> {
    const session = this.sessions.get(fileId);
    if (!session) throw new AppCallError('file-not-open');
    const page = await session.worker.call('rows', { first, count, ...(options.wait ? { wait: true } : {}) });
    return { fileId, first, rows: page.rows, totalRows: page.totalRows, complete: page.complete };
  }

  /**
   * Closes one file and deletes its temporary rows — and the file itself when it was uploaded through
   * browser mode (under `uploads/`) and no other open session reads it. Unknown ids are ignored.
   */
  async closeOne(fileId: FileId): Promise<void> {
    const session = this.sessions.get(fileId);
    if (!session) return;
    this.sessions.delete(fileId);
    await session.worker.call('close', {}).catch(() => undefined);
    await session.worker.terminate();
    await rm(session.dir, { recursive: true, force: true });
    // Each upload has a folder of its own under uploads/ (see electron/web/uploads.ts).
    const path = session.summary.path;
    const folder = dirname(path);
    if (folder.startsWith(join(this.ctx.homeDir, 'uploads') + sep) && ![...this.sessions.values()].some((s) => s.summary.path === path)) {
      await rm(folder, { recursive: true, force: true });
    }
  }

  /** Closes every open file. */
  async close(): Promise<void> {
    await Promise.all([...this.sessions.keys()].map((id) => this.closeOne(id)));
  }
}
