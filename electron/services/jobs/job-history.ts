import { readdir } from 'node:fs/promises';
import { AppCallError } from '../../../shared/contract/errors.js';
import type { JobListItem } from '../../../shared/contract/jobs.js';
import type { JobError, JobEvent } from '../../../shared/jobs/job-events.js';
import { replayJob, type JobView } from '../../../shared/jobs/job-reducer.js';
import type { JobSpec } from '../../../shared/jobs/job-spec.js';
import { jobTotals } from '../../../shared/jobs/job-summary.js';
import { lockHolder } from '../../store/job-lock.js';
import { JournalCorruptError, readJournal } from '../../store/journal.js';
import { jobPaths, jobsRoot } from './job-paths.js';

/** What the history needs from the job service. */
export interface HistorySource {
  readonly homeDir: string;
  load(jobId: string): Promise<{ readonly spec: JobSpec; readonly view: JobView; readonly events: readonly JobEvent[] }>;
  /** True when this process runs the job now. */
  isRunningHere(jobId: string): boolean;
}

/**
 * The job history, newest first. A job whose process died mid-run reads as `interrupted`; one whose
 * journal is damaged as `damaged`, with what its intact records say and the reason (`journal-corrupt`
 * with its line) in `pauseError`. A folder without a journal (a job being created) is not listed.
 */
export async function listJobs(src: HistorySource): Promise<JobListItem[]> {
  let names: string[];
  try {
    names = await readdir(jobsRoot(src.homeDir));
  } catch {
    return [];
  }
  const items: JobListItem[] = [];
  for (const jobId of names.sort().reverse()) {
    try {
      items.push(await jobListItem(src, jobId));
    } catch (error) {
      if (error instanceof AppCallError && error.code === 'journal-corrupt') items.push(await damagedItem(src, jobId, { code: error.code, params: error.params }));
    }
  }
  return items;
}

/** One job's history line; throws like `load` (`job-not-found`, `journal-corrupt`). */
export async function jobListItem(src: HistorySource, jobId: string): Promise<JobListItem> {
  const { spec, view } = await src.load(jobId);
  return { ...lineOf(jobId, spec, view), state: await listState(src, jobId, view) };
}

/** `running` in the journal but no live process holds the lock: the process died. */
async function listState(src: HistorySource, jobId: string, view: JobView): Promise<JobListItem['state']> {
  if (view.state !== 'running') return view.state;
  if (src.isRunningHere(jobId)) return 'running';
  return (await lockHolder(jobPaths(src.homeDir, jobId).lock)) === undefined ? 'interrupted' : 'running';
}

function lineOf(jobId: string, spec: JobSpec | null, view: JobView): Omit<JobListItem, 'state'> {
  return {
    jobId,
    ...jobTotals(view),
    createdAt: spec?.createdAt ?? '',
    finishedAt: view.finishedAt,
    profileId: spec?.connection.profileId ?? '',
    profileName: spec?.connection.name ?? '',
    clientCode: spec?.connection.clientCode ?? '',
    apiVersion: spec?.connection.apiVersion ?? 'v2',
    file: spec?.source.file ?? '',
    batchCount: spec?.batches.length ?? 0,
    retryOf: spec?.source.retryOf ?? null,
    personalDataSent: (spec?.source.personalData ?? []).filter((c) => c.sent).map((c) => ({ column: c.column, kind: c.kind })),
    pauseReason: view.pause?.reason ?? null,
    pauseError: view.pause?.error ?? null,
  };
}

async function damagedItem(src: HistorySource, jobId: string, reason: JobError): Promise<JobListItem> {
  const intact = await readJournal(jobPaths(src.homeDir, jobId).journal).then(
    (c) => c.events,
    (e: unknown) => (e instanceof JournalCorruptError ? e.intact : []),
  );
  const first = intact[0];
  return { ...lineOf(jobId, first?.type === 'job.started' ? first.spec : null, replayJob(jobId, intact)), state: 'damaged', pauseReason: null, pauseError: reason };
}
