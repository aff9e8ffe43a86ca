import { create } from 'zustand';
import type { AppError, VerifyEvent, VerifyView } from '../../shared/contract/index.js';
import { problemOf } from '../api/call-error.js';
import type { ClientApi } from '../api/index.js';

/** A job's verification as this window knows it: not asked yet, being read, or known (null: the job was never verified). */
export type VerifyEntry = { readonly kind: 'loading' } | { readonly kind: 'ready'; readonly view: VerifyView | null };

interface VerifyStore {
  /** The latest verification of each job the Results step showed, kept current by `verify.progress` events. */
  readonly entries: Readonly<Record<string, VerifyEntry>>;
  /** Set when a call (load, start, stop waiting) failed, for the job it was about; cleared by the next call. */
  readonly problem: { readonly jobId: string; readonly error: AppError } | null;
  /** The job a start or stop-waiting call is on its way for. */
  readonly busy: string | null;
  /** Applies a `verify.progress` event (state/wiring.ts routes every one here). */
  onEvent(event: VerifyEvent): void;
  /** Reads the latest verification of `jobId`; never throws (a failure becomes `problem`). */
  load(api: ClientApi, jobId: string): Promise<void>;
  /** Starts, resumes or re-runs the verification of `jobId`; never throws. */
  start(api: ClientApi, jobId: string): Promise<void>;
  /** Stops waiting for rows not visible yet, so the verification finishes; never throws. */
  stopWaiting(api: ClientApi, jobId: string): Promise<void>;
}

/**
 * Verifications (profiles read back from Target after an upload) as the Results step shows them. A
 * call's answer never replaces a view that an event delivered while the call was on its way: events
 * are the newer word.
 */
export const useVerify = create<VerifyStore>((set, get) => {
  /** Events seen per job, so an answer can tell whether one arrived while it was on its way. */
  const seen = new Map<string, number>();
  const put = (jobId: string, view: VerifyView | null) => set({ entries: { ...get().entries, [jobId]: { kind: 'ready', view } } });
  /** Runs a call whose answer is the job's view; keeps a newer view from events; records a failure as `problem`. */
  const run = async (jobId: string, call: () => Promise<VerifyView | null>, busy: boolean): Promise<void> => {
    const before = seen.get(jobId) ?? 0;
    set({ problem: null, ...(busy ? { busy: jobId } : {}) });
    try {
      const view = await call();
      if ((seen.get(jobId) ?? 0) === before) put(jobId, view);
    } catch (error) {
      set({ problem: { jobId, error: problemOf(error) } });
      if (get().entries[jobId]?.kind === 'loading') put(jobId, null);
    } finally {
      if (busy) set({ busy: null });
    }
  };
  return {
    entries: {},
    problem: null,
    busy: null,
    onEvent(event) {
      seen.set(event.jobId, (seen.get(event.jobId) ?? 0) + 1);
      put(event.jobId, event.view);
    },
    async load(api, jobId) {
      if (get().entries[jobId] === undefined) set({ entries: { ...get().entries, [jobId]: { kind: 'loading' } } });
      await run(jobId, () => api.call['verify.get']({ jobId }), false);
    },
    start: (api, jobId) => run(jobId, () => api.call['verify.start']({ jobId, mode: 'auto' }), true),
    stopWaiting: (api, jobId) => run(jobId, () => api.call['verify.stopWaiting']({ jobId }), true),
  };
});
