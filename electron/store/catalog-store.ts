import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { CatalogJobEntry } from '../../shared/catalog/attribute-catalog.js';
import { writeFileAtomic } from './atomic-file.js';

const entrySchema = z.object({
  jobId: z.string(),
  connectionId: z.string(),
  at: z.string(),
  file: z.string(),
  names: z.array(z.object({ name: z.string(), column: z.string().nullable() })),
});

const fileSchema = z.object({
  version: z.literal(1),
  /** Jobs already read: their entry, or null for a job that finished with nothing confirmed. */
  jobs: z.record(z.string(), entrySchema.nullable()),
});

/** What the catalog file holds: every job read so far, by id (null: finished without a confirmed row). */
export type CatalogRecords = Record<string, CatalogJobEntry | null>;

/**
 * The attribute catalog on disk (`catalog.json` in the state folder): one entry per job that had rows
 * confirmed, so names stay known after the job's folder is gone. Written atomically. A file that does
 * not parse is set aside (`catalog.json.damaged`) and the catalog is rebuilt from the job history.
 */
export class CatalogStore {
  readonly path: string;

  constructor(homeDir: string) {
    this.path = join(homeDir, 'catalog.json');
  }

  /** The records on disk; empty when there is no file yet, or when it was damaged (then set aside). */
  async read(): Promise<CatalogRecords> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch {
      return {};
    }
    let parsed: z.infer<typeof fileSchema> | null = null;
    try {
      const r = fileSchema.safeParse(JSON.parse(text));
      if (r.success) parsed = r.data;
    } catch {
      parsed = null;
    }
    if (parsed === null) {
      await rename(this.path, `${this.path}.damaged`).catch(() => undefined);
      return {};
    }
    return parsed.jobs;
  }

  /** Replaces the file with these records. */
  async write(records: CatalogRecords): Promise<void> {
    await writeFileAtomic(this.path, `${JSON.stringify({ version: 1, jobs: records })}\n`);
  }
}
