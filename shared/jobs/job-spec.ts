import { z } from 'zod';
import { personalDataColumnSchema } from '../privacy/personal-data-kind.js';

/** Bulk API version as users name it. */
export const apiVersionSchema = z.enum(['v1', 'v2']);
export type ApiVersion = z.infer<typeof apiVersionSchema>;

/** The connection a job sends to, frozen when the job is created (never the token: that stays in the secret store). */
export const jobConnectionSchema = z.object({
  /** The saved connection's id. The key keeps its old name: every journal on disk has it (a rename would need a migration). */
  profileId: z.string().min(1),
  name: z.string(),
  baseUrl: z.string().min(1),
  clientCode: z.string().min(1),
  apiVersion: apiVersionSchema,
  /** Hosts a returned batchStatus URL may point at (exact host or `*.suffix`). */
  statusHosts: z.array(z.string()),
  /** Optional cap of rows per rolling 24 h for this client code. */
  dailyRowBudget: z.number().int().positive().nullable(),
});
export type JobConnection = z.infer<typeof jobConnectionSchema>;

/** One batch file the pipeline wrote: `path` holds the exact `batch=` body to POST. */
export const jobBatchSchema = z.object({
  index: z.number().int().min(0),
  rows: z.number().int().min(0),
  bytes: z.number().int().min(0),
  path: z.string().min(1),
});
export type JobBatch = z.infer<typeof jobBatchSchema>;

/** Where the job's rows came from, and how many never reached a batch. */
export const jobSourceSchema = z.object({
  file: z.string(),
  idType: z.string(),
  rows: z.number().int().min(0),
  rejected: z.number().int().min(0),
  excluded: z.number().int().min(0),
  /** Folder of the prepared batches, manifest and row ledger. */
  preparedDir: z.string(),
  /** For a "retry failed rows" job: the job whose failures it re-sends. */
  retryOf: z.string().nullable(),
  /**
   * The personal-data columns of the file and whether each was sent (`sent: true` only by the user's
   * explicit choice, or hashed); [] in journals written before the guard.
   */
  personalData: z.array(personalDataColumnSchema).default([]),
});
export type JobSource = z.infer<typeof jobSourceSchema>;

/** Knobs of the engine that a job keeps across restarts. */
export const jobOptionsSchema = z.object({
  concurrency: z.number().int().min(1).max(16),
  /** First wait between status polls; doubles up to `pollMaxMs`. */
  pollInitialMs: z.number().int().min(0),
  pollMaxMs: z.number().int().min(0),
  /** After this long without a final status a batch is given up as `unknown` (Target may take 24 h). */
  pollDeadlineMs: z.number().int().min(0),
  /** Attempts for one POST on 5xx or network errors before the batch fails. */
  maxSubmitAttempts: z.number().int().min(1),
  /** Re-checks of a status that answered before and now says "Batch not found" (aged out, §12.3) before its rows are unknown. */
  statusNotFoundRechecks: z.number().int().min(0).default(3),
  /** How long a batch that never answered may say "Batch not found" (from acceptance) before its rows are unknown. */
  statusNotFoundGraceMs: z.number().int().min(0).default(10 * 60_000),
});
export type JobOptions = z.infer<typeof jobOptionsSchema>;

/** Everything needed to run (or resume) a job, recorded as the journal's first line. */
export const jobSpecSchema = z.object({
  jobId: z.string().min(1),
  createdAt: z.string(),
  connection: jobConnectionSchema,
  source: jobSourceSchema,
  batches: z.array(jobBatchSchema),
  options: jobOptionsSchema,
});
export type JobSpec = z.infer<typeof jobSpecSchema>;

/**
 * The engine defaults: polling from 1 s up to 30 s, a 24 h deadline (Target's documented worst case), 5
 * POST attempts; a status that aged out ("Batch not found" after answering) is re-checked 3 times, one
 * that never answered for 10 minutes.
 */
export function defaultJobOptions(): JobOptions {
  return { concurrency: 2, pollInitialMs: 1000, pollMaxMs: 30_000, pollDeadlineMs: 24 * 3600_000, maxSubmitAttempts: 5, statusNotFoundRechecks: 3, statusNotFoundGraceMs: 10 * 60_000 };
}
