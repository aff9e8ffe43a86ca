import { copyFile, open, readFile, rm } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AppCallError } from '../../shared/contract/errors.js';
import { jobEventSchema, isTransientJobEvent, type JobEvent } from '../../shared/jobs/job-events.js';
import { ensurePrivateDir, PRIVATE_FILE_MODE, writeFileAtomic, writeFully } from './atomic-file.js';
import { writeFailure, type WriteFailedError } from './write-failure.js';

/**
 * A journal that could not be read back: a record in the middle (`line`) is not valid JSON or not a
 * valid job event. `intact` holds the records before that line (what a repair keeps).
 */
export class JournalCorruptError extends AppCallError<'journal-corrupt'> {
  constructor(
    readonly path: string,
    readonly line: number,
    readonly detail: string,
    readonly intact: readonly JobEvent[],
  ) {
    super('journal-corrupt', { variant: 'bad-line', path, line, detail, kept: intact.length });
  }
}

/** What replaying a journal found. */
export interface JournalContents {
  readonly events: readonly JobEvent[];
  /** True when the last line was cut short (the process died while writing it); that record is ignored. */
  readonly tornTail: boolean;
}

function parseRecord(path: string, line: string, n: number, intact: readonly JobEvent[]): JobEvent {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    throw new JournalCorruptError(path, n, 'not JSON', intact);
  }
  const parsed = jobEventSchema.safeParse(raw);
  if (!parsed.success) throw new JournalCorruptError(path, n, parsed.error.issues[0]?.message ?? 'invalid record', intact);
  return parsed.data;
}

/** Parses journal text: every line validated; a torn last line (no line break after it) is dropped. */
function parseJournal(path: string, text: string): JournalContents {
  const lines = text.split('\n');
  const last = lines.pop() ?? '';
  const events: JobEvent[] = [];
  lines.forEach((line, i) => {
    if (line.trim() !== '') events.push(parseRecord(path, line, i + 1, events));
  });
  let tornTail = false;
  if (last.trim() !== '') {
    // No newline after it: the write was interrupted. Keep it only if it is complete and valid.
    try {
      events.push(parseRecord(path, last, lines.length + 1, events));
    } catch {
      tornTail = true;
    }
  }
  return { events, tornTail };
}

/**
 * Reads and validates every record of a journal. A torn last line is dropped (it was never fsynced,
 * so nothing acted on it); any other bad line throws JournalCorruptError naming it, with the records
 * before it. A missing file throws ENOENT.
 */
export async function readJournal(path: string): Promise<JournalContents> {
  return parseJournal(path, await readFile(path, 'utf8'));
}

/** Bytes set aside beside a running job's journal, released to record the pause when the disk fills up. */
export const JOURNAL_RESERVE_BYTES = 256 * 1024;

/**
 * An append-only JSONL journal of one job. Every durable event is written as one whole line and
 * fsynced before `append` resolves, in call order (appends are queued); transient progress events are
 * skipped. A write that fails (a full disk, a read-only folder) leaves no fragment behind: the file is
 * cut back to its last whole record, the append rejects with WriteFailedError, and every later append
 * is refused with the same error — only `salvage` may still write.
 */
export class JobJournal {
  private queue: Promise<void> = Promise.resolve();
  private closed = false;
  private failure: WriteFailedError | null = null;

  private constructor(
    private readonly handle: FileHandle,
    readonly path: string,
    private size: number,
    private readonly reservePath: string | null,
  ) {}

  /**
   * Opens (creating, 0600) the journal at `path` for appending. A torn last line is cut off; a complete
   * last record without its line break gets one. With `reserve`, sets aside JOURNAL_RESERVE_BYTES
   * beside it for `salvage`. Throws JournalCorruptError for a journal damaged in the middle and
   * WriteFailedError when the file or the reserve cannot be written.
   */
  static async open(path: string, options: { reserve?: boolean } = {}): Promise<JobJournal> {
    await ensurePrivateDir(dirname(path));
    let handle: FileHandle;
    try {
      handle = await open(path, 'a+', PRIVATE_FILE_MODE);
      await handle.close();
      handle = await open(path, 'r+');
    } catch (error) {
      throw writeFailure(error, path);
    }
    try {
      const bytes = await handle.readFile();
      const text = bytes.toString('utf8');
      const { tornTail } = parseJournal(path, text);
      let size = bytes.byteLength;
      if (text.length > 0 && !text.endsWith('\n')) {
        if (tornTail) size = Buffer.byteLength(text.slice(0, text.lastIndexOf('\n') + 1));
        else {
          await writeFully(handle, Buffer.from('\n'), size);
          size += 1;
        }
        await handle.truncate(size);
        await handle.sync();
      }
      const reservePath = options.reserve ? `${path}.reserve` : null;
      if (reservePath) await writeReserve(reservePath);
      return new JobJournal(handle, path, size, reservePath);
    } catch (error) {
      await handle.close().catch(() => undefined);
      if (error instanceof JournalCorruptError) throw error;
      throw writeFailure(error, path);
    }
  }

  /** The write failure that stopped this journal, or null while it works. */
  get failed(): WriteFailedError | null {
    return this.failure;
  }

  /**
   * Appends `event` (validated first) and resolves once it is on disk. Throws when the event is
   * invalid or the journal closed, and WriteFailedError when the write fails or failed before.
   */
  append(event: JobEvent): Promise<void> {
    if (isTransientJobEvent(event)) return Promise.resolve();
    const parsed = jobEventSchema.safeParse(event);
    if (!parsed.success) return Promise.reject(new Error(`Invalid job event ${event.type}: ${parsed.error.issues[0]?.message ?? 'invalid'}`));
    const line = Buffer.from(`${JSON.stringify(parsed.data)}\n`, 'utf8');
    return this.enqueue(async () => {
      if (this.failure) throw this.failure;
      await this.writeLines(line);
    });
  }

  /**
   * After a failed append: frees the reserve set aside at open and writes `events` (the records the
   * job could not journal, and its pause) as whole lines. Resolves true when they are on disk. The
   * journal keeps refusing `append` either way: the job must be resumed to write again.
   */
  salvage(events: readonly JobEvent[]): Promise<boolean> {
    const lines = events.filter((e) => !isTransientJobEvent(e)).map((e) => `${JSON.stringify(jobEventSchema.parse(e))}\n`);
    return this.enqueue(async () => {
      if (this.reservePath) await rm(this.reservePath, { force: true });
      try {
        await this.writeLines(Buffer.from(lines.join(''), 'utf8'));
        return true;
      } catch {
        return false;
      }
    });
  }

  /** Waits for pending appends, closes the file and frees the reserve. */
  async close(): Promise<void> {
    await this.queue;
    if (this.closed) return;
    this.closed = true;
    await this.handle.close().catch(() => undefined);
    if (this.reservePath) await rm(this.reservePath, { force: true }).catch(() => undefined);
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(() => {
      if (this.closed) throw new Error('journal closed');
      return work();
    });
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /** Writes whole lines at the end and fsyncs; on failure cuts the file back and records the failure. */
  private async writeLines(bytes: Buffer): Promise<void> {
    try {
      await writeFully(this.handle, bytes, this.size);
      await this.handle.sync();
      this.size += bytes.byteLength;
    } catch (error) {
      // Cutting a file short needs no free space: the fragment never outlives the failed append.
      await this.handle.truncate(this.size).catch(() => undefined);
      this.failure = writeFailure(error, this.path);
      throw this.failure;
    }
  }
}

async function writeReserve(path: string): Promise<void> {
  const fh = await open(path, 'w', PRIVATE_FILE_MODE);
  try {
    await writeFully(fh, Buffer.alloc(JOURNAL_RESERVE_BYTES, 0x20));
    await fh.sync();
  } catch (error) {
    await fh.close().catch(() => undefined);
    await rm(path, { force: true }).catch(() => undefined);
    throw error;
  }
  await fh.close();
}

/**
 * Replaces a damaged journal with `events` (its intact records and what the repair adds), atomically.
 * The damaged file is first copied beside it as `journal.damaged-<time>.jsonl`, whose path is
 * returned. Throws WriteFailedError.
 */
export async function rewriteJournal(path: string, events: readonly JobEvent[]): Promise<string> {
  const kept = path.replace(/\.jsonl$/, '') + `.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl`;
  try {
    await copyFile(path, kept);
  } catch (error) {
    throw writeFailure(error, kept);
  }
  await writeFileAtomic(path, events.map((e) => `${JSON.stringify(jobEventSchema.parse(e))}\n`).join(''));
  return kept;
}
