import { randomInt } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { AppCallError } from '../../../shared/contract/errors.js';
import type { VerifyEvent, VerifyOutcome, VerifyProblemRow, VerifyView } from '../../../shared/contract/verify.js';
import type { JobError } from '../../../shared/jobs/job-events.js';
import type { JobSpec } from '../../../shared/jobs/job-spec.js';
import { emptyCounts, latestRun, type SettledRow, type VerifyRun, type VerifyStarted } from '../../../shared/verify/verify-records.js';
import { wilsonInterval } from '../../../shared/verify/wilson.js';
import { acquireJobLock } from '../../store/job-lock.js';
import type { VerifySettings } from '../../store/settings-store.js';
import { readVerifyJournal, VerifyJournal } from '../../store/verify-journal.js';
import type { Transport } from '../../upload/http-transport.js';
import type { ConnectionService } from '../connections/connection-service.js';
import { jobPaths, jobsRoot } from '../jobs/job-paths.js';
import type { JobService, LoadedJob } from '../jobs/job-service.js';
import { DEFAULT_READ_POLICY, type ProfileReach } from './profile-reader.js';
import { inJobDataWorker } from '../../workers/job-data-client.js';
import { startedFields, type VerifyPlan } from './verify-plan.js';
import { VerifyRunner } from './verify-runner.js';

export interface VerifyServiceOptions {
  readonly homeDir: string;
  readonly jobs: JobService;
  readonly connections: ConnectionService;
  readonly transport: Transport;
  readonly settings: VerifySettings;
  readonly emit?: (event: VerifyEvent) => void;
  readonly log?: (line: string) => void;
}

/** How to verify: `auto` checks every confirmed row up to the limit and samples beyond it. */
export interface VerifyRequest {
  readonly mode?: 'auto' | 'all' | 'sample';
  /** Rows per batch of a sample (default: the `samplePerBatch` setting). */
  readonly sampleSize?: number | undefined;
  /** Minutes a row may stay invisible after its batch completed (default: the `waitMinutes` setting). */
  readonly waitMinutes?: number | undefined;
}

/** A verification running in this process. */
interface Active {
  readonly jobId: string;
  readonly started: VerifyStarted;
  readonly before: Readonly<Record<VerifyOutcome, number>>;
  readonly runner: VerifyRunner;
  readonly done: Promise<VerifyView>;
  lastEmit: number;
}

/**
 * Reads the rows of finished jobs back from Target (issue "proof that it landed"): plans which rows,
 * journals every settled row in the job's `verify.jsonl` under its own lock, resumes a stopped run
 * where it stopped (never reading a settled row again), and reports a VerifyView.
 */
export class VerifyService {
  private readonly active = new Map<string, Active>();
  private readonly background = new Set<Promise<void>>();

  constructor(private readonly options: VerifyServiceOptions) {}

  /**
   * Starts verifying a finished job in the background, or resumes its stopped run, and returns the view
   * at the start; a run already going in this process is returned as it is. Throws `verify-not-ready`,
   * `job-not-found`, `job-locked` (another process verifies it) and write errors.
   */
  async start(jobId: string, request: VerifyRequest = {}): Promise<VerifyView> {
    const running = this.active.get(jobId);
    if (running) return this.liveView(running);
    const active = await this.begin(jobId, request);
    void active.done.catch(() => undefined);
    return this.liveView(active);
  }

  /** Verifies a job in this process until it finishes or stops, and resolves to its final view (the CLI). */
  async run(jobId: string, request: VerifyRequest = {}): Promise<VerifyView> {
    const running = this.active.get(jobId);
    if (running) return running.done;
    return (await this.begin(jobId, request)).done;
  }

  /** The latest verification of a job (live when it runs here), or null when it was never verified. */
  async get(jobId: string): Promise<VerifyView | null> {
    const running = this.active.get(jobId);
    if (running) return this.liveView(running);
    await this.options.jobs.load(jobId);
    const run = await this.latest(jobId);
    return run ? storedView(jobId, run) : null;
  }

  /** Settles the rows still waiting to become visible and lets the run finish; returns the final view. */
  async stopWaiting(jobId: string): Promise<VerifyView> {
    const running = this.active.get(jobId);
    if (!running) {
      const view = await this.get(jobId);
      if (!view) throw new AppCallError('verify-not-found', { jobId });
      return view;
    }
    running.runner.stopWaiting();
    return running.done;
  }

  /** The checked rows of the latest run that did not verify, in row order. Throws `verify-not-found`. */
  async problems(jobId: string, offset = 0, limit = 100): Promise<{ total: number; rows: VerifyProblemRow[] }> {
    const job = await this.options.jobs.load(jobId);
    const run = await this.latest(jobId);
    if (!run) throw new AppCallError('verify-not-found', { jobId });
    return inJobDataWorker('verifyProblems', { preparedDir: job.spec.source.preparedDir, run, offset, limit });
  }

  /** Creates (not starts) a job of the rows the latest run found missing, with the values first sent. Throws `nothing-to-retry`. */
  async resendMissing(jobId: string): Promise<JobSpec> {
    await this.options.jobs.load(jobId);
    const run = await this.latest(jobId);
    if (!run) throw new AppCallError('verify-not-found', { jobId });
    const missing: number[] = [];
    for (const row of run.settled.values()) if (row.o === 'missing') missing.push(row.l);
    return this.options.jobs.resendLines(jobId, missing);
  }

  /** The latest run of a job's verification journal (for the result CSV), or undefined. */
  async latest(jobId: string): Promise<VerifyRun | undefined> {
    const { records } = await readVerifyJournal(jobPaths(this.options.homeDir, jobId).verifyJournal);
    return latestRun(records);
  }

  /** Starts the automatic verification of a job that just completed, when its connection asks for it; failures are logged. */
  afterCompleted(jobId: string): void {
    void (async () => {
      const job = await this.options.jobs.load(jobId);
      const { connections } = await this.options.connections.list();
      const connection = connections.find((c) => c.id === job.spec.connection.profileId);
      if (connection && !connection.verifyAfterUpload) return;
      await this.start(jobId);
    })().catch((error: unknown) => this.options.log?.(`[verify] ${jobId} not verified: ${(error as Error).message}`));
  }

  /** Resumes, in the background, every verification a previous process left unfinished (the app at start). */
  async resumeUnfinished(): Promise<void> {
    const ids = await readdir(jobsRoot(this.options.homeDir)).catch(() => [] as string[]);
    for (const jobId of ids) {
      const run = await this.latest(jobId).catch(() => undefined);
      if (!run || run.finishedAt !== null) continue;
      await this.start(jobId).catch((error: unknown) => this.options.log?.(`[verify] ${jobId} not resumed: ${(error as Error).message}`));
    }
  }

  /** Stops every verification running here (settled rows are on disk; they resume later) and waits for its bookkeeping. */
  async close(): Promise<void> {
    const all = [...this.active.values()];
    for (const a of all) a.runner.pause();
    await Promise.all(all.map((a) => a.done.catch(() => undefined)));
    await this.settled();
  }

  /** Resolves once the work begun after finished runs (the result CSV rewrites) is done. */
  async settled(): Promise<void> {
    while (this.background.size > 0) await Promise.all([...this.background]);
  }

  /** Runs bookkeeping that need not delay an answer; failures are logged, `settled()` waits for it. */
  private afterwards(work: Promise<void>, what: string): void {
    const tracked = work.catch((e: unknown) => this.options.log?.(`[verify] ${what}: ${(e as Error).message}`)).finally(() => this.background.delete(tracked));
    this.background.add(tracked);
  }

  /** The contract handlers for `verify.*`. */
  handlers() {
    return {
      'verify.start': (args: { jobId: string; mode: 'auto' | 'all' | 'sample'; sampleSize?: number | undefined }) => this.start(args.jobId, { mode: args.mode, sampleSize: args.sampleSize }),
      'verify.get': (args: { jobId: string }) => this.get(args.jobId),
      'verify.stopWaiting': (args: { jobId: string }) => this.stopWaiting(args.jobId),
      'verify.problems': (args: { jobId: string; offset: number; limit: number }) => this.problems(args.jobId, args.offset, args.limit),
      'verify.resendMissing': async (args: { jobId: string }) => {
        const spec = await this.resendMissing(args.jobId);
        await this.options.jobs.launch(spec.jobId);
        return { jobId: spec.jobId };
      },
    } as const;
  }

  /** Takes the verification lock, opens the journal, plans (or re-plans) the run and starts it. */
  private async begin(jobId: string, request: VerifyRequest): Promise<Active> {
    const job = await this.options.jobs.load(jobId);
    if (job.view.state !== 'completed' && job.view.state !== 'cancelled') throw new AppCallError('verify-not-ready', { variant: 'not-finished', jobId });
    const paths = jobPaths(this.options.homeDir, jobId);
    const release = await acquireJobLock(paths.verifyLock, jobId);
    let journal: VerifyJournal | undefined;
    try {
      const contents = await readVerifyJournal(paths.verifyJournal);
      const previous = latestRun(contents.records);
      const resume = previous && contents.damagedLine === null && previous.finishedAt === null && fits(previous.started, request) ? previous : undefined;
      // A new run replaces the records of earlier ones (only the latest run is shown or reported), so the
      // journal, read at every start, stays the size of one run.
      journal = await VerifyJournal.open(paths.verifyJournal, { setAsideDamaged: contents.damagedLine !== null, startAfresh: !resume });
      let plan: VerifyPlan;
      let started: VerifyStarted;
      if (resume) {
        started = resume.started;
        plan = await inJobDataWorker('verifyPlanOfRun', { ...job, started });
      } else {
        const s = this.options.settings;
        const seed = previous?.started.seed ?? randomInt(0, 2 ** 31);
        plan = await inJobDataWorker('verifyPlan', { ...job, choice: { mode: request.mode ?? 'auto', rowLimit: s.rowLimit, sampleSize: request.sampleSize ?? s.samplePerBatch, seed } });
        if (plan.eligible === 0) throw new AppCallError('verify-not-ready', { variant: 'no-confirmed-rows', jobId });
        const waitMs = Math.round((request.waitMinutes ?? s.waitMinutes) * 60_000);
        started = { type: 'verify.started', at: new Date().toISOString(), run: (contents.damagedLine === null ? (previous?.started.run ?? 0) : 0) + 1, waitMs, ...startedFields(plan) };
        await journal.append([started]);
      }
      const settled: ReadonlyMap<number, SettledRow> = resume ? resume.settled : new Map<number, SettledRow>();
      const before = emptyCounts();
      for (const row of settled.values()) before[row.o] += 1;
      const active = await this.launch(job, started, plan, new Set(settled.keys()), before, journal, release);
      return active;
    } catch (error) {
      await journal?.close();
      await release();
      throw error;
    }
  }

  private async launch(job: LoadedJob, started: VerifyStarted, plan: VerifyPlan, skip: ReadonlySet<number>, before: Record<VerifyOutcome, number>, journal: VerifyJournal, release: () => Promise<void>): Promise<Active> {
    const jobId = job.spec.jobId;
    const reach = await this.reachOf(job);
    const s = this.options.settings;
    const runner = new VerifyRunner({
      transport: this.options.transport,
      reach,
      keyKind: job.spec.source.idType === 'pcId' ? 'pcId' : 'thirdPartyId',
      // The built-in sandbox runs on this computer: no one's edge to be polite to.
      pace: { requestsPerSecond: s.requestsPerSecond > 0 && !reach.local ? s.requestsPerSecond : null, concurrency: s.concurrency, read: DEFAULT_READ_POLICY, recheck: { baseMs: 2000, maxMs: 60_000, jitter: 0.2 } },
      record: (rows) => journal.append([{ type: 'verify.settled', at: new Date().toISOString(), run: started.run, rows: [...rows] }]),
      onProgress: () => {
        const active = this.active.get(jobId);
        if (active) this.publish(active, false);
      },
    });
    const done = (async (): Promise<VerifyView> => {
      let error: JobError | null = null;
      let finishedAt: string | null = null;
      try {
        const end = await runner.run(rowsOf(plan, skip, started.waitMs));
        if (end === 'finished') {
          const at = new Date().toISOString();
          await journal.append([{ type: 'verify.finished', at, run: started.run }]);
          finishedAt = at;
        }
      } catch (thrown) {
        error = asJobError(thrown);
        this.options.log?.(`[verify] ${jobId} paused: ${(thrown as Error).message}`);
        await journal.append([{ type: 'verify.paused', at: new Date().toISOString(), run: started.run, error }]).catch(() => undefined);
      } finally {
        this.active.delete(jobId);
        await journal.close();
        await release();
      }
      // A finished run's view comes from the counts kept while running: the run finishes only after its last
      // flush, so every row counted is on disk and re-reading the journal would only repeat them. A stopped
      // run may have counted rows its journal could not take, so its view is read back from the journal.
      const run = finishedAt ? undefined : await this.latest(jobId).catch(() => undefined);
      const view = finishedAt ? viewOf(jobId, started, sumCounts(before, runner.counts), finishedAt, null) : run ? storedView(jobId, run) : viewOf(jobId, started, emptyCounts(), null, error);
      // The result CSV gains the verification cells after the answer; `close()` waits for it.
      if (finishedAt) this.afterwards(this.options.jobs.results(jobId).then(() => undefined), `results of ${jobId} not rewritten`);
      this.options.emit?.({ type: 'verify.progress', jobId, view });
      return view;
    })();
    const active: Active = { jobId, started, before, runner, done, lastEmit: 0 };
    this.active.set(jobId, active);
    this.publish(active, true);
    return active;
  }

  /** How the job's connection is reached now (the built-in sandbox listens on a new port in each process). */
  private async reachOf(job: LoadedJob): Promise<ProfileReach & { readonly local: boolean }> {
    const conn = await this.options.connections.resolve(job.spec.connection.profileId);
    return {
      local: conn.connection.builtIn,
      baseUrl: conn.connection.builtIn ? conn.baseUrl : job.spec.connection.baseUrl,
      clientCode: job.spec.connection.clientCode,
      trust: conn.trust,
      token: () => conn.token(),
      renewToken: (refused) => conn.renewToken(refused),
    };
  }

  /** Emits the view of a running verification: at once when `now`, else at most four times a second. */
  private publish(active: Active, now: boolean): void {
    const t = Date.now();
    if (!now && t - active.lastEmit < 250) return;
    active.lastEmit = t;
    this.options.emit?.({ type: 'verify.progress', jobId: active.jobId, view: this.liveView(active) });
  }

  private liveView(a: Active): VerifyView {
    const counts = sumCounts(a.before, a.runner.counts);
    const checked = counts.verified + counts.differs + counts.missing + counts['not-yet-visible'];
    const deadline = a.runner.deadline;
    const waiting = a.runner.waitingCount;
    return {
      ...viewOf(a.jobId, a.started, counts, null, null),
      state: waiting > 0 && checked + waiting >= a.started.planned ? 'waiting' : 'running',
      waitingVisible: waiting,
      deadlineAt: deadline === null ? null : new Date(deadline).toISOString(),
    };
  }
}

/** True when a stopped run is what `request` asks for (so it resumes instead of starting over). */
function fits(started: VerifyStarted, request: VerifyRequest): boolean {
  if (request.mode === undefined || request.mode === 'auto') return true;
  if (request.mode !== started.mode) return false;
  return request.mode === 'all' || request.sampleSize === undefined || request.sampleSize === started.sampleSize;
}

/** The rows of a plan, one batch at a time, without those already settled. */
async function* rowsOf(plan: VerifyPlan, skip: ReadonlySet<number>, waitMs: number) {
  // A batch file is tens of megabytes: the worker reads it and sends back only the planned rows.
  for (const b of plan.batches) yield await inJobDataWorker('verifyBatchRows', { batch: b, skip: [...skip], waitMs });
}

function sumCounts(a: Readonly<Record<VerifyOutcome, number>>, b: Readonly<Record<VerifyOutcome, number>>): Record<VerifyOutcome, number> {
  return { verified: a.verified + b.verified, differs: a.differs + b.differs, missing: a.missing + b.missing, 'not-yet-visible': a['not-yet-visible'] + b['not-yet-visible'] };
}

function asJobError(thrown: unknown): JobError {
  if (thrown instanceof AppCallError) return { code: thrown.code, params: thrown.params as JobError['params'] };
  return { code: 'internal', params: {} };
}

function viewOf(jobId: string, started: VerifyStarted, counts: Readonly<Record<VerifyOutcome, number>>, finishedAt: string | null, error: JobError | null): VerifyView {
  const checked = counts.verified + counts.differs + counts.missing + counts['not-yet-visible'];
  const sample = started.mode === 'sample';
  return {
    jobId,
    run: started.run,
    state: finishedAt ? 'finished' : 'paused',
    sample,
    seed: started.seed,
    eligible: started.eligible,
    planned: started.planned,
    checked,
    verified: counts.verified,
    differs: counts.differs,
    missing: counts.missing,
    notYetVisible: counts['not-yet-visible'],
    waitingVisible: 0,
    deadlineAt: null,
    startedAt: started.at,
    finishedAt,
    notLandedEstimate: sample ? wilsonInterval(counts.differs + counts.missing, checked) : null,
    error,
  };
}

/** The view of a run read from its journal (not running in this process). */
function storedView(jobId: string, run: VerifyRun): VerifyView {
  return viewOf(jobId, run.started, run.counts, run.finishedAt, run.pausedError);
}
