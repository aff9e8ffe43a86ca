import { open, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildCatalog, type CatalogJobEntry, type ConnectionCatalog } from '../../../shared/catalog/attribute-catalog.js';
import { jobTotals } from '../../../shared/jobs/job-summary.js';
import { CatalogStore, type CatalogRecords } from '../../store/catalog-store.js';
import { jobsRoot } from '../jobs/job-paths.js';
import type { JobService, LoadedJob } from '../jobs/job-service.js';

/** States after which a job confirms no more rows. */
const FINAL = new Set(['completed', 'cancelled', 'failed']);

/**
 * The attribute catalog (issue "names that work"): every parameter name this app has sent to each
 * connection, learnt from the job history and kept in `catalog.json` so it survives restarts and the
 * removal of old job folders. A job counts once it has a row confirmed; a finished job without one is
 * remembered as contributing nothing, so it is never read again.
 */
export class CatalogService {
  private readonly store: CatalogStore;
  private updating: Promise<CatalogRecords> | null = null;

  constructor(private readonly options: { readonly homeDir: string; readonly jobs: JobService; readonly log?: (line: string) => void }) {
    this.store = new CatalogStore(options.homeDir);
  }

  /** The names sent to a connection, with when and from where, sorted by name. Never throws for a damaged job. */
  async get(connectionId: string): Promise<ConnectionCatalog> {
    const records = await this.update();
    return buildCatalog(connectionId, Object.values(records).filter((e): e is CatalogJobEntry => e !== null));
  }

  /** The contract handlers for `catalog.*`. */
  handlers() {
    return {
      'catalog.get': (args: { connectionId: string }) => this.get(args.connectionId),
    } as const;
  }

  /** Reads the jobs the catalog has not taken in yet and saves the result; concurrent callers share one pass. */
  private update(): Promise<CatalogRecords> {
    this.updating ??= this.pass().finally(() => {
      this.updating = null;
    });
    return this.updating;
  }

  private async pass(): Promise<CatalogRecords> {
    const records = await this.store.read();
    const ids = await readdir(jobsRoot(this.options.homeDir)).catch(() => [] as string[]);
    let changed = false;
    for (const jobId of ids.sort()) {
      if (jobId in records) continue;
      let job: LoadedJob;
      try {
        job = await this.options.jobs.load(jobId);
      } catch {
        continue; // a job being created, or a damaged journal: read again next time
      }
      const confirmed = jobTotals(job.view).confirmed;
      if (confirmed === 0) {
        if (FINAL.has(job.view.state)) {
          records[jobId] = null;
          changed = true;
        }
        continue;
      }
      const names = await sentNames(job).catch(() => null);
      if (names === null) continue;
      records[jobId] = { jobId, connectionId: job.spec.connection.profileId, at: job.view.finishedAt ?? new Date().toISOString(), file: job.spec.source.file, names };
      changed = true;
    }
    if (changed) await this.store.write(records).catch((e: unknown) => this.options.log?.(`[catalog] not saved: ${(e as Error).message}`));
    return records;
  }
}

/**
 * The parameter names a job sent, with their source columns: from its prepared manifest when it records
 * them, else from the header line of its first batch file (a re-send job's folder).
 */
async function sentNames(job: LoadedJob): Promise<{ name: string; column: string | null }[]> {
  const manifest = await readFile(join(job.spec.source.preparedDir, 'manifest.json'), 'utf8')
    .then((t) => JSON.parse(t) as { params?: unknown; paramColumns?: unknown })
    .catch(() => null);
  if (manifest && Array.isArray(manifest.params) && manifest.params.every((p) => typeof p === 'string')) {
    const columns = Array.isArray(manifest.paramColumns) ? manifest.paramColumns : [];
    return (manifest.params as string[]).map((name, i) => ({ name, column: typeof columns[i] === 'string' ? (columns[i] as string) : null }));
  }
  const first = job.spec.batches[0];
  if (!first) return [];
  return (await batchHeaderNames(first.path)).map((name) => ({ name, column: null }));
}

/** The parameter names in a batch body's header line (`batch=<key>,<names…>`), URL-decoded. */
async function batchHeaderNames(path: string): Promise<string[]> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, bytesRead).toString('latin1');
    // Separators are raw (`,` between names, a newline after the header); a name's own commas are encoded.
    const end = text.indexOf('\n');
    const header = (end < 0 ? text : text.slice(0, end)).replace(/\r$/, '').replace(/^batch=/, '');
    return header
      .split(',')
      .slice(1)
      .map((n) => decodeURIComponent(n));
  } finally {
    await handle.close();
  }
}
