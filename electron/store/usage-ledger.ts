import { appendFile, mkdir, open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { UsageEntry } from '../../shared/jobs/daily-budget.js';

/**
 * Rows Target acknowledged per client code (`usage/<client>.jsonl`), across all jobs: feeds the daily
 * row budget and the unknown-outcome rule ("did another job write since?"). Appends are fsynced.
 */
export class UsageLedger {
  constructor(readonly homeDir: string) {}

  private pathOf(clientCode: string): string {
    return join(this.homeDir, 'usage', `${encodeURIComponent(clientCode)}.jsonl`);
  }

  /** Records one acknowledged batch; resolves once it is on disk. */
  async record(clientCode: string, entry: UsageEntry): Promise<void> {
    const path = this.pathOf(clientCode);
    await mkdir(join(this.homeDir, 'usage'), { recursive: true });
    await appendFile(path, `${JSON.stringify(entry)}\n`);
    const fh = await open(path, 'r+');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  }

  /** Returns the entries recorded for `clientCode` since `sinceMs` (epoch ms); unreadable lines are skipped. */
  async since(clientCode: string, sinceMs: number): Promise<UsageEntry[]> {
    let text: string;
    try {
      text = await readFile(this.pathOf(clientCode), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const out: UsageEntry[] = [];
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      try {
        const e = JSON.parse(line) as Partial<UsageEntry>;
        if (typeof e.at === 'number' && typeof e.rows === 'number' && typeof e.jobId === 'string' && e.at >= sinceMs) {
          out.push({ at: e.at, rows: e.rows, jobId: e.jobId });
        }
      } catch {
        // A torn last line after a crash; the journal, not this ledger, is the record of truth.
      }
    }
    return out;
  }
}
