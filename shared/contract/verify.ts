import { z } from 'zod';
import { defineCall } from './define.js';
import type { JobError } from '../jobs/job-events.js';

/**
 * What reading a row's profile back found. `verified`: every value sent is there; `differs`: the
 * profile exists but a value is not what was sent; `missing`: still no profile once the wait for
 * Target's visibility lag ended; `not-yet-visible`: no profile yet, and the wait was stopped early.
 */
export type VerifyOutcome = 'verified' | 'differs' | 'missing' | 'not-yet-visible';

/** One attribute that is not as sent: what was sent, what Target holds (null: no such attribute) and when Target last changed it. */
export interface VerifyDiff {
  readonly name: string;
  readonly sent: string;
  readonly found: string | null;
  readonly modifiedAt: string | null;
}

/** A checked row that did not verify. `row` is the input file's row number (null when the job has no row ledger). */
export interface VerifyProblemRow {
  readonly row: number | null;
  readonly batch: number;
  readonly key: string;
  readonly outcome: Exclude<VerifyOutcome, 'verified'>;
  readonly diffs: readonly VerifyDiff[];
}

/**
 * Where a verification stands. `waiting`: every row was read once and some are still not visible; they
 * are read again until `deadlineAt`. `paused`: it stopped (app closed, token refused…) and resumes where
 * it stopped. `finished`: every planned row has an outcome.
 */
export type VerifyState = 'running' | 'waiting' | 'paused' | 'finished';

/** A share of rows with its 95% Wilson interval (fractions between 0 and 1). */
export interface RateEstimate {
  readonly rate: number;
  readonly low: number;
  readonly high: number;
}

/** A job's latest verification, as the Results screen and `jobs verify --json` show it. */
export interface VerifyView {
  readonly jobId: string;
  /** 1 for the first verification of the job, 2 for a re-run… */
  readonly run: number;
  readonly state: VerifyState;
  /** True when a random sample of the confirmed rows is checked (the job has more than the limit). */
  readonly sample: boolean;
  /** The sample's seed (recorded so a re-run checks the same rows); null when every row is checked. */
  readonly seed: number | null;
  /** Confirmed rows of the job (what could be checked). */
  readonly eligible: number;
  /** Rows this verification reads back. */
  readonly planned: number;
  /** Rows with an outcome so far. */
  readonly checked: number;
  readonly verified: number;
  readonly differs: number;
  readonly missing: number;
  readonly notYetVisible: number;
  /** Rows read at least once that are not visible yet and will be read again (while running or waiting). */
  readonly waitingVisible: number;
  /** When rows still not visible will be called missing. */
  readonly deadlineAt: string | null;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  /** For a sample: the share of the job's rows that did not land (missing or differing), with its interval. Null otherwise. */
  readonly notLandedEstimate: RateEstimate | null;
  /** Why it paused, when a problem paused it. */
  readonly error: JobError | null;
}

/** What a profile lookup found: the profile as Target returns it, beside what this app last sent for that id. */
export interface ProfileLookup {
  readonly idType: 'thirdPartyId' | 'pcId' | 'ecid';
  readonly id: string;
  /** Target's answer; null when Target has no profile for the id (its 404). */
  readonly profile: {
    readonly visitorId: string;
    readonly modifiedAt: string;
    readonly attributes: readonly { readonly name: string; readonly value: string; readonly modifiedAt: string }[];
  } | null;
  /** The newest job of this connection's client code that sent the id, and the values it sent; null when none did. */
  readonly lastSent: {
    readonly jobId: string;
    readonly sentAt: string;
    readonly file: string;
    readonly values: Readonly<Record<string, string>>;
  } | null;
}

const jobId = z.string().min(1).max(100);

/** Calls that read profiles back from Target. */
export const verifyCalls = {
  'verify.start': defineCall<VerifyView>()(
    z.object({ jobId, mode: z.enum(['auto', 'all', 'sample']).default('auto'), sampleSize: z.number().int().min(1).max(100_000).optional() }).strict(),
    'Starts (or resumes, when one stopped) reading the rows of a finished job back from Target; progress arrives as verify.progress events. auto: every row up to the limit, a sample per batch beyond it.',
  ),
  'verify.get': defineCall<VerifyView | null>()(z.object({ jobId }).strict(), "A job's latest verification, or null when it was never verified."),
  'verify.stopWaiting': defineCall<VerifyView>()(
    z.object({ jobId }).strict(),
    'Stops waiting for rows that are not visible yet: they are recorded as not yet visible, and the verification finishes.',
  ),
  'verify.problems': defineCall<{ readonly total: number; readonly rows: readonly VerifyProblemRow[] }>()(
    z.object({ jobId, offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(1000).default(100) }).strict(),
    'The checked rows of the latest verification that did not verify (missing, differing, not yet visible), in row order.',
  ),
  'verify.resendMissing': defineCall<{ readonly jobId: string }>()(
    z.object({ jobId }).strict(),
    'Creates and starts a new job of the rows the latest verification found missing or differing, with the values originally sent; throws nothing-to-retry when there are none.',
  ),
  'lookup.profile': defineCall<ProfileLookup>()(
    z.object({ connectionId: z.string().min(1).max(100), id: z.string().min(1).max(256), idType: z.enum(['thirdPartyId', 'pcId', 'ecid']) }).strict(),
    "Reads one visitor profile from the connection's Target, beside the values this app last sent for that id.",
  ),
} as const;

/** Pushed while a verification runs and when it changes state. */
export interface VerifyEvent {
  readonly type: 'verify.progress';
  readonly jobId: string;
  readonly view: VerifyView;
}
