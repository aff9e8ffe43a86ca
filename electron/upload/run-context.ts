import type { JobEvent, JobError, PauseReason } from '../../shared/jobs/job-events.js';
import type { JobView } from '../../shared/jobs/job-reducer.js';
import type { JobSpec, JobBatch } from '../../shared/jobs/job-spec.js';
import type { UsageLedger } from '../store/usage-ledger.js';
import type { EngineSettings } from './engine-settings.js';
import type { Transport } from './http-transport.js';
import type { ClientRateLimiter } from './rate-limiter.js';
import type { TlsTrust } from './tls-trust.js';

/** An event as the engine emits it; the runner stamps `jobId` and `at`. */
export type EventInput = JobEvent extends infer E ? (E extends JobEvent ? Omit<E, 'jobId' | 'at'> : never) : never;

/** What the submit and poll loops share with the runner that drives them. */
export interface RunContext {
  readonly spec: JobSpec;
  readonly settings: EngineSettings;
  readonly transport: Transport;
  readonly limiter: ClientRateLimiter;
  readonly usage: UsageLedger;
  readonly random: () => number;
  /** Aborted when the user pauses or cancels: every wait ends and polls stop (POSTs in flight finish). */
  readonly stopSignal: AbortSignal;
  /** Aborted on any pause or cancel: no new POST starts. Other pauses (token, budget…) keep following acknowledged batches. */
  readonly sendSignal: AbortSignal;
  view(): JobView;
  batch(index: number): JobBatch;
  /** Journals (fsynced) and publishes one event; resolves once it is durable. */
  emit(event: EventInput): Promise<void>;
  /** Records a pause (once) and stops the job's other work. */
  requestPause(reason: PauseReason, error: JobError | null): Promise<void>;
  /** The current token of the connection (Adobe sign-in mints or renews one); never logged. Throws SignInError. */
  token(): Promise<string | undefined>;
  /** After Target refused `refused`: true once a newer token is kept (Adobe sign-in), false when nothing can be done. Throws SignInError. */
  renewToken(refused: string | undefined): Promise<boolean>;
  /** The token this job renewed after a refusal: if Target refuses it too, the job pauses. */
  renewedToken: string | undefined;
  /** What the connection's https calls trust (the OS store and its CA file). */
  readonly trust: TlsTrust | undefined;
  /** Where to POST: the job's recorded base URL (the local sandbox's current one for the built-in profile). */
  baseUrl(): string;
  /** Hosts a status URL may point at (the live profile's list). */
  statusHosts(): readonly string[];
  /** Maps a recorded status URL to the one to call now (the local sandbox moves port between runs). */
  statusUrlFor(recorded: string): string;
  /** Epoch ms of the last `batch.submitting` and `batch.submitted` of a batch. */
  submittingAt(index: number): number | undefined;
  submittedAt(index: number): number | undefined;
  now(): number;
}
