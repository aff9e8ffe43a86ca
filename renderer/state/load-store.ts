import { create } from 'zustand';
import type { AppEvent, FileSummary } from '../../shared/contract/index.js';
import { isAppError } from '../../shared/contract/index.js';
import type { ClientApi } from '../api/index.js';

/** The Load step as a union of states, each with a `kind` (mirrored to `data-state` for tests). */
export type LoadState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'uploading'; readonly name: string; readonly percent: number }
  | { readonly kind: 'opening'; readonly name: string }
  | { readonly kind: 'ready'; readonly file: FileSummary; readonly rows: number; readonly counting: boolean; readonly bytesRead: number }
  | { readonly kind: 'failed'; readonly name: string; readonly code: string; readonly message: string };

interface LoadStore {
  readonly state: LoadState;
  /** Opens a dropped or chosen file through the contract; never throws (failures become state). */
  load(api: ClientApi, file: File): Promise<void>;
  /** Applies a Node-side event about the open file. */
  onEvent(event: AppEvent): void;
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
      set({ state: { kind: 'opening', name: file.name } });
      const summary = await api.call['files.open']({ path });
      set({ state: { kind: 'ready', file: summary, rows: 0, counting: true, bytesRead: 0 } });
      // Rows counted before the subscription saw them are picked up by one page read.
      const page = await api.call['files.rows']({ fileId: summary.fileId, first: 1, count: 1 });
      const current = get().state;
      if (current.kind === 'ready' && current.file.fileId === summary.fileId && current.counting) {
        set({ state: { ...current, rows: Math.max(current.rows, page.totalRows), counting: !page.complete } });
      }
    } catch (error) {
      const { code, message } = isAppError(error) ? error : { code: 'internal', message: String(error) };
      set({ state: { kind: 'failed', name: file.name, code, message } });
    }
  },
  onEvent(event) {
    const current = get().state;
    if (current.kind !== 'ready' || !('fileId' in event) || event.fileId !== current.file.fileId) return;
    switch (event.type) {
      case 'file.progress':
        set({ state: { ...current, rows: Math.max(current.rows, event.rows), bytesRead: event.bytesRead } });
        break;
      case 'file.counted':
        set({ state: { ...current, rows: event.rows, counting: false } });
        break;
      case 'file.failed':
        set({ state: { kind: 'failed', name: current.file.name, code: event.error.code, message: event.error.message } });
        break;
    }
  },
}));
