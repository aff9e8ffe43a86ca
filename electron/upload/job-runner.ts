import { setMaxListeners } from 'node:events';
import { reason } from '../../shared/contract/errors.js';
import { isTransientJobEvent, type JobError, type JobEvent, type PauseReason } from '../../shared/jobs/job-events.js';
import { reduceJob, replayJob, type JobView } from '../../shared/jobs/job-reducer.js';
import type { JobBatch, JobSpec } from '../../shared/jobs/job-spec.js';
import type { JobJournal } from '../store/journal.js';
import { WriteFailedError } from '../store/write-failure.js';
import type { UsageLedger } from '../store/usage-ledger.js';
import { pollBatch } from './batch-poll.js';
import { submitBatch } from './batch-submit.js';
import type { EngineSettings } from './engine-settings.js';
import type { Transport } from './http-transport.js';
import type { ClientRateLimiter } from './rate-limiter.js';
import type { TlsTrust } from './tls-trust.js';
import type { EventInput, RunContext } from './run-context.js';
import { resolveUnknown, type UnknownChoice } from './unknown-facts.js';

/** What a runner needs; the job service builds it from the journal, the profile and the secret store. */
export interface JobRunnerDeps {
  readonly spec: JobSpec;
  /** The journal's events so far (empty for a new job). */
  readonly history: readonly JobEvent[];
  readonly journal: JobJournal;
  readonly transport: Transport;
  readonly limiter: ClientRateLimiter;
  readonly usage: UsageLedger;
  readonly settings: EngineSettings;
  readonly token: () => Promise<string | undefined>;
  /** After Target refused a token: true once a newer one is kept (Adobe sign-in); absent = never. */
  readonly renewToken?: (refused: string | undefined) => Promise<boolean>;
  /** What https calls trust (the connection's CA file and the OS store); Node's own when absent. */
  readonly trust?: TlsTrust;
  readonly statusHosts: () => readonly string[];
  /** Base URL to POST to; defaults to the one recorded in the job. */
  readonly baseUrl?: () => string;
  readonly statusUrlFor?: (recorded: string) => string;
  readonly unknownChoice?: UnknownChoice;
  readonly onEvent?: (event: JobEvent) => void;
  /** Called (and awaited) when Target refuses the token, before the pause is recorded and published. */
  readonly onTokenRefused?: () => Promise<void>;
  readonly random?: () => number;
  readonly now?: () => number;
}

type StopRequest = { readonly kind: 'pause'; readonly reason: PauseReason } | { readonly kind: 'cancel' };

/**
 * Runs one job from wherever its journal left it: sends pending batches with the job's concurrency,
 * follows acknowledged ones to a final status, and resolves when the job is finished, paused or
 * cancelled. Never sends a batch whose batchId is recorded. `pause()` and `cancel()` take effect at
 * once for waits and polls; POSTs already in flight finish and are recorded first. A pause for a
 * token, the daily budget or an error stops new POSTs but still follows acknowledged batches.
 */
export class JobRunner {
  private view: JobView;
  private readonly stopCtl = new AbortController();
  private readonly sendCtl = new AbortController();
  private stopRequest: StopRequest | null = null;
  private readonly submittingAtMap = new Map<number, number>();
  private readonly submittedAtMap = new Map<number, number>();
  private readonly parked = new Set<number>();
  private readonly polls = new Set<Promise<unknown>>();
  private readonly ctx: RunContext;
  private running = false;
  /** Set when the journal could not be written: the job stops, and these events wait for `salvage`. */
  private journalFailure: WriteFailedError | null = null;
  private readonly unjournaled: JobEvent[] = [];
  /** The `job.paused` record of a pause being written; the run ends only once it is durable. */
  private pauseRecorded: Promise<void> = Promise.resolve();

  constructor(private readonly deps: JobRunnerDeps) {
    // Every batch being followed waits on these signals at once; that is many listeners, not a leak.
    setMaxListeners(10_000, this.stopCtl.signal, this.sendCtl.signal);
    this.view = replayJob(deps.spec.jobId, deps.history);
    for (const e of deps.history) this.track(e);
    const now = deps.now ?? Date.now;
    this.ctx = {
      spec: deps.spec,
      settings: deps.settings,
      transport: deps.transport,
      limiter: deps.limiter,
      usage: deps.usage,
      random: deps.random ?? Math.random,
      stopSignal: this.stopCtl.signal,
      sendSignal: this.sendCtl.signal,
      view: () => this.view,
      batch: (index) => this.batchOf(index),
      emit: (e) => this.emit(e),
      requestPause: (reason, error) => this.requestPause(reason, error),
      token: deps.token,
      renewToken: deps.renewToken ?? (async () => false),
      renewedToken: undefined,
      trust: deps.trust,
      statusHosts: deps.statusHosts,
      baseUrl: deps.baseUrl ?? (() => deps.spec.connection.baseUrl),
      statusUrlFor: deps.statusUrlFor ?? ((u) => u),
      submittingAt: (i) => this.submittingAtMap.get(i),
      submittedAt: (i) => this.submittedAtMap.get(i),
      now,
    };
  }

  /** The job's current view. */
  get current(): JobView {
    return this.view;
  }

  /** Stops sending and polling; records `job.paused` (reason `user`). */
  pause(): Promise<void> {
    return this.requestPause('user', null);
  }

  /** Stops for good; when `run()` returns the job is finished as cancelled. */
  cancel(): void {
    this.stopRequest = { kind: 'cancel' };
    this.sendCtl.abort(new Error('cancelled'));
    this.stopCtl.abort(new Error('cancelled'));
  }

  /**
   * Runs the job until it finishes, pauses or is cancelled; resolves to the final view. When the
   * journal cannot be written (a full disk), the job stops at once — no new POST starts, POSTs in
   * flight finish — and pauses with the write error; what it could not journal is salvaged into the
   * journal's reserve when possible. Called once per runner: JobService makes a runner for each run and
   * refuses a second run of a job (`job-running`).
   */
  async run(): Promise<JobView> {
    this.running = true;
    const view = await this.drive();
    return this.journalFailure ? this.stopForJournal() : view;
  }

  private async drive(): Promise<JobView> {
    if (this.view.state === 'completed' || this.view.state === 'cancelled') return this.view;
    if (this.stopRequest?.kind === 'cancel') return this.finishCancelled();
    if (this.view.spec === null) {
      await this.emit({ type: 'job.started', spec: this.deps.spec });
      for (const b of this.deps.spec.batches) await this.emit({ type: 'batch.written', index: b.index, rows: b.rows, bytes: b.bytes });
    } else if (this.deps.history.some((e) => e.type !== 'job.started' && e.type !== 'batch.written')) {
      await this.emit({ type: 'job.resumed' });
    }
    const queue = await this.recover();
    for (const b of this.view.batches) if (b.phase === 'submitted') this.startPoll(b.index);
    const workers = Array.from({ length: Math.max(1, this.deps.spec.options.concurrency) }, () => this.worker(queue));
    await Promise.all(workers);
    while (this.polls.size > 0) await Promise.all([...this.polls]);
    return this.settle();
  }

  private async worker(queue: JobBatch[]): Promise<void> {
    while (!this.stopRequest) {
      const batch = queue.shift();
      if (!batch) return;
      const end = await submitBatch(this.ctx, batch, this.deps.unknownChoice ?? 'auto');
      if (end === 'accepted') this.startPoll(batch.index);
      else if (end === 'parked') this.parked.add(batch.index);
    }
  }

  /** Turns what the journal left half-done into work: an interrupted POST becomes an unknown outcome resolved by the rule. */
  private async recover(): Promise<JobBatch[]> {
    const queue: JobBatch[] = [];
    for (const b of this.view.batches) {
      if (b.phase === 'submitting') {
        await this.emit({ type: 'batch.outcome-unknown', index: b.index, attempt: b.attempts, reason: reason('outcome-unknown', { variant: 'app-stopped' }) });
      }
    }
    for (const b of this.view.batches) {
      const spec = this.batchOf(b.index);
      if (b.phase === 'pending' || b.phase === 'waiting-retry') queue.push(spec);
      if (b.phase !== 'unknown-outcome') continue;
      const r = await resolveUnknown(this.ctx, b.index, this.deps.unknownChoice ?? 'auto');
      if (r.kind === 'resend') {
        await this.emit({ type: 'job.alert', index: b.index, level: 'info', ...reason('resent-after-unknown', { batch: b.index }), because: r.reason });
        queue.push(spec);
      } else if (r.kind === 'give-up') {
        await this.emit({ type: 'batch.finished', index: b.index, outcome: 'unknown', counters: null, failedIds: [], reason: r.reason });
      } else {
        await this.emit({ type: 'job.alert', index: b.index, level: 'warning', ...reason('outcome-unknown', { variant: 'ask', batch: b.index }), because: r.reason });
        this.parked.add(b.index);
      }
    }
    return queue.sort((a, b) => a.index - b.index);
  }

  private startPoll(index: number): void {
    const p: Promise<unknown> = pollBatch(this.ctx, index).finally(() => this.polls.delete(p));
    this.polls.add(p);
  }

  /** After a journal failure: records what happened (and the pause) in the reserve, and publishes the pause. */
  private async stopForJournal(): Promise<JobView> {
    const failure = this.journalFailure as WriteFailedError;
    const finished = this.view.state === 'completed' || this.view.state === 'cancelled';
    const paused: JobEvent | null = finished
      ? null
      : { type: 'job.paused', jobId: this.deps.spec.jobId, at: new Date(this.ctx.now()).toISOString(), reason: 'error', error: { code: failure.code, params: failure.params } };
    await this.deps.journal.salvage(paused ? [...this.unjournaled, paused] : this.unjournaled);
    if (paused) {
      this.view = reduceJob(this.view, paused);
      this.deps.onEvent?.(paused);
    }
    return this.view;
  }

  /** The journal refused a record: stop sending and polling at once (once). */
  private journalFailed(error: WriteFailedError): void {
    if (this.journalFailure) return;
    this.journalFailure = error;
    this.stopRequest = { kind: 'pause', reason: 'error' };
    this.sendCtl.abort(error);
    this.stopCtl.abort(error);
  }

  private async settle(): Promise<JobView> {
    if (this.journalFailure) {
      await this.pauseRecorded;
      return this.view;
    }
    if (this.stopRequest?.kind === 'cancel') return this.finishCancelled();
    if (this.stopRequest?.kind === 'pause') {
      await this.pauseRecorded;
      return this.view;
    }
    if (this.view.batches.every((b) => b.phase === 'finished')) {
      await this.emit({ type: 'job.finished', state: 'completed' });
      return this.view;
    }
    const parked = [...this.parked].sort((a, b) => a - b);
    await this.emit({
      type: 'job.paused',
      reason: parked.length > 0 ? 'unknown-outcome' : 'error',
      error: parked.length > 0 ? reason('outcome-unknown', { variant: 'parked', batches: parked }) : reason('job-incomplete'),
    });
    return this.view;
  }

  private async finishCancelled(): Promise<JobView> {
    for (const b of this.view.batches) {
      if (b.phase === 'finished') continue;
      if (b.batchId !== null) {
        await this.emit({ type: 'batch.finished', index: b.index, outcome: 'unknown', counters: b.counters, failedIds: [], reason: reason('job-cancelled', { variant: 'after-accept' }) });
      } else {
        const maybeSent = b.phase === 'submitting' || b.phase === 'unknown-outcome';
        await this.emit({
          type: 'batch.finished',
          index: b.index,
          outcome: maybeSent ? 'unknown' : 'cancelled',
          counters: null,
          failedIds: [],
          reason: reason('job-cancelled', { variant: maybeSent ? 'maybe-sent' : 'not-sent' }),
        });
      }
    }
    await this.emit({ type: 'job.finished', state: 'cancelled' });
    return this.view;
  }

  private async requestPause(reason: PauseReason, error: JobError | null): Promise<void> {
    if (this.stopRequest) return;
    this.stopRequest = { kind: 'pause', reason };
    this.sendCtl.abort(new Error('paused'));
    // A user pause stops everything; a pause for a token, the budget or an error keeps following acknowledged batches.
    if (reason === 'user') this.stopCtl.abort(new Error('paused'));
    this.pauseRecorded = (async () => {
      // Whoever shows the pause also sees the token marked as refused.
      if (reason === 'auth') await this.deps.onTokenRefused?.().catch(() => undefined);
      if (this.running) await this.emit({ type: 'job.paused', reason, error });
    })();
    await this.pauseRecorded;
  }

  private batchOf(index: number): JobBatch {
    const b = this.deps.spec.batches.find((x) => x.index === index);
    if (!b) throw new Error(`Job ${this.deps.spec.jobId} has no batch ${index}.`);
    return b;
  }

  private track(e: JobEvent): void {
    if (e.type === 'batch.submitting') this.submittingAtMap.set(e.index, Date.parse(e.at));
    if (e.type === 'batch.submitted') this.submittedAtMap.set(e.index, Date.parse(e.at));
  }

  private async emit(input: EventInput): Promise<void> {
    const event = { ...input, jobId: this.deps.spec.jobId, at: new Date(this.ctx.now()).toISOString() } as JobEvent;
    if (this.journalFailure === null) {
      try {
        await this.deps.journal.append(event);
      } catch (error) {
        if (!(error instanceof WriteFailedError)) throw error;
        this.journalFailed(error);
      }
    }
    if (this.journalFailure !== null && !isTransientJobEvent(event)) this.unjournaled.push(event);
    this.view = reduceJob(this.view, event);
    this.track(event);
    this.deps.onEvent?.(event);
  }
}
