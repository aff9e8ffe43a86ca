import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-file.js';
import type { FileSummary } from '../../shared/contract/files.js';
import type { RecentFile } from '../../shared/contract/review.js';

const MAX_RECENT = 8;

/**
 * The last files opened, kept in `recent-files.json` under the state folder. Writes are serialised;
 * a missing or damaged list reads as empty (it is a convenience, never a reason to fail).
 */
export class RecentFiles {
  private writing: Promise<void> = Promise.resolve();
  private readonly path: string;

  constructor(homeDir: string) {
    this.path = join(homeDir, 'recent-files.json');
  }

  /** Returns the list, newest first, each marked with whether the file is still there. */
  async list(): Promise<readonly RecentFile[]> {
    await this.writing;
    const entries = await this.read();
    return Promise.all(
      entries.map(async (e) => ({ ...e, exists: await stat(e.path).then((s) => s.isFile(), () => false) })),
    );
  }

  /** Records an opened file at the top of the list (replacing an older entry for the same path). */
  record(summary: FileSummary): Promise<void> {
    const entry: Omit<RecentFile, 'exists'> = {
      path: summary.path,
      name: summary.name,
      format: summary.format,
      sizeBytes: summary.sizeBytes,
      openedAt: new Date().toISOString(),
      options: summary.options,
    };
    this.writing = this.writing.then(async () => {
      // The same file opened again — by path, or as a new copy (browser mode uploads each drop to a new
      // temporary path) with the same name and size — keeps one entry, the newest.
      const entries = (await this.read()).filter((e) => e.path !== entry.path && !(e.name === entry.name && e.sizeBytes === entry.sizeBytes));
      const next = [entry, ...entries].slice(0, MAX_RECENT);
      await writeFileAtomic(this.path, JSON.stringify(next, null, 2));
    }).catch(() => undefined);
    return this.writing;
  }

  private async read(): Promise<Omit<RecentFile, 'exists'>[]> {
    try {
      const raw: unknown = JSON.parse(await readFile(this.path, 'utf8'));
      if (!Array.isArray(raw)) return [];
      return raw.filter(
        (e): e is Omit<RecentFile, 'exists'> =>
          typeof e === 'object' && e !== null && typeof (e as RecentFile).path === 'string' && typeof (e as RecentFile).name === 'string',
      ).map((e) => ({ ...e, options: typeof e.options === 'object' && e.options !== null ? e.options : {} }));
    } catch {
      return [];
    }
  }
}
