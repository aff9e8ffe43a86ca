import { assertNever } from '../domain/assert-never.js';
import type { BatchOutcome, Counters, JobError, JobEvent, PauseReason } from './job-events.js';
import type { JobSpec } from './job-spec.js';

/** Where a job stands. A job whose process died reads as `running` here; the job service reports it as interrupted. */
export type JobState = 'created' | 'running' | 'paused' | 'completed' | 'cancelled';

/** Where one batch stands. `unknown-outcome`: a POST may or may not have reached Target (see docs/upload-and-jobs.md). */
export type BatchPhase = 'pending' | 'submitting' | 'waiting-retry' | 'unknown-outcome' | 'submitted' | 'finished';

/** What the UI, the CLI and the tests know about one batch. */
export interface BatchView {
  readonly index: number;
  readonly rows: number;
  readonly bytes: number;
  readonly phase: BatchPhase;
  readonly attempts: number;
  readonly bytesSent: number;
  readonly batchId: string | null;
  readonly statusUrl: string | null;
  /** Last status text Target gave (`incomplete`, `complete`, `stuck`, or anything else it sends). */
  readonly status: string | null;
  readonly counters: Counters | null;
  readonly outcome: BatchOutcome | null;
  /** What to say about the batch: its last error while it is retried, why its outcome is unknown, or why it ended without completing. */
  readonly note: JobError | null;
  readonly failedIdCount: number;
  readonly lastError: JobError | null;
  /** When Target accepted the batch (ISO time), so progress can move while Target processes it; null before. */
  readonly submittedAt: string | null;
}

/** An alert raised during the job (stuck batch, deadline passed, re-sent after an unknown outcome…): a registry code and its params. */
export type JobAlert = JobError & {
  readonly at: string;
  readonly index: number | null;
  readonly level: 'info' | 'warning' | 'error';
};

/** The whole view of a job: the reducer's state. */
export interface JobView {
  readonly jobId: string;
  readonly state: JobState;
  readonly spec: JobSpec | null;
  readonly batches: readonly BatchView[];
  readonly pause: { readonly reason: PauseReason; readonly error: JobError | null } | null;
  readonly alerts: readonly JobAlert[];
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly updatedAt: string | null;
  /** Why the result CSV could not be written when the job ended (reported while the app runs; not journaled). */
  readonly resultsError: JobError | null;
}

const MAX_ALERTS = 100;

/** Returns the empty view of a job nobody has started yet. */
export function initialJobView(jobId: string): JobView {
  return { jobId, state: 'created', spec: null, batches: [], pause: null, alerts: [], startedAt: null, finishedAt: null, updatedAt: null, resultsError: null };
}

function emptyBatch(index: number, rows: number, bytes: number): BatchView {
  return {
    index,
    rows,
    bytes,
    phase: 'pending',
    attempts: 0,
    bytesSent: 0,
    batchId: null,
    statusUrl: null,
    status: null,
    counters: null,
    outcome: null,
    note: null,
    failedIdCount: 0,
    submittedAt: null,
    lastError: null,
  };
}

function patchBatch(view: JobView, index: number, patch: (b: BatchView) => BatchView): readonly BatchView[] {
  let found = false;
  const batches = view.batches.map((b) => {
    if (b.index !== index) return b;
    found = true;
    return patch(b);
  });
  return found ? batches : [...batches, patch(emptyBatch(index, 0, 0))].sort((a, b) => a.index - b.index);
}

/**
 * The one reducer of job events, used by the engine (to replay a journal), the UI and the CLI.
 * Pure: returns a new view and never throws; events for another job are ignored.
 */
export function reduceJob(view: JobView, event: JobEvent): JobView {
  if (event.jobId !== view.jobId) return view;
  const v: JobView = { ...view, updatedAt: event.at };
  switch (event.type) {
    case 'job.started': {
      const batches = event.spec.batches.map((b) => view.batches.find((x) => x.index === b.index) ?? emptyBatch(b.index, b.rows, b.bytes));
      return { ...v, spec: event.spec, state: 'running', startedAt: view.startedAt ?? event.at, batches };
    }
    case 'batch.written':
      return { ...v, batches: patchBatch(v, event.index, (b) => ({ ...b, rows: event.rows, bytes: event.bytes })) };
    case 'batch.submitting':
      return {
        ...v,
        batches: patchBatch(v, event.index, (b) => ({ ...b, phase: 'submitting', attempts: Math.max(b.attempts, event.attempt), bytesSent: 0 })),
      };
    case 'batch.uploading':
      return { ...v, batches: patchBatch(v, event.index, (b) => ({ ...b, bytesSent: event.bytesSent })) };
    case 'batch.submit-failed':
      return {
        ...v,
        batches: patchBatch(v, event.index, (b) => ({
          ...b,
          phase: event.retryInMs === null ? b.phase : 'waiting-retry',
          lastError: event.error,
          note: event.error,
        })),
      };
    case 'batch.outcome-unknown':
      return { ...v, batches: patchBatch(v, event.index, (b) => ({ ...b, phase: 'unknown-outcome', note: event.reason ?? legacyNote(event.detail) })) };
    case 'batch.submitted':
      return {
        ...v,
        batches: patchBatch(v, event.index, (b) => ({ ...b, phase: 'submitted', batchId: event.batchId, statusUrl: event.statusUrl, bytesSent: b.bytes, lastError: null, submittedAt: event.at })),
      };
    case 'batch.status':
      return {
        ...v,
        batches: patchBatch(v, event.index, (b) => ({ ...b, status: event.status, counters: event.counters ?? b.counters })),
      };
    case 'batch.finished':
      return {
        ...v,
        batches: patchBatch(v, event.index, (b) => ({
          ...b,
          phase: 'finished',
          outcome: event.outcome,
          counters: event.counters ?? b.counters,
          failedIdCount: event.failedIds.length,
          note: event.reason ?? legacyNote(event.message) ?? b.note,
          status: finishedStatus(event.outcome, b.status),
        })),
      };
    case 'job.alert': {
      const { type: _type, jobId: _jobId, ...alert } = event;
      return { ...v, alerts: [...v.alerts, alert].slice(-MAX_ALERTS) };
    }
    case 'job.paused':
      return { ...v, state: 'paused', pause: { reason: event.reason, error: event.error } };
    case 'job.resumed':
      return { ...v, state: 'running', pause: null };
    case 'job.finished':
      return { ...v, state: event.state, pause: null, finishedAt: event.at };
    case 'job.results-failed':
      return { ...v, resultsError: event.error };
    default:
      return assertNever(event, 'job event');
  }
}

/** A note versions before codes carried params recorded as plain English; it is shown as it was recorded. */
function legacyNote(text: string | null | undefined): JobError | null {
  return text ? { code: 'legacy-note', message: text } : null;
}

function finishedStatus(outcome: BatchOutcome, last: string | null): string {
  switch (outcome) {
    case 'complete':
    case 'stuck':
      return outcome;
    case 'rejected':
    case 'cancelled':
      return outcome;
    case 'unknown':
      return last === null || last === 'incomplete' ? 'unknown' : last;
    default:
      return assertNever(outcome, 'batch outcome');
  }
}

/** Returns the view after applying `events` in order to the empty view of `jobId`. */
export function replayJob(jobId: string, events: Iterable<JobEvent>): JobView {
  let view = initialJobView(jobId);
  for (const e of events) view = reduceJob(view, e);
  return view;
}
