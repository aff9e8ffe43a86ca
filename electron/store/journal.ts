import { mkdir, open, readFile } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AppCallError } from '../../shared/contract/errors.js';
import { jobEventSchema, isTransientJobEvent, type JobEvent } from '../../shared/jobs/job-events.js';

/** A journal that could not be read back: a record in the middle (`line`) is not valid JSON or not a valid job event. */
export class JournalCorruptError extends AppCallError<'journal-corrupt'> {
  constructor(path: string, line: number, detail: string) {
    super('journal-corrupt', { variant: 'bad-line', path, line, detail });
  }
}

/** What replaying a journal found. */
export interface JournalContents {
  readonly events: readonly JobEvent[];
  /** True when the last line was cut short (the process died while writing it); that record is ignored. */
  readonly tornTail: boolean;
}

/**
 * Reads and validates every record of a journal. A torn last line is dropped (it was never fsynced,
 * so nothing acted on it); any other bad line throws JournalCorruptError. A missing file throws ENOENT.
 */
export async function readJournal(path: string): Promise<JournalContents> {
  const text = await readFile(path, 'utf8');
  const lines = text.split('\n');
  const last = lines.pop() ?? '';
  const events: JobEvent[] = [];
  const parse = (line: string, n: number): JobEvent => {
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      throw new JournalCorruptError(path, n, 'not JSON');
    }
    const parsed = jobEventSchema.safeParse(raw);
    if (!parsed.success) throw new JournalCorruptError(path, n, parsed.error.issues[0]?.message ?? 'invalid record');
    return parsed.data;
  };
  lines.forEach((line, i) => {
    if (line.trim() !== '') events.push(parse(line, i + 1));
  });
  let tornTail = false;
  if (last.trim() !== '') {
    // No newline after it: the write was interrupted. Keep it only if it is complete and valid.
    try {
      events.push(parse(last, lines.length + 1));
    } catch {
      tornTail = true;
    }
  }
  return { events, tornTail };
}

/**
 * An append-only JSONL journal of one job. Every durable event is written as one line and fsynced
 * before `append` resolves, in call order (appends are queued); transient progress events are skipped.
 */
export class JobJournal {
  private queue: Promise<void> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly handle: FileHandle,
    readonly path: string,
  ) {}

  /**
   * Opens (creating) the journal at `path` for appending. A torn last line (the process died while
   * writing it, so nothing ever acted on it) is cut off; a complete last record without its line
   * break gets one, so the next record starts clean.
   */
  static async open(path: string): Promise<JobJournal> {
    await mkdir(dirname(path), { recursive: true });
    const handle = await open(path, 'a+');
    const text = (await handle.readFile()).toString('utf8');
    if (text.length > 0 && !text.endsWith('\n')) {
      const cut = text.lastIndexOf('\n') + 1;
      const tail = text.slice(cut);
      let complete = false;
      try {
        complete = jobEventSchema.safeParse(JSON.parse(tail)).success;
      } catch {
        complete = false;
      }
      if (complete) await handle.write('\n');
      else await handle.truncate(Buffer.byteLength(text.slice(0, cut)));
      await handle.sync();
    }
    return new JobJournal(handle, path);
  }

  /** Appends `event` (validated first) and resolves once it is on disk; throws if invalid or closed. */
  append(event: JobEvent): Promise<void> {
    if (isTransientJobEvent(event)) return Promise.resolve();
    const parsed = jobEventSchema.safeParse(event);
    if (!parsed.success) return Promise.reject(new Error(`Invalid job event ${event.type}: ${parsed.error.issues[0]?.message ?? 'invalid'}`));
    const checked = parsed.data;
    const line = `${JSON.stringify(checked)}\n`;
    const run = this.queue.then(async () => {
      if (this.closed) throw new Error('journal closed');
      await this.handle.write(line);
      await this.handle.sync();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Waits for pending appends and closes the file. */
  async close(): Promise<void> {
    await this.queue;
    if (this.closed) return;
    this.closed = true;
    await this.handle.close();
  }
}
