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
  /** Opens a file the Node side can already reach (sample data, a recent file, a re-read with overrides). Never throws. */
  openPath(api: ClientApi, path: string, name: string, options?: ReadOverrides): Promise<void>;
  /** Reads the open file again with these overrides. Never throws. */
  reopen(api: ClientApi, options: ReadOverrides): Promise<void>;
  /** Applies a Node-side event about the open file (state/wiring.ts routes every file event here); events about other files are ignored. */
  onEvent(event: FileEvent): void;
}

/** The opened file and how far its rows have been counted. */
export const useLoad = create<LoadStore>((set, get) => ({
  state: { kind: 'idle' },
  async load(api, file) {
    const previous = get().state;
    if (previous.kind === 'ready') void api.call['files.close']({ fileId: previous.file.fileId }).catch(() => undefined);
    try {
      let path: string;
      if (api.host === 'browser') {
        set({ state: { kind: 'uploading', name: file.name, percent: 0 } });
        path = await api.pathForFile(file, (sent, total) =>
          set({ state: { kind: 'uploading', name: file.name, percent: total > 0 ? Math.floor((sent / total) * 100) : 0 } }),
        );
      } else {
        path = await api.pathForFile(file);
      }
      await get().openPath(api, path, file.name);
    } catch (error) {
      set({ state: { kind: 'failed', name: file.name, problem: problemOf(error) } });
    }
  },
  async openPath(api, path, name, options) {
    const previous = get().state;
    if (previous.kind === 'ready' && previous.file.path !== path) void api.call['files.close']({ fileId: previous.file.fileId }).catch(() => undefined);
    try {
      set({ state: { kind: 'opening', name } });
      const summary = await api.call['files.open']({ path, ...(options && Object.keys(options).length > 0 ? { options } : {}) });
      if (previous.kind === 'ready' && previous.file.path === path) void api.call['files.close']({ fileId: previous.file.fileId }).catch(() => undefined);
      set({ state: { kind: 'ready', file: summary, rows: 0, counting: true, bytesRead: 0 } });
      // Events sent before this reply named the file were ignored (its id was unknown): one page read catches up.
      const page = await api.call['files.rows']({ fileId: summary.fileId, first: 1, count: 1 });
      const current = get().state;
      if (current.kind === 'ready' && current.file.fileId === summary.fileId && current.counting) {
        set({ state: { ...current, rows: Math.max(current.rows, page.totalRows), counting: !page.complete } });
      }
    } catch (error) {
      set({ state: { kind: 'failed', name, problem: problemOf(error) } });
    }
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
}));
