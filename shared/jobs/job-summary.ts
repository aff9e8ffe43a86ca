import type { JobView } from './job-reducer.js';

/** Row totals of a job; every input row lands in exactly one of confirmed…pending. */
export interface JobTotals {
  readonly rows: number;
  /** Rows in batches Target acknowledged (a batchId was recorded). */
  readonly sent: number;
  readonly confirmed: number;
  readonly notFound: number;
  /** Rows Target counted as failed, plus rows of batches it refused (no batch created). */
  readonly failed: number;
  readonly rejected: number;
  readonly excluded: number;
  /** Rows whose fate nobody can tell: stuck batches, unknown POST outcomes, deadlines, Target's uncounted rows. */
  readonly unknown: number;
  /** Rows not sent yet, or sent and still being processed. */
  readonly pending: number;
}

/** One batch as the CLI's `--json` prints it. */
export interface BatchSummary {
  readonly index: number;
  readonly rows: number;
  readonly batchId: string | null;
  readonly status: string;
  readonly consumedCount: number;
  readonly successfulUpdates: number;
  readonly profilesNotFound: number;
  readonly failedUpdates: number;
}

/** The final `--json` object of `upload` and `jobs resume`. */
export interface JobSummary extends JobTotals {
  readonly jobId: string;
  readonly state: string;
  readonly batches: readonly BatchSummary[];
}

/** Returns the row totals of a job view (pure; counts only counters Target reported for a batch it acknowledged). */
export function jobTotals(view: JobView): JobTotals {
  const src = view.spec?.source;
  const rows = src?.rows ?? view.batches.reduce((n, b) => n + b.rows, 0);
  const rejected = src?.rejected ?? 0;
  const excluded = src?.excluded ?? 0;
  let sent = 0;
  let confirmed = 0;
  let notFound = 0;
  let failed = 0;
  let unknown = 0;
  let pending = 0;
  for (const b of view.batches) {
    if (b.batchId !== null) sent += b.rows;
    if (b.phase !== 'finished') {
      pending += b.rows;
      continue;
    }
    switch (b.outcome) {
      case 'complete': {
        const c = b.counters;
        const s = c?.successfulUpdates ?? 0;
        const nf = c?.profilesNotFound ?? 0;
        const f = c?.failedUpdates ?? 0;
        confirmed += s;
        notFound += nf;
        failed += f;
        unknown += Math.max(0, b.rows - s - nf - f);
        break;
      }
      case 'rejected':
        failed += b.rows;
        break;
      case 'stuck':
      case 'unknown':
      case 'cancelled':
      case null:
        unknown += b.rows;
        break;
    }
  }
  return { rows, sent, confirmed, notFound, failed, rejected, excluded, unknown, pending };
}

/** Returns the summary object printed by `upload --json` and `jobs resume --json`. */
export function jobSummary(view: JobView, state: string = view.state): JobSummary {
  return {
    jobId: view.jobId,
    state,
    ...jobTotals(view),
    batches: view.batches.map((b) => ({
      index: b.index,
      rows: b.rows,
      batchId: b.batchId,
      status: b.status ?? (b.phase === 'finished' ? (b.outcome ?? 'unknown') : 'pending'),
      consumedCount: b.counters?.consumedCount ?? 0,
      successfulUpdates: b.counters?.successfulUpdates ?? 0,
      profilesNotFound: b.counters?.profilesNotFound ?? 0,
      failedUpdates: b.counters?.failedUpdates ?? 0,
    })),
  };
}
