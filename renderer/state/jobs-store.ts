import { create } from 'zustand';
import type { AppError } from '../../shared/contract/index.js';
import type { JobListItem } from '../../shared/contract/jobs.js';
import type { JobEvent } from '../../shared/jobs/job-events.js';
import { initialJobView, reduceJob } from '../../shared/jobs/job-reducer.js';
import type { JobView } from '../../shared/jobs/job-reducer.js';
import { problemOf } from '../api/call-error.js';
import type { ClientApi } from '../api/index.js';
import { jobFraction } from '../features/upload/progress-math.js';

/** The history list as it loads. */
export type HistoryState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready'; readonly items: readonly JobListItem[] }
  | { readonly kind: 'failed'; readonly problem: AppError };

interface JobsStore {
  /** Views of the jobs this window follows, kept current by the one shared reducer. */
  readonly views: Readonly<Record<string, JobView>>;
  /** Jobs this window has received events about: their views are live, not only read from a journal. */
  readonly live: Readonly<Record<string, true>>;
  /** The job the Upload and Results steps show. */
  readonly currentJobId: string | null;
  /** When (page clock) and at what fraction this window started watching each job run, for the ETA. */
  readonly followingSince: Readonly<Record<string, { readonly at: number; readonly fraction: number }>>;
  readonly history: HistoryState;
  /** Set when a call (start, pause, resume, cancel, retry, re-send) failed; cleared by the next call. */
  readonly problem: AppError | null;
  /** True while a start/resume/retry/re-send call is on its way. */
  readonly busy: boolean;
  /** Applies a job event with the shared reducer (state/wiring.ts routes every job event here). */
  onEvent(event: JobEvent): void;
  /** Shows `jobId` and loads its view from its journal; never throws. */
  follow(api: ClientApi, jobId: string): Promise<void>;
  /** Starts a job from a prepared folder and follows it; resolves with its id, or null when it failed (see `problem`). */
  start(api: ClientApi, preparedDir: string, profileId: string): Promise<string | null>;
  pause(api: ClientApi, jobId: string): Promise<void>;
  /** Resumes a paused or interrupted job; `unknownOutcomes` says what to do with batches nobody can tell about. */
  resume(api: ClientApi, jobId: string, unknownOutcomes?: 'auto' | 'resend' | 'give-up'): Promise<void>;
  cancel(api: ClientApi, jobId: string): Promise<void>;
  /** Starts a job from the failed rows of `jobId` and follows it; resolves with its id or null. */
  retryFailed(api: ClientApi, jobId: string): Promise<string | null>;
  /** Starts a job from the rows the latest verification of `jobId` found missing or differing, and follows it; resolves with its id or null. */
  resendMissing(api: ClientApi, jobId: string): Promise<string | null>;
  /** Repairs a job whose record is damaged (keeps what was recorded before the damage) and reloads the history. */
  repair(api: ClientApi, jobId: string): Promise<void>;
  /** Reloads the job history; never throws. */
  loadHistory(api: ClientApi): Promise<void>;
}

/** Upload jobs as this window knows them: live views from job events, the current job, and the history. */
export const useJobs = create<JobsStore>((set, get) => {
  /** Runs a call that changes a job, records its failure as `problem`, and refreshes the view from the journal. */
  const steer = async (api: ClientApi, jobId: string, run: () => Promise<unknown>): Promise<void> => {
    set({ problem: null });
    try {
      await run();
    } catch (error) {
      set({ problem: problemOf(error) });
    }
    await refresh(api, jobId);
  };
  /** Starts the ETA clock of `jobId` afresh from where it stands now. */
  const restartClock = (jobId: string): void => {
    const view = get().views[jobId];
    set({ followingSince: { ...get().followingSince, [jobId]: { at: Date.now(), fraction: view ? jobFraction(view, Date.now()) : 0 } } });
  };
  /** Runs a call that creates and starts a job, and follows that job; resolves with its id, or null when the call failed (see `problem`). */
  const startFrom = async (api: ClientApi, call: () => Promise<{ readonly jobId: string }>): Promise<string | null> => {
    set({ busy: true, problem: null });
    try {
      const { jobId } = await call();
      await get().follow(api, jobId);
      return jobId;
    } catch (error) {
      set({ problem: problemOf(error) });
      return null;
    } finally {
      set({ busy: false });
    }
  };
  const refresh = async (api: ClientApi, jobId: string): Promise<void> => {
    try {
      const fetched = await api.call['jobs.get']({ jobId });
      const current = get().views[jobId];
      // Events that arrived while the call was on its way are newer than the journal read: keep them.
      if (!current || (current.updatedAt ?? '') <= (fetched.updatedAt ?? '')) set({ views: { ...get().views, [jobId]: fetched } });
    } catch (error) {
      set({ problem: problemOf(error) });
    }
  };
  return {
    views: {},
    live: {},
    currentJobId: null,
    followingSince: {},
    history: { kind: 'idle' },
    problem: null,
    busy: false,
    onEvent(event) {
      const views = get().views;
      const view = reduceJob(views[event.jobId] ?? initialJobView(event.jobId), event);
      const since = get().followingSince;
      const startClock = since[event.jobId] === undefined && view.state === 'running';
      set({
        views: { ...views, [event.jobId]: view },
        ...(get().live[event.jobId] ? {} : { live: { ...get().live, [event.jobId]: true } }),
        ...(startClock ? { followingSince: { ...since, [event.jobId]: { at: Date.now(), fraction: jobFraction(view, Date.now()) } } } : {}),
      });
    },
    async follow(api, jobId) {
      set({ currentJobId: jobId });
      await refresh(api, jobId);
      restartClock(jobId);
    },
    start: (api, preparedDir, profileId) => startFrom(api, () => api.call['jobs.start']({ preparedDir, profileId })),
    pause: (api, jobId) => steer(api, jobId, () => api.call['jobs.pause']({ jobId })),
    async resume(api, jobId, unknownOutcomes = 'auto') {
      set({ busy: true });
      await steer(api, jobId, () => api.call['jobs.resume']({ jobId, unknownOutcomes }));
      set({ busy: false, currentJobId: jobId });
      restartClock(jobId);
    },
    cancel: (api, jobId) => steer(api, jobId, () => api.call['jobs.cancel']({ jobId })),
    retryFailed: (api, jobId) => startFrom(api, () => api.call['jobs.retryFailed']({ jobId })),
    resendMissing: (api, jobId) => startFrom(api, () => api.call['verify.resendMissing']({ jobId })),
    async repair(api, jobId) {
      await steer(api, jobId, () => api.call['jobs.repair']({ jobId }));
      await get().loadHistory(api);
    },
    async loadHistory(api) {
      if (get().history.kind !== 'ready') set({ history: { kind: 'loading' } });
      try {
        set({ history: { kind: 'ready', items: await api.call['jobs.list']({}) } });
      } catch (error) {
        set({ history: { kind: 'failed', problem: problemOf(error) } });
      }
    },
  };
});
