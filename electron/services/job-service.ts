import { readdir } from 'node:fs/promises';
import { AppCallError } from '../../shared/contract/errors.js';
import type { JobListItem, JobResultFile } from '../../shared/contract/jobs.js';
import type { JobEvent } from '../../shared/jobs/job-events.js';
import { replayJob, type JobView } from '../../shared/jobs/job-reducer.js';
import { defaultJobOptions, jobSpecSchema, type JobOptions, type JobSpec } from '../../shared/jobs/job-spec.js';
import { jobSummary, jobTotals } from '../../shared/jobs/job-summary.js';
import { acquireJobLock, lockHolder } from '../store/job-lock.js';
import { JobJournal, readJournal } from '../store/journal.js';
import type { UsageLedger } from '../store/usage-ledger.js';
import type { EngineSettings } from '../upload/engine-settings.js';
import type { Transport } from '../upload/http-transport.js';
import { JobRunner } from '../upload/job-runner.js';
import { readPreparedInput } from '../upload/prepared-input.js';
import type { RateLimiterRegistry } from '../upload/rate-limiter.js';
import type { UnknownChoice } from '../upload/unknown-facts.js';
import type { ConnectionService } from './connection-service.js';
import { jobPaths, jobsRoot, newJobId } from './job-paths.js';
import { writeRetryPrepared } from './job-retry.js';
import { writeResultCsv } from './result-csv.js';

export interface JobServiceOptions {
  readonly homeDir: string;
  readonly connections: ConnectionService;
  readonly transport: Transport;
  readonly limiters: RateLimiterRegistry;
  readonly usage: UsageLedger;
  readonly engine: EngineSettings;
  readonly jobDefaults?: JobOptions;
  /** Receives every job event (the app's event bus; the CLI's progress printer). */
  readonly emit?: (event: JobEvent) => void;
  readonly log?: (line: string) => void;
}

/** How to run a job. */
export interface RunOptions {
  readonly unknownChoice?: UnknownChoice;
  readonly onEvent?: (event: JobEvent) => void;
}

/** A job read back from its journal. */
export interface LoadedJob {
  readonly spec: JobSpec;
  readonly events: readonly JobEvent[];
  readonly view: JobView;
}

function notFound(jobId: string): AppCallError {
  return new AppCallError('job-not-found', { jobId });
}

/**
 * Creates, runs and reports upload jobs. Every job lives in `jobs/<id>/` (journal, lock, results);
 * one process runs a job at a time (lock file); a job's state is always its journal replayed.
 */
export class JobService {
  private readonly running = new Map<string, { runner: JobRunner; done: Promise<JobView> }>();
  private readonly background = new Map<string, Promise<JobView | undefined>>();

  constructor(private readonly options: JobServiceOptions) {}

  /** Creates a job from a prepared folder for a profile; writes `job.started` to its journal and returns the spec. */
  async create(args: { preparedDir: string; profileId: string; options?: Partial<JobOptions>; retryOf?: string | null; jobId?: string }): Promise<JobSpec> {
    const prepared = await readPreparedInput(args.preparedDir);
    if (prepared.blocked) throw new AppCallError('prepared-blocked');
    if (prepared.batches.length === 0) throw new AppCallError('nothing-to-send');
    const conn = await this.options.connections.resolve(args.profileId);
    const jobId = args.jobId ?? newJobId();
    const spec = jobSpecSchema.parse({
      jobId,
      createdAt: new Date().toISOString(),
      connection: {
        profileId: conn.profile.id,
        name: conn.profile.name,
        baseUrl: conn.baseUrl,
        clientCode: conn.profile.clientCode,
        apiVersion: conn.profile.apiVersion,
        statusHosts: [...conn.statusHosts],
        dailyRowBudget: conn.profile.dailyRowBudget,
      },
      source: {
        file: prepared.file,
        idType: prepared.idType,
        rows: prepared.rows,
        rejected: prepared.rejected,
        excluded: prepared.excluded,
        preparedDir: prepared.dir,
        retryOf: args.retryOf ?? null,
      },
      batches: prepared.batches.map((b) => ({ index: b.index, rows: b.rows, bytes: b.bytes, path: b.path })),
      options: { ...(this.options.jobDefaults ?? defaultJobOptions()), ...args.options },
    } satisfies JobSpec);
    const journal = await JobJournal.open(jobPaths(this.options.homeDir, jobId).journal);
    const at = new Date().toISOString();
    const first: JobEvent[] = [{ type: 'job.started', jobId, at, spec }, ...spec.batches.map((b) => ({ type: 'batch.written' as const, jobId, at, index: b.index, rows: b.rows, bytes: b.bytes }))];
    for (const e of first) await journal.append(e);
    await journal.close();
    for (const e of first) this.options.emit?.(e);
    return spec;
  }

  /** Reads a job back from its journal; throws `job-not-found` or `journal-corrupt`. */
  async load(jobId: string): Promise<LoadedJob> {
    if (!/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(jobId)) throw notFound(jobId);
    let contents;
    try {
      contents = await readJournal(jobPaths(this.options.homeDir, jobId).journal);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw notFound(jobId);
      if (error instanceof AppCallError) throw error;
      throw new AppCallError('journal-corrupt', { variant: 'bad-line', jobId, detail: error instanceof Error ? error.message : String(error) });
    }
    const first = contents.events[0];
    if (!first || first.type !== 'job.started') throw new AppCallError('journal-corrupt', { variant: 'no-start', jobId });
    return { spec: first.spec, events: contents.events, view: replayJob(jobId, contents.events) };
  }

  /**
   * Runs a job in this process until it finishes, pauses or is cancelled, and resolves to its final
   * view; writes the result CSV when it ends. Throws `job-locked` when another process runs it.
   */
  async run(jobId: string, opts: RunOptions = {}): Promise<JobView> {
    if (this.running.has(jobId)) throw new AppCallError('job-running', { jobId });
    const paths = jobPaths(this.options.homeDir, jobId);
    const job = await this.load(jobId);
    const release = await acquireJobLock(paths.lock, jobId);
    const journal = await JobJournal.open(paths.journal);
    try {
      const fresh = await this.load(jobId); // re-read under the lock
      const conn = await this.options.connections.resolve(job.spec.connection.profileId);
      const runner = new JobRunner({
        spec: fresh.spec,
        history: fresh.events,
        journal,
        transport: this.options.transport,
        limiter: this.options.limiters.for(fresh.spec.connection.clientCode),
        usage: this.options.usage,
        settings: this.options.engine,
        token: conn.token,
        renewToken: conn.renewToken,
        trust: conn.trust,
        statusHosts: () => conn.statusHosts,
        // The built-in sandbox listens on a new port in each process; other profiles keep the recorded URL.
        baseUrl: () => (conn.profile.builtIn ? conn.baseUrl : fresh.spec.connection.baseUrl),
        statusUrlFor: conn.statusUrlFor,
        unknownChoice: opts.unknownChoice ?? 'auto',
        // Target refused the token mid-job: the token light says so, as a failed test would.
        onTokenRefused: () => this.options.connections.noteTokenRefused(conn.profile.id),
        onEvent: (e) => {
          opts.onEvent?.(e);
          this.options.emit?.(e);
        },
      });
      const done = runner.run();
      this.running.set(jobId, { runner, done });
      const view = await done;
      if (view.state === 'completed' || view.state === 'cancelled') {
        const final = await this.load(jobId);
        await writeResultCsv(final.spec, final.view, final.events, paths.results).catch((e: Error) => this.options.log?.(`[jobs] result CSV of ${jobId} failed: ${e.message}`));
      }
      return view;
    } finally {
      this.running.delete(jobId);
      await journal.close();
      await release();
    }
  }

  /** Starts a job in the background (the app's "start" and "resume"); failures are logged and show in the job's state. */
  start(jobId: string, opts: RunOptions = {}): Promise<JobView | undefined> {
    const done = this.run(jobId, opts).catch((e: Error) => {
      this.options.log?.(`[jobs] ${jobId} stopped: ${e.message}`);
      return undefined;
    });
    this.background.set(jobId, done);
    void done.finally(() => {
      if (this.background.get(jobId) === done) this.background.delete(jobId);
    });
    return done;
  }

  /** Resolves when the job started in the background by this service stops (undefined when none is). */
  async waitFor(jobId: string): Promise<JobView | undefined> {
    return this.background.get(jobId);
  }

  /** Pauses a job running in this process; throws `job-not-running` otherwise. */
  async pause(jobId: string): Promise<void> {
    const r = this.running.get(jobId);
    if (!r) throw new AppCallError('job-not-running', { jobId });
    await r.runner.pause();
    await r.done;
  }

  /** Cancels a job: stops it if it runs here, or finishes a paused/interrupted one as cancelled. */
  async cancel(jobId: string): Promise<JobView> {
    const r = this.running.get(jobId);
    if (r) {
      r.runner.cancel();
      return r.done;
    }
    const job = await this.load(jobId);
    if (job.view.state === 'completed' || job.view.state === 'cancelled') return job.view;
    const paths = jobPaths(this.options.homeDir, jobId);
    const release = await acquireJobLock(paths.lock, jobId);
    const journal = await JobJournal.open(paths.journal);
    try {
      const runner = new JobRunner({
        spec: job.spec,
        history: job.events,
        journal,
        transport: this.options.transport,
        limiter: this.options.limiters.for(job.spec.connection.clientCode),
        usage: this.options.usage,
        settings: this.options.engine,
        token: async () => undefined,
        statusHosts: () => [],
        onEvent: (e) => this.options.emit?.(e),
      });
      runner.cancel();
      const view = await runner.run();
      const final = await this.load(jobId);
      await writeResultCsv(final.spec, final.view, final.events, paths.results).catch(() => undefined);
      return view;
    } finally {
      await journal.close();
      await release();
    }
  }

  /** The job history, newest first; a job whose process died mid-run reads as `interrupted`. Unreadable journals are skipped. */
  async list(): Promise<JobListItem[]> {
    let names: string[];
    try {
      names = await readdir(jobsRoot(this.options.homeDir));
    } catch {
      return [];
    }
    const items: JobListItem[] = [];
    for (const jobId of names.sort().reverse()) {
      try {
        items.push(await this.listItem(jobId));
      } catch {
        // A folder without a readable journal (a job being created, or damaged) is not listed.
      }
    }
    return items;
  }

  /** One job's history line. */
  async listItem(jobId: string): Promise<JobListItem> {
    const { spec, view } = await this.load(jobId);
    const state = await this.stateOf(jobId, view);
    const totals = jobTotals(view);
    return {
      jobId,
      state,
      ...totals,
      createdAt: spec.createdAt,
      finishedAt: view.finishedAt,
      profileId: spec.connection.profileId,
      profileName: spec.connection.name,
      clientCode: spec.connection.clientCode,
      apiVersion: spec.connection.apiVersion,
      file: spec.source.file,
      batchCount: spec.batches.length,
      retryOf: spec.source.retryOf,
      pauseReason: view.pause?.reason ?? null,
      pauseError: view.pause?.error ?? null,
    };
  }

  /** `running` in the journal but no live process holds the lock: the process died. */
  async stateOf(jobId: string, view: JobView): Promise<JobListItem['state']> {
    if (view.state !== 'running') return view.state;
    if (this.running.has(jobId)) return 'running';
    return (await lockHolder(jobPaths(this.options.homeDir, jobId).lock)) === undefined ? 'interrupted' : 'running';
  }

  /** Writes (again) the result CSV of a job and returns where. */
  async results(jobId: string): Promise<JobResultFile> {
    const job = await this.load(jobId);
    const path = jobPaths(this.options.homeDir, jobId).results;
    const rows = await writeResultCsv(job.spec, job.view, job.events, path);
    return { path, rows };
  }

  /** Creates a new job from the failed, unknown and not-sent rows of a finished job (same profile unless given). */
  async retryFailed(jobId: string, profileId?: string): Promise<JobSpec> {
    const job = await this.load(jobId);
    const newId = newJobId();
    const prepared = jobPaths(this.options.homeDir, newId).prepared;
    await writeRetryPrepared(job.spec, job.view, job.events, prepared);
    return this.create({ preparedDir: prepared, profileId: profileId ?? job.spec.connection.profileId, options: job.spec.options, retryOf: jobId, jobId: newId });
  }

  /** The contract handlers for `jobs.*`. */
  handlers() {
    return {
      'jobs.start': async (args: { preparedDir: string; profileId: string; concurrency?: number | undefined }) => {
        const spec = await this.create({ preparedDir: args.preparedDir, profileId: args.profileId, options: args.concurrency ? { concurrency: args.concurrency } : {} });
        void this.start(spec.jobId);
        return { jobId: spec.jobId };
      },
      'jobs.list': () => this.list(),
      'jobs.get': async (args: { jobId: string }) => (await this.load(args.jobId)).view,
      'jobs.pause': (args: { jobId: string }) => this.pause(args.jobId),
      'jobs.resume': async (args: { jobId: string; unknownOutcomes: UnknownChoice }) => {
        await this.load(args.jobId);
        void this.start(args.jobId, { unknownChoice: args.unknownOutcomes });
      },
      'jobs.cancel': async (args: { jobId: string }) => {
        await this.cancel(args.jobId);
      },
      'jobs.retryFailed': async (args: { jobId: string; profileId?: string | undefined }) => {
        const spec = await this.retryFailed(args.jobId, args.profileId);
        void this.start(spec.jobId);
        return { jobId: spec.jobId };
      },
      'jobs.results': (args: { jobId: string }) => this.results(args.jobId),
    } as const;
  }

  /** Pauses every job running in this process and waits for them to stop. */
  async close(): Promise<void> {
    await Promise.all([...this.running.values()].map(async (r) => {
      await r.runner.pause();
      await r.done.catch(() => undefined);
    }));
  }
}

export { jobSummary };
