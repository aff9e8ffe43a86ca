import { beforeEach, describe, expect, it } from 'vitest';
import type { FileSummary, MappingSuggestion, ReviewSummary } from '../../shared/contract/index.js';
import type { JobView } from '../../shared/jobs/job-reducer.js';
import { contractClient, useAppServices } from '../../electron/services/testing/app-services-harness.js';
import type { ClientApi } from '../api/client-api.js';
import { useJobs } from './jobs-store.js';
import { wireStores } from './wiring.js';

const harness = useAppServices('pl-jobs-store-');
let api: ClientApi;

beforeEach(() => {
  api = contractClient(harness.services());
  useJobs.setState({ views: {}, currentJobId: null, followingSince: {}, history: { kind: 'idle' }, problem: null, busy: false });
});

async function preparedSample(): Promise<ReviewSummary> {
  const { path } = await api.call['files.sample']({});
  const file: FileSummary = await api.call['files.open']({ path });
  const suggestion: MappingSuggestion = await api.call['mapping.suggest']({ fileId: file.fileId });
  await api.call['review.run']({ fileId: file.fileId, mapping: suggestion.mapping });
  return api.call['review.bulk']({ fileId: file.fileId, bulk: { action: 'exclude-blocking' } });
}

function whenJobEnds(jobId: () => string | null): Promise<JobView> {
  return new Promise((resolve) => {
    const check = () => {
      const id = jobId();
      const view = id ? useJobs.getState().views[id] : undefined;
      if (view && (view.state === 'completed' || view.state === 'cancelled')) {
        off();
        resolve(view);
      }
    };
    const off = useJobs.subscribe(check);
    check();
  });
}

describe('jobs store over the real services', () => {
  it('follows a job to its end with the shared reducer, equal to the journal, and lists it', async () => {
    const off = wireStores(api);
    try {
      const summary = await preparedSample();
      const started = useJobs.getState().start(api, summary.preparedDir, 'local-sandbox');
      const ended = whenJobEnds(() => useJobs.getState().currentJobId);
      const jobId = await started;
      expect(jobId).not.toBeNull();
      const live = await ended;
      const journal = await api.call['jobs.get']({ jobId: jobId! });
      expect(live.state).toBe('completed');
      expect(live.batches.map((b) => [b.phase, b.outcome, b.counters])).toEqual(journal.batches.map((b) => [b.phase, b.outcome, b.counters]));
      await useJobs.getState().loadHistory(api);
      const history = useJobs.getState().history;
      expect(history.kind === 'ready' && history.items.map((i) => i.jobId)).toEqual([jobId]);

      // Nothing failed: retrying says so with a stable code, and nothing new starts.
      expect(await useJobs.getState().retryFailed(api, jobId!)).toBeNull();
      expect(useJobs.getState().problem?.code).toBe('nothing-to-retry');
      expect(useJobs.getState().currentJobId).toBe(jobId);
    } finally {
      off();
    }
  });

  it('reports a connection that does not exist as a problem, not a crash', async () => {
    const summary = await preparedSample();
    expect(await useJobs.getState().start(api, summary.preparedDir, 'no-such-profile')).toBeNull();
    expect(useJobs.getState().problem?.code).toBe('profile-not-found');
    expect(useJobs.getState().busy).toBe(false);
  });
});
