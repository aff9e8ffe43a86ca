import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppError, FileId, FileSummary } from '../../shared/contract/index.js';
import { contractClient, useAppServices } from '../../electron/services/testing/app-services-harness.js';
import type { ClientApi } from '../api/client-api.js';
import { useJobs } from './jobs-store.js';
import { useLoad, type LoadState } from './load-store.js';
import { useMapReview } from './map-review-store.js';
import { useVerify } from './verify-store.js';
import { whenState } from './testing/when-state.js';
import { isJobEvent, routeEvent, wireStores } from './wiring.js';

const loadedFile = { fileId: 'f-1' as FileId, name: 'a.csv', path: '/a.csv', headers: ['id'] } as unknown as FileSummary;

beforeEach(() => {
  useLoad.setState({ state: { kind: 'idle' } });
  useMapReview.setState({ file: null, map: { kind: 'idle' }, suggestion: null, mapping: null, beforeTemplate: null, review: { kind: 'idle' } });
  useJobs.setState({ views: {}, live: {} });
  useVerify.setState({ entries: {}, problem: null, busy: null });
});

describe('routeEvent', () => {
  it('sends file events to the Load store, only for the open file', () => {
    useLoad.setState({ state: { kind: 'ready', file: loadedFile, rows: 0, counting: true, bytesRead: 0 } });
    routeEvent({ type: 'file.progress', fileId: 'f-1' as FileId, bytesRead: 10, totalBytes: 100, rows: 400 });
    routeEvent({ type: 'file.counted', fileId: 'f-other' as FileId, rows: 9 });
    expect(useLoad.getState().state).toMatchObject({ kind: 'ready', rows: 400, counting: true, bytesRead: 10 });
    routeEvent({ type: 'file.counted', fileId: 'f-1' as FileId, rows: 1_000 });
    expect(useLoad.getState().state).toMatchObject({ kind: 'ready', rows: 1_000, counting: false });
  });

  it('turns a file that fails while counting into the one problem shape, its code and params kept', () => {
    useLoad.setState({ state: { kind: 'ready', file: loadedFile, rows: 0, counting: true, bytesRead: 0 } });
    const error: AppError = { code: 'line-too-long', message: 'line-too-long variant=row row=3', params: { variant: 'row', row: 3, mb: 1 } };
    routeEvent({ type: 'file.failed', fileId: 'f-1' as FileId, error });
    expect(useLoad.getState().state).toEqual({ kind: 'failed', name: 'a.csv', problem: error });
  });

  it('sends review progress to the Map-and-Review store and job events to the Jobs store', () => {
    useMapReview.setState({ file: loadedFile, review: { kind: 'running', rows: 0, previous: null } });
    routeEvent({ type: 'review.progress', fileId: 'f-1', rows: 250, bytesRead: 1, totalBytes: 2 });
    expect(useMapReview.getState().review).toEqual({ kind: 'running', rows: 250, previous: null });
    routeEvent({ type: 'job.resumed', jobId: 'job-1', at: '2025-01-01T00:00:00.000Z' });
    expect(useJobs.getState().live['job-1']).toBe(true);
  });

  it('sends verification progress to the Verify store, for the job it is about', () => {
    const view = { jobId: 'job-1', run: 1, state: 'running', sample: false, seed: null, eligible: 10, planned: 10, checked: 4, verified: 4, differs: 0, missing: 0, notYetVisible: 0, waitingVisible: 0, deadlineAt: null, startedAt: '2025-01-01T00:00:00.000Z', finishedAt: null, notLandedEstimate: null, error: null } as const;
    routeEvent({ type: 'verify.progress', jobId: 'job-1', view });
    expect(useVerify.getState().entries).toEqual({ 'job-1': { kind: 'ready', view } });
  });

  it('tells job events from other events by the types of the job event schema', () => {
    expect(isJobEvent({ type: 'batch.uploading', jobId: 'j', at: 'now', index: 0, bytesSent: 1, bytesTotal: 2 })).toBe(true);
    expect(isJobEvent({ type: 'review.progress', fileId: 'f', rows: 1, bytesRead: 1, totalBytes: 2 })).toBe(false);
  });
});

describe('wireStores over the real services', () => {
  const harness = useAppServices('pl-wiring-');
  let api: ClientApi;
  let unwire: () => void;
  let dir: string;
  beforeEach(async () => {
    api = contractClient(harness.services());
    unwire = wireStores(api);
    dir = await mkdtemp(join(tmpdir(), 'pl-wiring-files-'));
  });
  afterEach(async () => {
    unwire();
    await rm(dir, { recursive: true, force: true });
  });

  it('counts the rows of a file with no step on screen', async () => {
    const path = join(dir, 'members.csv');
    await writeFile(path, ['id,tier', ...Array.from({ length: 5_000 }, (_, i) => `M-${i + 1},Gold`)].join('\n'));
    await useLoad.getState().openPath(api, path, 'members.csv');
    const counted = await whenState(useLoad, ({ state }) => (state.kind === 'ready' && !state.counting ? state : undefined));
    expect(counted.rows).toBe(5_000);
  });

  it('starts Map and Review over for each newly loaded file, and another for the same file read again', async () => {
    const { path } = await api.call['files.sample']({});
    await useLoad.getState().openPath(api, path, 'loyalty-sample.csv');
    const first = await whenState(useMapReview, (s) => (s.map.kind === 'ready' ? s : undefined));
    const loaded = useLoad.getState().state as Extract<LoadState, { kind: 'ready' }>;
    expect(first.file?.fileId).toBe(loaded.file.fileId);
    expect(first.mapping?.idColumn).toBe(first.suggestion?.mapping.idColumn);

    await useLoad.getState().reopen(api, { headerRow: 1 });
    const again = await whenState(useMapReview, (s) => (s.map.kind === 'ready' && s.file?.fileId !== loaded.file.fileId ? s : undefined));
    expect(again.file?.fileId).toBe((useLoad.getState().state as Extract<LoadState, { kind: 'ready' }>).file.fileId);
  });

  /** The contract client, recording every file it opened and waiting on every close it sent. */
  const recordingClient = () => {
    const opened: string[] = [];
    const closes: Promise<void>[] = [];
    const call = {
      ...api.call,
      'files.open': async (args: Parameters<ClientApi['call']['files.open']>[0]) => {
        const summary = await api.call['files.open'](args);
        opened.push(summary.fileId);
        return summary;
      },
      'files.close': (args: Parameters<ClientApi['call']['files.close']>[0]) => {
        const closing = api.call['files.close'](args);
        closes.push(closing);
        return closing;
      },
    } as ClientApi['call'];
    return { client: { ...api, call }, opened, closed: () => Promise.all(closes) };
  };
  const isOpen = (fileId: string) =>
    api.call['files.rows']({ fileId, first: 1, count: 1 }).then(
      () => true,
      (error: { code?: string }) => (error.code === 'file-not-open' ? false : Promise.reject(error)),
    );

  it('"Try sample data" shows the sample opening at once, so the previous file cannot be taken on meanwhile; Map and Review let go of it', async () => {
    const { client, opened, closed } = recordingClient();
    await useLoad.getState().openSample(client);
    await whenState(useMapReview, (s) => (s.map.kind === 'ready' ? s : undefined));
    const before = useLoad.getState().state as Extract<LoadState, { kind: 'ready' }>;

    const again = useLoad.getState().openSample(client);
    // Before the Node side has even named the sample's path: no Next to press (it shows only when ready), no old mapping to check.
    expect(useLoad.getState().state).toEqual({ kind: 'opening', name: 'loyalty-sample.csv' });
    expect(useMapReview.getState().file).toBeNull();
    await again;
    const after = useLoad.getState().state as Extract<LoadState, { kind: 'ready' }>;
    expect(after.kind).toBe('ready');
    expect(after.file.fileId).not.toBe(before.file.fileId);
    const restarted = await whenState(useMapReview, (s) => (s.map.kind === 'ready' ? s : undefined));
    expect(restarted.file?.fileId).toBe(after.file.fileId);
    await closed();
    expect(opened).toEqual([before.file.fileId, after.file.fileId]);
    expect(await isOpen(before.file.fileId)).toBe(false);
    expect(await isOpen(after.file.fileId)).toBe(true);
  });

  it('a file opened while another is still opening wins; the one overtaken is closed, never shown', async () => {
    const { client, opened, closed } = recordingClient();
    const slow = join(dir, 'slow.csv');
    const quick = join(dir, 'quick.csv');
    await writeFile(slow, ['id,tier', ...Array.from({ length: 50_000 }, (_, i) => `S-${i + 1},Gold`)].join('\n'));
    await writeFile(quick, 'id,tier\nQ-1,Silver\n');
    const first = useLoad.getState().openPath(client, slow, 'slow.csv');
    const second = useLoad.getState().openPath(client, quick, 'quick.csv');
    await Promise.all([first, second]);
    const state = useLoad.getState().state as Extract<LoadState, { kind: 'ready' }>;
    expect(state.file.name).toBe('quick.csv');
    await closed();
    expect(opened).toHaveLength(2);
    const overtaken = opened.find((id) => id !== state.file.fileId)!;
    expect(await isOpen(overtaken)).toBe(false);
    expect(await isOpen(state.file.fileId)).toBe(true);
  });

  it('a file read again that cannot be read closes its earlier reading too, and Map and Review hold no file', async () => {
    const { client, closed } = recordingClient();
    const path = join(dir, 'members.csv');
    await writeFile(path, 'id,tier\nM-1,Gold\n');
    await useLoad.getState().openPath(client, path, 'members.csv');
    await whenState(useMapReview, (s) => (s.map.kind === 'ready' ? s : undefined));
    const before = useLoad.getState().state as Extract<LoadState, { kind: 'ready' }>;
    await useLoad.getState().reopen(client, { headerRow: 5 });
    expect(useLoad.getState().state.kind).toBe('failed');
    expect(useMapReview.getState().file).toBeNull();
    await closed();
    expect(await isOpen(before.file.fileId)).toBe(false);
  });

  it('shows a file that turns out unreadable while it is counted as failed, with its code and the row', async () => {
    // The start of the file reads well; a line of 3 MB without a line break further on stops the count.
    const path = join(dir, 'broken.csv');
    await writeFile(path, `id,note\n${'A-1,ok\n'.repeat(20)}A-21,${'x'.repeat(3 * 1024 * 1024)}\nA-22,ok\n`);
    await useLoad.getState().openPath(api, path, 'broken.csv');
    const failed = await whenState(useLoad, ({ state }) => (state.kind === 'failed' ? state : undefined));
    expect(failed.problem.code).toBe('line-too-long');
    expect(failed.problem.params).toMatchObject({ variant: 'row', row: 21 });
  });
});
