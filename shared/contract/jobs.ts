import { z } from 'zod';
import { defineCall } from './define.js';
import type { PersonalDataKind } from '../privacy/personal-data-kind.js';
import type { JobError, JobEvent } from '../jobs/job-events.js';
import type { JobView } from '../jobs/job-reducer.js';
import type { JobSummary } from '../jobs/job-summary.js';

/**
 * A job's state as listed: the reducer's state, `interrupted` when its process died while it was
 * running, or `damaged` when its journal cannot be read back (the reason is in `pauseError`).
 */
export type JobListState = JobView['state'] | 'interrupted' | 'damaged';

/** One line of the job history. */
export interface JobListItem extends Omit<JobSummary, 'batches' | 'state'> {
  readonly state: JobListState;
  readonly createdAt: string;
  readonly finishedAt: string | null;
  /** The connection the job sends to (it may have been removed or renamed since); `profile…` keys are `jobs list --json`'s contract. */
  readonly profileId: string;
  readonly profileName: string;
  readonly clientCode: string;
  readonly apiVersion: 'v1' | 'v2';
  readonly file: string;
  readonly batchCount: number;
  readonly retryOf: string | null;
  /** Personal-data columns this job sent by the user's explicit choice (or hashed), as recorded in its journal. */
  readonly personalDataSent: readonly { readonly column: string; readonly kind: PersonalDataKind }[];
  readonly pauseReason: string | null;
  /** Why the job paused, when a problem paused it, or why its record is damaged (a registry code and its params). */
  readonly pauseError: JobError | null;
}

/** Where a job's result CSV was written. */
export interface JobResultFile {
  readonly path: string;
  readonly rows: number;
}

const jobId = z.string().min(1).max(100);
/** What the engine does with batches whose POST outcome is unknown (see docs/upload-and-jobs.md). */
const unknownOutcomes = z.enum(['auto', 'resend', 'give-up']).default('auto');

/** Calls that start, follow and steer upload jobs. */
export const jobCalls = {
  'jobs.start': defineCall<{ readonly jobId: string }>()(
    z
      .object({
        preparedDir: z.string().min(1).max(4096),
        profileId: z.string().min(1).max(100),
        concurrency: z.number().int().min(1).max(16).optional(),
      })
      .strict(),
    'Creates a job from a prepared output folder (manifest.json + batch files) and starts sending; progress arrives as job events.',
  ),
  'jobs.list': defineCall<readonly JobListItem[]>()(z.object({}).strict(), 'The job history, newest first.'),
  'jobs.get': defineCall<JobView>()(z.object({ jobId }).strict(), "A job's full view (the reducer's state) replayed from its journal."),
  'jobs.pause': defineCall<void>()(z.object({ jobId }).strict(), 'Stops sending new batches and polling; calls in flight finish and are recorded.'),
  'jobs.resume': defineCall<void>()(
    z.object({ jobId, unknownOutcomes }).strict(),
    'Resumes a paused or interrupted job from its journal; never re-sends a batch Target acknowledged.',
  ),
  'jobs.cancel': defineCall<void>()(
    z.object({ jobId }).strict(),
    'Stops the job for good: batches not sent are cancelled; batches already sent end as unknown unless already finished.',
  ),
  'jobs.retryFailed': defineCall<{ readonly jobId: string }>()(
    z.object({ jobId, profileId: z.string().min(1).max(100).optional() }).strict(),
    'Creates and starts a new job from the rows that failed or whose outcome is unknown in a finished job.',
  ),
  'jobs.repair': defineCall<JobView>()(
    z.object({ jobId }).strict(),
    "Repairs a job whose journal is damaged: keeps the records before the damaged line (a batch the usage record shows was being sent gets an unknown outcome), keeps the damaged copy beside it, and returns the job's view.",
  ),
  'jobs.results': defineCall<JobResultFile>()(
    z.object({ jobId }).strict(),
    'Writes the result CSV (every input row: outcome and reason in English, its original cells, the machine columns row, key, outcome, batch, batch_id, verified, verify_detail; formula-safe) and returns its path.',
  ),
} as const;

/** Events pushed about jobs: exactly the job events of shared/jobs (each carries its jobId). */
export type JobAppEvent = JobEvent;
