import { create } from 'zustand';
import type { AppError, FileEvent, FileSummary, ReadOverrides } from '../../shared/contract/index.js';
import { assertNever } from '../../shared/domain/assert-never.js';
import { problemOf } from '../api/call-error.js';
import type { ClientApi } from '../api/index.js';

/** The Load step as a union of states, each with a `kind` (mirrored to `data-state` for tests). */
export type LoadState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'uploading'; readonly name: string; readonly percent: number }
  | { readonly kind: 'opening'; readonly name: string }
  | { readonly kind: 'ready'; readonly file: FileSummary; readonly rows: number; readonly counting: boolean; readonly bytesRead: number }
  | { readonly kind: 'failed'; readonly name: string; readonly problem: AppError };

interface LoadStore {
  readonly state: LoadState;
  /** Opens a dropped or chosen file through the contract; never throws (failures become state). */
  load(api: ClientApi, file: File): Promise<void>;
  /** Opens a file the Node side can already reach (a recent file, a re-read with overrides). Never throws. */
  openPath(api: ClientApi, path: string, name: string, options?: ReadOverrides): Promise<void>;
  /**
   * Opens the bundled sample data. The step shows it opening at once, before the Node side has named the
   * sample's path, so the previous file's Next cannot be pressed meanwhile. Never throws.
   */
  openSample(api: ClientApi): Promise<void>;
  /** Reads the open file again with these overrides. Never throws. */
  reopen(api: ClientApi, options: ReadOverrides): Promise<void>;
  /** Applies a Node-side event about the open file (state/wiring.ts routes every file event here); events about other files are ignored. */
  onEvent(event: FileEvent): void;
}

/** The name the sample data is shown under. */
const SAMPLE_NAME = 'loyalty-sample.csv';

/** Closes a file on the Node side, in the background; a file already closed is no problem. */
function closeFile(api: ClientApi, fileId: FileSummary['fileId']): void {
  void api.call['files.close']({ fileId }).catch(() => undefined);
}

/** The opened file and how far its rows have been counted. */
export const useLoad = create<LoadStore>((set, get) => {
  /**
   * Counts the opens started: only the latest may set the state. An open overtaken by a newer one (a second
   * file dropped while the first was still opening) closes the file it opened and leaves the state alone.
   */
  let opens = 0;
  const isLatest = (open: number) => open === opens;

  /**
   * Opens `path` for open number `open`, in place of `previous` (the state before this open began). Another
   * file is closed at once; the same file read again (new overrides, the sample once more) is closed once
   * its new reading is open, or when this open fails or is overtaken.
   */
  const openReplacing = async (api: ClientApi, open: number, previous: LoadState, path: string, name: string, options?: ReadOverrides) => {
    const replaced = previous.kind === 'ready' ? previous.file : null;
    if (replaced && replaced.path !== path) closeFile(api, replaced.fileId);
    let sameClosed = false;
    const closeSame = () => {
      if (sameClosed || !replaced || replaced.path !== path) return;
      sameClosed = true;
      closeFile(api, replaced.fileId);
    };
    if (!isLatest(open)) return closeSame();
    try {
      set({ state: { kind: 'opening', name } });
      const summary = await api.call['files.open']({ path, ...(options && Object.keys(options).length > 0 ? { options } : {}) });
      closeSame();
      if (!isLatest(open)) return closeFile(api, summary.fileId);
      set({ state: { kind: 'ready', file: summary, rows: 0, counting: true, bytesRead: 0 } });
      // Events sent before this reply named the file were ignored (its id was unknown): one page read catches up.
      const page = await api.call['files.rows']({ fileId: summary.fileId, first: 1, count: 1 });
      const current = get().state;
      if (current.kind === 'ready' && current.file.fileId === summary.fileId && current.counting) {
        set({ state: { ...current, rows: Math.max(current.rows, page.totalRows), counting: !page.complete } });
      }
    } catch (error) {
      closeSame();
      if (isLatest(open)) set({ state: { kind: 'failed', name, problem: problemOf(error) } });
    }
  };

  /**
   * Opens the file `locate` finds (an upload, a dropped file's path, the sample) for open number `open`, in
   * place of `previous`. When it cannot be found, the previous file is closed and the problem shown.
   */
  const openLocated = async (api: ClientApi, open: number, previous: LoadState, name: string, locate: () => Promise<string>) => {
    let path: string;
    try {
      path = await locate();
    } catch (error) {
      if (previous.kind === 'ready') closeFile(api, previous.file.fileId);
      if (isLatest(open)) set({ state: { kind: 'failed', name, problem: problemOf(error) } });
      return;
    }
    await openReplacing(api, open, previous, path, name);
  };

  return {
    state: { kind: 'idle' },
    async load(api, file) {
      const open = ++opens;
      const previous = get().state;
      const name = file.name;
      if (api.host === 'browser') {
        set({ state: { kind: 'uploading', name, percent: 0 } });
        await openLocated(api, open, previous, name, () =>
          api.pathForFile(file, (sent, total) => {
            if (isLatest(open)) set({ state: { kind: 'uploading', name, percent: total > 0 ? Math.floor((sent / total) * 100) : 0 } });
          }),
        );
      } else {
        set({ state: { kind: 'opening', name } });
        await openLocated(api, open, previous, name, () => api.pathForFile(file));
      }
    },
    async openPath(api, path, name, options) {
      await openReplacing(api, ++opens, get().state, path, name, options);
    },
    async openSample(api) {
      const open = ++opens;
      const previous = get().state;
      set({ state: { kind: 'opening', name: SAMPLE_NAME } });
      await openLocated(api, open, previous, SAMPLE_NAME, async () => (await api.call['files.sample']({})).path);
    },
    async reopen(api, options) {
      const current = get().state;
      if (current.kind !== 'ready') return;
      await get().openPath(api, current.file.path, current.file.name, options);
    },
    onEvent(event) {
      const current = get().state;
      if (current.kind !== 'ready' || event.fileId !== current.file.fileId) return;
      switch (event.type) {
        case 'file.progress':
          set({ state: { ...current, rows: Math.max(current.rows, event.rows), bytesRead: event.bytesRead } });
          break;
        case 'file.counted':
          set({ state: { ...current, rows: event.rows, counting: false } });
          break;
        case 'file.failed':
          set({ state: { kind: 'failed', name: current.file.name, problem: event.error } });
          break;
        default:
          assertNever(event, 'file event');
      }
    },
  };
});
