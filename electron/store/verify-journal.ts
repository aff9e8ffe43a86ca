import { open, readFile, rename, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { verifyRecordSchema, type VerifyRecord } from '../../shared/verify/verify-records.js';
import { ensurePrivateDir, PRIVATE_FILE_MODE, writeFully } from './atomic-file.js';
import { writeFailure } from './write-failure.js';

/** What a verification journal holds: its valid records, and whether reading stopped at a damaged line. */
export interface VerifyJournalContents {
  readonly records: readonly VerifyRecord[];
  /** 1-based line of the first record that could not be read (a middle line, not a torn tail); null when all were read. */
  readonly damagedLine: number | null;
}

/**
 * Reads a job's verification journal; a missing file holds no records. A torn last line (a crash while
 * writing it) is ignored; reading stops at a damaged middle line and says which (a verification only
 * reads from Target, so what it recorded can always be checked again: the caller starts a new run).
 */
export async function readVerifyJournal(path: string): Promise<VerifyJournalContents> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], damagedLine: null };
    throw error;
  }
  const lines = text.split('\n');
  const torn = lines.pop() ?? '';
  const records: VerifyRecord[] = [];
  for (let i = 0; i < lines.length; i++) {
    const record = parseLine(lines[i] as string);
    if (record === undefined) return { records, damagedLine: i + 1 };
    if (record !== null) records.push(record);
  }
  const last = torn.trim() === '' ? null : parseLine(torn);
  if (last) records.push(last);
  return { records, damagedLine: null };
}

/** A record, null for a blank line, undefined for a line that is not a valid record. */
function parseLine(line: string): VerifyRecord | null | undefined {
  if (line.trim() === '') return null;
  try {
    const parsed = verifyRecordSchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * An append-only JSONL file of verification records (0600). Each `append` writes whole lines and
 * fsyncs before it resolves; appends are queued in call order. Throws WriteFailedError.
 */
export class VerifyJournal {
  private queue: Promise<void> = Promise.resolve();

  private constructor(
    private readonly handle: FileHandle,
    readonly path: string,
  ) {}

  /**
   * Opens `path` for appending. With `setAsideDamaged`, a file that holds a damaged line is first moved
   * aside (`verify.damaged-<time>.jsonl`) so the new run starts on a clean file; with `startAfresh`, the
   * file is emptied (a new run replaces the records of earlier ones). Throws WriteFailedError.
   */
  static async open(path: string, options: { readonly setAsideDamaged?: boolean; readonly startAfresh?: boolean } = {}): Promise<VerifyJournal> {
    await ensurePrivateDir(dirname(path));
    if (options.setAsideDamaged) {
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      await rename(path, path.replace(/\.jsonl$/, `.damaged-${stamp}.jsonl`)).catch(() => undefined);
    }
    try {
      const handle = await open(path, options.startAfresh ? 'w' : 'a', PRIVATE_FILE_MODE);
      const size = (await handle.stat()).size;
      const journal = new VerifyJournal(handle, path);
      // A torn last line from a crash gets its line break, so the next record starts on a line of its own.
      if (size > 0) {
        const last = Buffer.alloc(1);
        const probe = await open(path, 'r');
        try {
          await probe.read(last, 0, 1, size - 1);
        } finally {
          await probe.close();
        }
        if (last[0] !== 0x0a) await writeFully(handle, Buffer.from('\n'));
      }
      return journal;
    } catch (error) {
      throw writeFailure(error, path);
    }
  }

  /** Appends records as whole lines (validated first) and resolves once they are on disk. */
  append(records: readonly VerifyRecord[]): Promise<void> {
    const text = records.map((r) => `${JSON.stringify(verifyRecordSchema.parse(r))}\n`).join('');
    const run = this.queue.then(async () => {
      try {
        await writeFully(this.handle, Buffer.from(text, 'utf8'));
        await this.handle.datasync();
      } catch (error) {
        throw writeFailure(error, this.path);
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Waits for queued appends and closes the file. */
  async close(): Promise<void> {
    await this.queue;
    await this.handle.close().catch(() => undefined);
  }
}
