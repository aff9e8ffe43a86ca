import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { UsageEntry } from '../../shared/jobs/daily-budget.js';
import { ensurePrivateDir, PRIVATE_FILE_MODE, writeFully } from './atomic-file.js';
import { writeFailure } from './write-failure.js';

/** Which attempt at which batch of which job an entry is about. */
interface AttemptKey {
  readonly jobId: string;
  readonly batch?: number;
  readonly attempt?: number;
}

/** A line of the ledger: a batch about to be POSTed, or a POST Target refused (taken back). */
type LedgerLine = UsageEntry | (AttemptKey & { readonly release: true; readonly at: number });

const sameAttempt = (a: AttemptKey, b: AttemptKey): boolean => a.jobId === b.jobId && a.batch === b.batch && a.attempt === b.attempt;

/**
 * Batch POSTs per client code (`usage/<client>.jsonl`), across all jobs and processes: feeds the daily
 * row budget and the unknown-outcome rule ("did another job write since?"). An entry is written and
 * fsynced before its POST, so a crash can only over-count; a POST Target refused is taken back.
 * Lines are appended whole (O_APPEND) and start with a line break, so a torn line never spoils the next.
 */
export class UsageLedger {
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(readonly homeDir: string) {}

  private pathOf(clientCode: string): string {
    return join(this.homeDir, 'usage', `${encodeURIComponent(clientCode)}.jsonl`);
  }

  /**
   * Records `entry` before its POST when `allow` (given this client's entries of the last 24 h; no
   * `allow`: always) says it may go, atomically for this process; resolves whether it was recorded. Throws WriteFailedError
   * when the ledger cannot be written (the batch must not be sent then).
   */
  reserve(clientCode: string, entry: UsageEntry & { batch: number; attempt: number }, allow?: (last24h: UsageEntry[]) => boolean): Promise<boolean> {
    // Only a budget check must not interleave with another job's record; a plain record is one append.
    if (!allow) return this.append(clientCode, entry).then(() => true);
    return this.serial(clientCode, async () => {
      if (!allow(await this.since(clientCode, entry.at - 24 * 3600_000))) return false;
      await this.append(clientCode, entry);
      return true;
    });
  }

  /** Takes back a recorded POST that Target refused (best effort: a failure only over-counts). */
  async release(clientCode: string, entry: UsageEntry & { batch: number; attempt: number }): Promise<void> {
    await this.append(clientCode, { release: true, at: entry.at, jobId: entry.jobId, batch: entry.batch, attempt: entry.attempt }).catch(() => undefined);
  }

  /** Returns the entries recorded for `clientCode` since `sinceMs` (epoch ms), minus those taken back; unreadable lines are skipped. */
  async since(clientCode: string, sinceMs: number): Promise<UsageEntry[]> {
    let text: string;
    try {
      text = await readFile(this.pathOf(clientCode), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const out: UsageEntry[] = [];
    const released: AttemptKey[] = [];
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      try {
        const e = JSON.parse(line) as Partial<UsageEntry> & { release?: boolean };
        if (typeof e.at !== 'number' || typeof e.jobId !== 'string' || e.at < sinceMs) continue;
        const key = typeof e.batch === 'number' && typeof e.attempt === 'number' ? { batch: e.batch, attempt: e.attempt } : {};
        if (e.release === true) released.push({ jobId: e.jobId, ...key });
        else if (typeof e.rows === 'number') out.push({ at: e.at, rows: e.rows, jobId: e.jobId, ...key });
      } catch {
        // A line torn by a crash or a full disk; the journal, not this ledger, is the record of truth.
      }
    }
    return released.length === 0 ? out : out.filter((e) => !released.some((r) => sameAttempt(e, r)));
  }

  private async append(clientCode: string, line: LedgerLine): Promise<void> {
    const path = this.pathOf(clientCode);
    await ensurePrivateDir(join(this.homeDir, 'usage'));
    try {
      const fh = await open(path, 'a', PRIVATE_FILE_MODE);
      try {
        await writeFully(fh, Buffer.from(`\n${JSON.stringify(line)}\n`, 'utf8'));
        await fh.sync();
      } finally {
        await fh.close();
      }
    } catch (error) {
      throw writeFailure(error, path);
    }
  }

  private serial<T>(key: string, work: () => Promise<T>): Promise<T> {
    const run = (this.locks.get(key) ?? Promise.resolve()).then(work);
    const tail = run.catch(() => undefined);
    this.locks.set(key, tail);
    void tail.then(() => {
      if (this.locks.get(key) === tail) this.locks.delete(key);
    });
    return run;
  }
}
