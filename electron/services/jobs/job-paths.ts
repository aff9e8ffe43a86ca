import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

/** Where one job keeps its files under the state folder. */
export interface JobPaths {
  readonly dir: string;
  readonly journal: string;
  readonly lock: string;
  /** Batches prepared by `upload` or by "retry failed rows" (a job started from the UI points at the pipeline's folder instead). */
  readonly prepared: string;
  readonly results: string;
  /** The job's verification records (reading its rows back from Target) and the lock of the process verifying it. */
  readonly verifyJournal: string;
  readonly verifyLock: string;
}

/** Returns the folder holding every job. */
export function jobsRoot(homeDir: string): string {
  return join(homeDir, 'jobs');
}

/** Returns the paths of job `jobId`. */
export function jobPaths(homeDir: string, jobId: string): JobPaths {
  const dir = join(jobsRoot(homeDir), jobId);
  return { dir, journal: join(dir, 'journal.jsonl'), lock: join(dir, 'lock'), prepared: join(dir, 'prepared'), results: join(dir, 'results.csv'), verifyJournal: join(dir, 'verify.jsonl'), verifyLock: join(dir, 'verify.lock') };
}

/** Returns a new job id: UTC date and time plus 4 random hex digits, e.g. `20260101-120000-a1b2` (sorts by creation). */
export function newJobId(now: Date = new Date()): string {
  const iso = now.toISOString();
  return `${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}-${randomBytes(2).toString('hex')}`;
}
