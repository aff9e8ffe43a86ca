import type { PersonalDataColumn } from '../../shared/privacy/personal-data-kind.js';
import { resolveAppHome } from '../services/app-home.js';
import { createUploadServices, type UploadServices } from '../services/upload-services.js';
import type { JobEvent } from '../../shared/jobs/job-events.js';
import type { JobView } from '../../shared/jobs/job-reducer.js';
import { jobSummary, type JobSummary } from '../../shared/jobs/job-summary.js';
import { AppCallError } from '../../shared/contract/errors.js';
import { describeError } from '../messages/error-words.js';
import type { UnknownChoice } from '../upload/unknown-facts.js';
import { CliUsageError, type CliIo } from './cli-types.js';
import type { WriteFailedError } from '../store/write-failure.js';

/** Opens the upload services over PROFILE_LOADER_HOME (or ~/.profile-loader) for one CLI command, runs `fn`, and closes them. */
export async function withServices<T>(io: CliIo, fn: (s: UploadServices, home: string) => Promise<T>): Promise<T> {
  const home = resolveAppHome(io.env);
  let services: UploadServices;
  try {
    services = await createUploadServices({ homeDir: home, log: (l) => io.stderr(`${l}\n`) });
  } catch (e) {
    throw new CliUsageError(e instanceof AppCallError ? describeError(e) : (e as Error).message);
  }
  try {
    return await fn(services, home);
  } catch (e) {
    if (e instanceof AppCallError) throw new CliUsageError(describeError(e), exitCodeOf(e.code));
    throw e;
  } finally {
    await services.close();
  }
}

function exitCodeOf(code: string): number {
  return code === 'job-locked' || code === 'nothing-to-retry' ? 1 : 2;
}

/** Reads a token or client secret from stdin (all of it, trailing line break removed); throws, naming `flag`, when it is empty. */
export async function readTokenFromStdin(io: CliIo, flag = '--token-stdin'): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  const token = Buffer.concat(chunks).toString('utf8').replace(/[\r\n]+$/, '').trim();
  if (token === '') throw new CliUsageError(`${flag}: nothing was read from standard input`);
  return token;
}

/** Reads `--unknown-outcomes` (auto when not given); throws CliUsageError for another value. */
export function unknownOutcomesOf(text: string | undefined): UnknownChoice {
  const choice = text ?? 'auto';
  if (choice !== 'auto' && choice !== 'resend' && choice !== 'give-up') throw new CliUsageError('--unknown-outcomes must be auto, resend or give-up');
  return choice;
}

/** The final `--json` object of `upload` and `jobs resume` (the job summary plus where the results are). */
export interface FinalJson extends JobSummary {
  readonly pauseReason: string | null;
  readonly message: string | null;
  readonly results: string | null;
  /** Why the results file could not be written (the job itself is intact), else null. */
  readonly resultsError: string | null;
  /** The personal-data columns of the job's file and whether each was sent, as recorded in its journal. */
  readonly personalData: readonly PersonalDataColumn[];
}

/** Builds the final JSON object from a job's view (`resultsError`: the failure of its results file, if any). */
export function finalJson(view: JobView, resultsPath: string | null, resultsError: WriteFailedError | null = null): FinalJson {
  return {
    ...jobSummary(view),
    pauseReason: view.pause?.reason ?? null,
    message: view.pause?.error ? describeError(view.pause.error) : null,
    results: (view.state === 'completed' || view.state === 'cancelled') && resultsError === null ? resultsPath : null,
    resultsError: resultsError ? describeError(resultsError) : null,
    personalData: view.spec?.source.personalData ?? [],
  };
}

/**
 * Exit code of a run: 0 every sent row confirmed or not found; 1 failed/unknown rows, a pause, or rows
 * rejected by validation; 2 when the results file could not be written.
 */
export function exitCodeOfRun(s: FinalJson): number {
  if (s.resultsError !== null) return 2;
  if (s.state !== 'completed') return 1;
  return s.failed > 0 || s.unknown > 0 || s.rejected > 0 ? 1 : 0;
}

/**
 * Runs job `jobId` in this process (see runWithInterrupt), prints its summary (`--json` or text; a
 * results file that could not be written goes to stderr with its path and reason) and resolves to the
 * exit code.
 */
export async function runAndReport(
  io: CliIo,
  services: UploadServices,
  resultsPath: string,
  jobId: string,
  opts: { json: boolean; unknown: UnknownChoice; batches: number },
): Promise<number> {
  let resultsError: WriteFailedError | null = null;
  const view = await runWithInterrupt(services, jobId, () =>
    services.jobs.run(jobId, {
      unknownChoice: opts.unknown,
      onEvent: opts.json ? undefined : progressPrinter(io, opts.batches),
      onResultsFailed: (e) => (resultsError = e),
    }),
  );
  const out = finalJson(view, resultsPath, resultsError);
  if (opts.json) io.stdout(`${JSON.stringify(out)}\n`);
  else printSummary(io, out);
  if (out.resultsError !== null) io.stderr(`the results file could not be written: ${out.resultsError}\n`);
  return exitCodeOfRun(out);
}

/** Prints one progress line per meaningful job event to stderr (never the token: events carry none). */
export function progressPrinter(io: CliIo, total: number): (e: JobEvent) => void {
  return (e) => {
    switch (e.type) {
      case 'batch.submitted':
        io.stderr(`batch ${e.index}/${total}: accepted by Target as ${e.batchId}\n`);
        break;
      case 'batch.submit-failed':
        io.stderr(`batch ${e.index}/${total}: ${describeError(e.error)}${e.retryInMs === null ? '' : ` (retrying in ${Math.round(e.retryInMs / 100) / 10} s)`}\n`);
        break;
      case 'batch.outcome-unknown':
        io.stderr(`batch ${e.index}/${total}: outcome unknown: ${e.reason ? describeError(e.reason) : (e.detail ?? '')}\n`);
        break;
      case 'batch.finished': {
        const c = e.counters;
        const counts = c ? ` — ${c.successfulUpdates} updated, ${c.profilesNotFound} not found, ${c.failedUpdates} failed` : '';
        const why = e.reason ? describeError(e.reason) : e.message;
        io.stderr(`batch ${e.index}/${total}: ${e.outcome}${counts}${why ? ` (${why})` : ''}\n`);
        break;
      }
      case 'job.alert':
        io.stderr(`${e.level}: ${describeError(e)}\n`);
        break;
      case 'job.paused':
        io.stderr(`job paused (${e.reason})${e.error ? `: ${describeError(e.error)}` : ''}\n`);
        break;
      default:
        break;
    }
  };
}

/** Prints the final summary as text. */
export function printSummary(io: CliIo, s: FinalJson): void {
  io.stdout(`job ${s.jobId}: ${s.state}\n`);
  io.stdout(`rows ${s.rows}: sent ${s.sent}, confirmed ${s.confirmed}, not found ${s.notFound}, failed ${s.failed}, rejected ${s.rejected}, excluded ${s.excluded}, unknown ${s.unknown}, pending ${s.pending}\n`);
  for (const b of s.batches) {
    io.stdout(`  batch ${b.index}: ${b.rows} rows, ${b.status}${b.batchId ? `, ${b.batchId}` : ''}, ${b.successfulUpdates} updated, ${b.profilesNotFound} not found, ${b.failedUpdates} failed\n`);
  }
  if (s.message) io.stdout(`${s.message}\n`);
  if (s.state === 'paused') io.stdout(`resume with: profile-loader jobs resume ${s.jobId}\n`);
  if (s.results) io.stdout(`results: ${s.results}\n`);
}

/**
 * Runs a job in this process and pauses it cleanly on the first Ctrl-C (a second one exits at once);
 * resolves to the final view.
 */
export async function runWithInterrupt(services: UploadServices, jobId: string, run: () => Promise<JobView>): Promise<JobView> {
  let interrupts = 0;
  const onSigint = () => {
    interrupts++;
    if (interrupts > 1) process.exit(130);
    void services.jobs.pause(jobId).catch(() => undefined);
  };
  process.on('SIGINT', onSigint);
  try {
    return await run();
  } finally {
    process.off('SIGINT', onSigint);
  }
}
