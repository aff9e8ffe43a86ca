import { rm, rmdir } from 'node:fs/promises';
import { AppCallError } from '../../../shared/contract/errors.js';
import type { JobListItem, JobResultFile } from '../../../shared/contract/jobs.js';
import type { JobEvent } from '../../../shared/jobs/job-events.js';
import { replayJob, type JobView } from '../../../shared/jobs/job-reducer.js';
import { defaultJobOptions, jobSpecSchema, type JobOptions, type JobSpec } from '../../../shared/jobs/job-spec.js';
import { jobSummary } from '../../../shared/jobs/job-summary.js';
import { acquireJobLock } from '../../store/job-lock.js';
import { JobJournal, JournalCorruptError, readJournal } from '../../store/journal.js';
import type { UsageLedger } from '../../store/usage-ledger.js';
import { WriteFailedError } from '../../store/write-failure.js';
import type { EngineSettings } from '../../upload/engine-settings.js';
import type { Transport } from '../../upload/http-transport.js';
import { JobRunner, type JobRunnerDeps } from '../../upload/job-runner.js';
import { readPreparedInput } from '../../upload/prepared-input.js';
import type { RateLimiterRegistry } from '../../upload/rate-limiter.js';
import type { UnknownChoice } from '../../upload/unknown-facts.js';
import type { ConnectionService } from '../connections/connection-service.js';
import { jobListItem, listJobs, type HistorySource } from './job-history.js';
import { jobPaths, newJobId, type JobPaths } from './job-paths.js';
import { repairJournal } from './job-repair.js';
import { inJobDataWorker } from '../../workers/job-data-client.js';
import type { ResultWords } from '../../../shared/contract/result-words.js';

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
  /** Called when a job run by this service has just completed (its result CSV written): the app verifies it. */
  readonly onCompleted?: (jobId: string) => void;
}

/** How to run a job. */
export interface RunOptions {
  readonly unknownChoice?: UnknownChoice;
  readonly onEvent?: (event: JobEvent) => void;
  /** Called when the job ended but its result CSV could not be written (the job itself is intact). */
  readonly onResultsFailed?: (error: WriteFailedError) => void;
}

/** A job this process has locked, with its journal open (and its disk reserve set aside). */
interface Session {
  readonly jobId: string;
  readonly paths: JobPaths;
  readonly journal: JobJournal;
  readonly release: () => Promise<void>;
}

/** How a runner reaches Target: its token, status hosts and, for a real run, renewal, trust, its URLs and the refused-token note. */
type TargetReach = Pick<JobRunnerDeps, 'token' | 'renewToken' | 'trust' | 'statusHosts' | 'baseUrl' | 'statusUrlFor' | 'onTokenRefused'>;

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
  private readonly backgroundRuns = new Map<string, Promise<JobView | undefined>>();

  private readonly historySource: HistorySource;

  constructor(private readonly options: JobServiceOptions) {
    this.historySource = { homeDir: options.homeDir, load: (jobId) => this.load(jobId), isRunningHere: (jobId) => this.running.has(jobId) };
  }

  /** Creates a job from a prepared folder for a connection; writes `job.started` to its journal and returns the spec. */
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
        profileId: conn.connection.id,
        name: conn.connection.name,
        baseUrl: conn.baseUrl,
        clientCode: conn.connection.clientCode,
        apiVersion: conn.connection.apiVersion,
        statusHosts: [...conn.statusHosts],
        dailyRowBudget: conn.connection.dailyRowBudget,
      },
      source: {
        file: prepared.file,
        idType: prepared.idType,
        rows: prepared.rows,
        rejected: prepared.rejected,
        excluded: prepared.excluded,
        preparedDir: prepared.dir,
        retryOf: args.retryOf ?? null,
        personalData: [...prepared.personalData],
      },
      batches: prepared.batches.map((b) => ({ index: b.index, rows: b.rows, bytes: b.bytes, path: b.path })),
      options: { ...(this.options.jobDefaults ?? defaultJobOptions()), ...args.options },
    } satisfies JobSpec);
    const paths = jobPaths(this.options.homeDir, jobId);
    const at = new Date().toISOString();
    const first: JobEvent[] = [{ type: 'job.started', jobId, at, spec }, ...spec.batches.map((b) => ({ type: 'batch.written' as const, jobId, at, index: b.index, rows: b.rows, bytes: b.bytes }))];
    try {
      const journal = await JobJournal.open(paths.journal);
      try {
        for (const e of first) await journal.append(e);
      } finally {
        await journal.close();
      }
    } catch (error) {
      // A job that never got its whole description is not a job: leave no half-made record behind.
      await rm(paths.journal, { force: true }).catch(() => undefined);
      await rmdir(paths.dir).catch(() => undefined);
      throw error;
    }
    for (const e of first) this.options.emit?.(e);
    return spec;
  }

  /** Reads a job back from its journal; throws `job-not-found` or `journal-corrupt` (naming the damaged line and how to repair it). */
  async load(jobId: string): Promise<LoadedJob> {
    if (!/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(jobId)) throw notFound(jobId);
    let contents;
    try {
      contents = await readJournal(jobPaths(this.options.homeDir, jobId).journal);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw notFound(jobId);
      if (error instanceof JournalCorruptError) throw damagedJournal(jobId, error);
      throw error;
    }
    const first = contents.events[0];
    if (!first || first.type !== 'job.started') throw new AppCallError('journal-corrupt', { variant: 'no-start', jobId });
    return { spec: first.spec, events: contents.events, view: replayJob(jobId, contents.events) };
  }

  /**
   * Runs a job in this process until it finishes, pauses or is cancelled, and resolves to its final
   * view; writes the result CSV when it ends. Throws `job-locked` when another process runs it, and
   * `disk-full` / `write-failed` when its journal cannot be written.
   */
  async run(jobId: string, opts: RunOptions = {}): Promise<JobView> {
    return this.drive(await this.begin(jobId), opts);
  }

  /**
   * Takes the job's lock and opens its journal with a disk reserve — everything about starting that
   * can fail at once, so a caller hears of it before the job goes to the background.
   */
  private async begin(jobId: string): Promise<Session> {
    if (this.running.has(jobId)) throw new AppCallError('job-running', { jobId });
    const paths = jobPaths(this.options.homeDir, jobId);
    await this.load(jobId);
    const release = await acquireJobLock(paths.lock, jobId);
    try {
      const journal = await JobJournal.open(paths.journal, { reserve: true });
      return { jobId, paths, journal, release };
    } catch (error) {
      await release();
      throw error instanceof JournalCorruptError ? damagedJournal(jobId, error) : error;
    }
  }

  private async drive(session: Session, opts: RunOptions): Promise<JobView> {
    const { jobId, paths, journal } = session;
    try {
      const fresh = await this.load(jobId); // re-read under the lock
      const conn = await this.options.connections.resolve(fresh.spec.connection.profileId);
      const runner = this.runnerFor(fresh, journal, opts, {
        token: conn.token,
        renewToken: conn.renewToken,
        trust: conn.trust,
        statusHosts: () => conn.statusHosts,
        // The built-in sandbox listens on a new port in each process; other connections keep the recorded URL.
        baseUrl: () => (conn.connection.builtIn ? conn.baseUrl : fresh.spec.connection.baseUrl),
        statusUrlFor: conn.statusUrlFor,
        // Target refused the token mid-job: the token light says so, as a failed test would.
        onTokenRefused: () => this.options.connections.noteTokenRefused(conn.connection.id),
      });
      const done = runner.run();
      this.running.set(jobId, { runner, done });
      const view = await done;
      if (view.state === 'completed' || view.state === 'cancelled') await this.writeFinalResults(jobId, paths, opts);
      if (view.state === 'completed') this.options.onCompleted?.(jobId);
      return view;
    } finally {
      this.running.delete(jobId);
      await journal.close();
      await session.release();
    }
  }

  /** Builds the runner of a loaded job on its open journal; `reach` says how it reaches Target. Every event goes to `opts.onEvent` and the service's `emit`. */
  private runnerFor(job: LoadedJob, journal: JobJournal, opts: RunOptions, reach: TargetReach): JobRunner {
    return new JobRunner({
      spec: job.spec,
      history: job.events,
      journal,
      transport: this.options.transport,
      limiter: this.options.limiters.for(job.spec.connection.clientCode),
      usage: this.options.usage,
      settings: this.options.engine,
      ...reach,
      unknownChoice: opts.unknownChoice ?? 'auto',
      onEvent: (e) => {
        opts.onEvent?.(e);
        this.options.emit?.(e);
      },
    });
  }

  /**
   * Writes the result CSV of a job that just ended. A failure leaves the job as it is: it is logged,
   * published as `job.results-failed` and passed to `onResultsFailed`.
   */
  private async writeFinalResults(jobId: string, paths: JobPaths, opts: Pick<RunOptions, 'onEvent' | 'onResultsFailed'>): Promise<void> {
    try {
      const final = await this.load(jobId);
      await inJobDataWorker('resultCsv', { ...final, path: paths.results, verifyJournal: paths.verifyJournal });
    } catch (error) {
      if (!(error instanceof WriteFailedError)) throw error;
      this.options.log?.(`[jobs] result CSV of ${jobId} failed: ${error.message}`);
      const event: JobEvent = { type: 'job.results-failed', jobId, at: new Date().toISOString(), error: { code: error.code, params: error.params } };
      opts.onEvent?.(event);
      this.options.emit?.(event);
      opts.onResultsFailed?.(error);
    }
  }

  /**
   * Locks the job and opens its journal, then runs it in the background: resolves once it runs, and
   * rejects (job-locked, disk-full…) when it cannot start.
   */
  async launch(jobId: string, opts: RunOptions = {}): Promise<void> {
    const session = await this.begin(jobId);
    void this.background(jobId, this.drive(session, opts));
  }

  private background(jobId: string, run: Promise<JobView>): Promise<JobView | undefined> {
    const done = run.catch((e: Error) => {
      this.options.log?.(`[jobs] ${jobId} stopped: ${e.message}`);
      return undefined;
    });
    this.backgroundRuns.set(jobId, done);
    void done.finally(() => {
      if (this.backgroundRuns.get(jobId) === done) this.backgroundRuns.delete(jobId);
    });
    return done;
  }

  /** Resolves when the job started in the background by this service stops (undefined when none is). */
  async waitFor(jobId: string): Promise<JobView | undefined> {
    return this.backgroundRuns.get(jobId);
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
    const { paths, journal, release } = await this.begin(jobId);
    try {
      // A cancelled job sends nothing more, so it needs no token and no status host.
      const runner = this.runnerFor(job, journal, {}, { token: async () => undefined, statusHosts: () => [] });
      runner.cancel();
      const view = await runner.run();
      await this.writeFinalResults(jobId, paths, {});
      return view;
    } finally {
      await journal.close();
      await release();
    }
  }

  /** The job history, newest first (see job-history.ts: `interrupted` and `damaged` jobs included). */
  list(): Promise<JobListItem[]> {
    return listJobs(this.historySource);
  }

  /**
   * Repairs a job whose journal is damaged (see job-repair.ts) under its lock and returns its view.
   * Throws `journal-intact`, `journal-unrecoverable`, `job-locked` or a write error.
   */
  async repair(jobId: string): Promise<JobView> {
    if (!/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(jobId)) throw notFound(jobId);
    const paths = jobPaths(this.options.homeDir, jobId);
    const release = await acquireJobLock(paths.lock, jobId);
    try {
      await repairJournal(paths.journal, jobId, this.options.usage).catch((error: unknown) => {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw notFound(jobId);
        throw error;
      });
    } finally {
      await release();
    }
    return (await this.load(jobId)).view;
  }

  /** One job's history line; throws like `load`. */
  listItem(jobId: string): Promise<JobListItem> {
    return jobListItem(this.historySource, jobId);
  }

  /**
   * Writes (again) the result CSV of a job — in `words`' language, English without — and returns where.
   * Waits for a background run of the job to end first (its final results write), so a download made as
   * the job ends gets the language it asked for, not the run's English.
   */
  async results(jobId: string, words?: ResultWords): Promise<JobResultFile> {
    await this.backgroundRuns.get(jobId);
    const job = await this.load(jobId);
    const paths = jobPaths(this.options.homeDir, jobId);
    // A million-row file takes seconds to write: a worker thread writes it, so the app keeps answering.
    return { path: paths.results, rows: await inJobDataWorker('resultCsv', { ...job, path: paths.results, verifyJournal: paths.verifyJournal, words }) };
  }

  /** Creates a new job from the failed, unknown and not-sent rows of a finished job (same connection unless given). */
  async retryFailed(jobId: string, profileId?: string): Promise<JobSpec> {
    const job = await this.load(jobId);
    return this.createFollowUp(job, profileId, (outDir) => inJobDataWorker('retryPrepared', { ...job, outDir }));
  }

  /**
   * Creates a new job of the given lines of a job (global 0-based batch lines, the row ledger's
   * numbering), with the values they were sent with — "Re-send missing rows" after a verification.
   * Throws `nothing-to-retry`.
   */
  async resendLines(jobId: string, lines: readonly number[]): Promise<JobSpec> {
    const job = await this.load(jobId);
    return this.createFollowUp(job, undefined, (outDir) => inJobDataWorker('linesPrepared', { spec: job.spec, lines, outDir, empty: 'none-missing' }));
  }

  /** Writes a follow-up job's prepared folder with `write` and creates the job (same connection unless given). */
  private async createFollowUp(job: LoadedJob, profileId: string | undefined, write: (dir: string) => Promise<unknown>): Promise<JobSpec> {
    const jobId = job.spec.jobId;
    const newId = newJobId();
    const paths = jobPaths(this.options.homeDir, newId);
    try {
      await write(paths.prepared);
      return await this.create({ preparedDir: paths.prepared, profileId: profileId ?? job.spec.connection.profileId, options: job.spec.options, retryOf: jobId, jobId: newId });
    } catch (error) {
      // Nothing was sent: the folder made for the retry (it may hold personal data) goes.
      await rm(paths.dir, { recursive: true, force: true }).catch(() => undefined);
      throw error;
    }
  }

  /** The contract handlers for `jobs.*`. */
  handlers() {
    return {
      'jobs.start': async (args: { preparedDir: string; profileId: string; concurrency?: number | undefined }) => {
        const spec = await this.create({ preparedDir: args.preparedDir, profileId: args.profileId, options: args.concurrency ? { concurrency: args.concurrency } : {} });
        await this.launch(spec.jobId);
        return { jobId: spec.jobId };
      },
      'jobs.list': () => this.list(),
      'jobs.get': async (args: { jobId: string }) => (await this.load(args.jobId)).view,
      'jobs.pause': (args: { jobId: string }) => this.pause(args.jobId),
      'jobs.resume': (args: { jobId: string; unknownOutcomes: UnknownChoice }) => this.launch(args.jobId, { unknownChoice: args.unknownOutcomes }),
      'jobs.repair': (args: { jobId: string }) => this.repair(args.jobId),
      'jobs.cancel': async (args: { jobId: string }) => {
        await this.cancel(args.jobId);
      },
      'jobs.retryFailed': async (args: { jobId: string; profileId?: string | undefined }) => {
        const spec = await this.retryFailed(args.jobId, args.profileId);
        await this.launch(spec.jobId);
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

/** A damaged journal as the error callers see: where it broke and how many records before it a repair keeps. */
function damagedJournal(jobId: string, e: JournalCorruptError): AppCallError<'journal-corrupt'> {
  return new AppCallError('journal-corrupt', { variant: 'bad-line', jobId, line: e.line, detail: e.detail, kept: e.intact.length });
}
