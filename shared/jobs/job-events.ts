import { z } from 'zod';
import { jobSpecSchema } from './job-spec.js';

const paramValue = z.union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))]);
/** A registry code (shared/contract/errors.ts) and the params its words quote. */
const reasonSchema = z.object({ code: z.string(), params: z.record(z.string(), paramValue).optional() });

/**
 * What the journal records about a problem or an ending: a registry code with its params, the HTTP
 * status when there was one, and `because`: why it happened (e.g. why a batch with an unknown outcome was sent again).
 * `message` is the English text that versions before codes carried params recorded instead; it is
 * read back (and shown) for such records only, never written.
 */
export const jobErrorSchema = reasonSchema.extend({
  httpStatus: z.number().int().optional(),
  because: reasonSchema.optional(),
  message: z.string().optional(),
});
export type JobError = z.infer<typeof jobErrorSchema>;

/** The `showDetails=true` counters of a batch. */
export const countersSchema = z.object({
  consumedCount: z.number().int().min(0),
  successfulUpdates: z.number().int().min(0),
  profilesNotFound: z.number().int().min(0),
  failedUpdates: z.number().int().min(0),
});
export type Counters = z.infer<typeof countersSchema>;

/** How a batch ended. `rejected`: no batch was created (success=false or a 4xx); `unknown`: nobody can tell what Target did. */
export const batchOutcomeSchema = z.enum(['complete', 'stuck', 'rejected', 'unknown', 'cancelled']);
export type BatchOutcome = z.infer<typeof batchOutcomeSchema>;

/** Why a job stopped without finishing. */
export const pauseReasonSchema = z.enum(['user', 'auth', 'daily-budget', 'unknown-outcome', 'error']);
export type PauseReason = z.infer<typeof pauseReasonSchema>;

/** Final state written by `job.finished`. */
export const finishedStateSchema = z.enum(['completed', 'cancelled']);

const base = { jobId: z.string().min(1), at: z.string() };
const idx = { ...base, index: z.number().int().min(0) };

/**
 * Every job event. The durable ones (all but `batch.uploading`) are also the journal's records, so a
 * job's state after a restart is exactly the reducer applied to its journal.
 */
export const jobEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('job.started'), ...base, spec: jobSpecSchema }),
  z.object({ type: z.literal('batch.written'), ...idx, rows: z.number().int(), bytes: z.number().int() }),
  z.object({ type: z.literal('batch.submitting'), ...idx, attempt: z.number().int().min(1) }),
  z.object({ type: z.literal('batch.uploading'), ...idx, bytesSent: z.number().int(), bytesTotal: z.number().int() }),
  z.object({
    type: z.literal('batch.submit-failed'),
    ...idx,
    attempt: z.number().int().min(1),
    error: jobErrorSchema,
    /** Milliseconds until the next attempt; null when the batch will not be retried. */
    retryInMs: z.number().int().min(0).nullable(),
  }),
  z.object({
    type: z.literal('batch.outcome-unknown'),
    ...idx,
    attempt: z.number().int().min(0),
    /** Why nobody can tell (`outcome-unknown`); `detail` is what versions before it recorded instead. */
    reason: jobErrorSchema.optional(),
    detail: z.string().optional(),
  }),
  z.object({ type: z.literal('batch.submitted'), ...idx, batchId: z.string().min(1), statusUrl: z.string().min(1) }),
  z.object({
    type: z.literal('batch.status'),
    ...idx,
    status: z.string(),
    batchSize: z.number().int().nullable(),
    counters: countersSchema.nullable(),
  }),
  z.object({
    type: z.literal('batch.finished'),
    ...idx,
    outcome: batchOutcomeSchema,
    counters: countersSchema.nullable(),
    /** v2 per-row failures as Target listed them (`<profile><id>`), empty otherwise. */
    failedIds: z.array(z.string()),
    /** Why the batch ended this way when it did not complete (null when it did); `message` is what versions before it recorded instead. */
    reason: jobErrorSchema.nullable().optional(),
    message: z.string().nullable().optional(),
  }),
  z.object({
    type: z.literal('job.alert'),
    ...base,
    index: z.number().int().nullable(),
    level: z.enum(['info', 'warning', 'error']),
    ...jobErrorSchema.shape,
  }),
  z.object({ type: z.literal('job.paused'), ...base, reason: pauseReasonSchema, error: jobErrorSchema.nullable() }),
  z.object({ type: z.literal('job.resumed'), ...base }),
  z.object({ type: z.literal('job.finished'), ...base, state: finishedStateSchema }),
  /** The job's result CSV could not be written (the job itself is intact); never journaled. */
  z.object({ type: z.literal('job.results-failed'), ...base, error: jobErrorSchema }),
]);

export type JobEvent = z.infer<typeof jobEventSchema>;
export type JobEventType = JobEvent['type'];

/** Every job event `type`, read from the schema: a type added there is known wherever this set is used. */
export const jobEventTypes: ReadonlySet<JobEventType> = new Set(jobEventSchema.options.map((option) => option.shape.type.value));

/** Events that only report progress or a side file's fate and are never journaled. */
export function isTransientJobEvent(event: JobEvent): boolean {
  return event.type === 'batch.uploading' || event.type === 'job.results-failed';
}
