import type { JobError } from '../../../shared/jobs/job-events.js';
import type { BatchView, JobView } from '../../../shared/jobs/job-reducer.js';

/** Seconds over which the processing half of a batch creeps towards its end (Target gives no percentage). */
const PROCESSING_SECONDS = 30;

/**
 * How far one batch is, from 0 to 1: sending counts for the first half, Target's processing for the
 * second. Target says nothing about how far it is, so a processing batch moves from 0.5 towards 0.95
 * with the time since it was accepted (`now`, in ms) and only reaches 1 when Target reports it done.
 */
export function batchFraction(batch: BatchView, now?: number): number {
  if (batch.phase === 'finished') return 1;
  if (batch.phase === 'submitted') {
    const since = batch.submittedAt === null || now === undefined ? 0 : Math.max(0, now - Date.parse(batch.submittedAt)) / 1000;
    return 0.5 + 0.45 * (1 - Math.exp(-since / PROCESSING_SECONDS));
  }
  if (batch.phase === 'submitting' && batch.bytes > 0) return 0.5 * Math.min(1, batch.bytesSent / batch.bytes);
  return 0;
}

/** Returns the job's overall progress from 0 to 1, each batch weighted by its rows (by count when no rows are known); `now` lets processing batches move. */
export function jobFraction(view: JobView, now?: number): number {
  if (view.state === 'completed' || view.state === 'cancelled') return 1;
  const weights = view.batches.map((b) => Math.max(b.rows, 0));
  const total = weights.reduce((a, b) => a + b, 0);
  if (view.batches.length === 0) return 0;
  if (total === 0) return view.batches.reduce((a, b) => a + batchFraction(b, now), 0) / view.batches.length;
  return view.batches.reduce((a, b, i) => a + batchFraction(b, now) * (weights[i] ?? 0), 0) / total;
}

/** What one batch row shows: its bytes while it is being sent, then Target's status. */
export type BatchDisplay =
  | { readonly kind: 'waiting' }
  | { readonly kind: 'sending'; readonly percent: number }
  | { readonly kind: 'retrying'; readonly note: JobError | null }
  | { readonly kind: 'unknown'; readonly note: JobError | null }
  | { readonly kind: 'processing'; readonly status: string | null }
  | { readonly kind: 'done'; readonly outcome: NonNullable<BatchView['outcome']> };

/** Returns what a batch row should show for `batch` (pure). */
export function batchDisplay(batch: BatchView): BatchDisplay {
  switch (batch.phase) {
    case 'pending':
      return { kind: 'waiting' };
    case 'submitting':
      return { kind: 'sending', percent: batch.bytes > 0 ? Math.floor((100 * Math.min(batch.bytesSent, batch.bytes)) / batch.bytes) : 0 };
    case 'waiting-retry':
      return { kind: 'retrying', note: batch.note };
    case 'unknown-outcome':
      return { kind: 'unknown', note: batch.note };
    case 'submitted':
      return { kind: 'processing', status: batch.status };
    case 'finished':
      return { kind: 'done', outcome: batch.outcome ?? 'unknown' };
  }
}

/**
 * Estimates the milliseconds left from the progress made while this window watched (`startFraction`
 * then, `fraction` now, `elapsedMs` between). Returns null until there is enough to go on (2% gained
 * and one second spent) and once the job is done.
 */
export function estimateRemainingMs(fraction: number, elapsedMs: number, startFraction = 0): number | null {
  const gained = fraction - startFraction;
  if (!(gained >= 0.02) || fraction >= 1 || elapsedMs < 1000) return null;
  return Math.round((elapsedMs * (1 - fraction)) / gained);
}

/** Splits milliseconds into whole hours, minutes and seconds for a "3 min 20 s left" message. */
export function splitDuration(ms: number): { readonly hours: number; readonly minutes: number; readonly seconds: number } {
  const total = Math.max(0, Math.round(ms / 1000));
  return { hours: Math.floor(total / 3600), minutes: Math.floor((total % 3600) / 60), seconds: total % 60 };
}
