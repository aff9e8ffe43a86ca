import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FileSummary, MappingSuggestion, ReviewSummary } from '../../shared/contract/index.js';
import { jobTotals } from '../../shared/jobs/job-summary.js';
import { contractClient, useAppServices } from '../../electron/services/testing/app-services-harness.js';
import type { ClientApi } from '../api/client-api.js';
import { useJobs } from './jobs-store.js';
import { useProfileLookup, type LookupState } from './profile-lookup-store.js';
import { useVerify, type VerifyEntry } from './verify-store.js';
import { whenState } from './testing/when-state.js';
import { wireStores } from './wiring.js';

const harness = useAppServices('pl-verify-store-');
let api: ClientApi;
let unwire: () => void;

beforeEach(() => {
  api = contractClient(harness.services());
  unwire = wireStores(api);
  useJobs.setState({ views: {}, currentJobId: null, followingSince: {}, history: { kind: 'idle' }, problem: null, busy: false });
  useVerify.setState({ entries: {}, problem: null, busy: null });
  useProfileLookup.setState({ state: { kind: 'idle' } });
});
afterEach(() => unwire());

/** Sends the bundled sample (blocked rows left out) to the built-in Local sandbox and resolves once the job completed. */
async function uploadSample(): Promise<{ readonly jobId: string; readonly confirmed: number }> {
  const { path } = await api.call['files.sample']({});
  const file: FileSummary = await api.call['files.open']({ path });
  const suggestion: MappingSuggestion = await api.call['mapping.suggest']({ fileId: file.fileId });
  await api.call['review.run']({ fileId: file.fileId, mapping: suggestion.mapping });
  const summary: ReviewSummary = await api.call['review.bulk']({ fileId: file.fileId, bulk: { action: 'exclude-blocking' } });
  const jobId = await useJobs.getState().start(api, summary.preparedDir, 'local-sandbox');
  expect(jobId).not.toBeNull();
  const view = await whenState(useJobs, (s) => (s.views[jobId!]?.state === 'completed' ? s.views[jobId!] : undefined));
  return { jobId: jobId!, confirmed: jobTotals(view!).confirmed };
}

describe('verify store over the real services', () => {
  it('follows the verification that starts by itself to its end, and re-sending when nothing is missing says so', async () => {
    const { jobId, confirmed } = await uploadSample();
    void useVerify.getState().load(api, jobId);
    const entry = await whenState(useVerify, (s) => (s.entries[jobId]?.kind === 'ready' && s.entries[jobId].view?.state === 'finished' ? s.entries[jobId] : undefined));
    expect((entry as Extract<VerifyEntry, { kind: 'ready' }>).view).toMatchObject({ checked: confirmed, verified: confirmed, missing: 0, differs: 0, sample: false });
    // The store's view is the one the Node side keeps.
    expect(await api.call['verify.get']({ jobId })).toEqual((entry as Extract<VerifyEntry, { kind: 'ready' }>).view);

    expect(await useJobs.getState().resendMissing(api, jobId)).toBeNull();
    expect(useJobs.getState().problem?.code).toBe('nothing-to-retry');
    expect(useJobs.getState().currentJobId).toBe(jobId);

    // Check again: a second run of the same rows.
    await useVerify.getState().start(api, jobId);
    const again = await whenState(useVerify, (s) => {
      const e = s.entries[jobId];
      return e?.kind === 'ready' && e.view?.run === 2 && e.view.state === 'finished' ? e.view : undefined;
    });
    expect(again.verified).toBe(confirmed);
    expect(useVerify.getState().busy).toBeNull();
  });

  it('records a failed call as the problem of its job, never a crash', async () => {
    await useVerify.getState().load(api, 'no-such-job');
    expect(useVerify.getState().problem).toMatchObject({ jobId: 'no-such-job', error: { code: 'job-not-found' } });
    expect(useVerify.getState().entries['no-such-job']).toEqual({ kind: 'ready', view: null });
    await useVerify.getState().start(api, 'no-such-job');
    expect(useVerify.getState().problem?.error.code).toBe('job-not-found');
    expect(useVerify.getState().busy).toBeNull();
  });
});

describe('profile lookup store over the real services', () => {
  it('shows a profile beside what was sent, Target’s 404 as not found, and an unknown connection as a problem', async () => {
    const { jobId } = await uploadSample();
    await useProfileLookup.getState().lookup(api, { connectionId: 'local-sandbox', id: 'LOY-0100037', idType: 'thirdPartyId' });
    const found = useProfileLookup.getState().state as Extract<LookupState, { kind: 'done' }>;
    expect(found.kind).toBe('done');
    expect(found.result.profile?.attributes.find((a) => a.name === 'loyaltyTier')?.value).toBe('Silver');
    expect(found.result.lastSent).toMatchObject({ jobId, values: { loyaltyTier: 'Silver' } });

    await useProfileLookup.getState().lookup(api, { connectionId: 'local-sandbox', id: 'NO-SUCH-ID', idType: 'thirdPartyId' });
    expect(useProfileLookup.getState().state).toMatchObject({ kind: 'done', result: { id: 'NO-SUCH-ID', profile: null, lastSent: null } });

    await useProfileLookup.getState().lookup(api, { connectionId: 'no-such-connection', id: 'LOY-0100037', idType: 'thirdPartyId' });
    expect(useProfileLookup.getState().state).toMatchObject({ kind: 'failed', problem: { code: 'profile-not-found' } });
    useProfileLookup.getState().reset();
    expect(useProfileLookup.getState().state).toEqual({ kind: 'idle' });
  });
});
