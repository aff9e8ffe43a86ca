import { create } from 'zustand';
import type { AppError, BulkAction, FileSummary, MappingSuggestion, ReviewEvent, ReviewSummary, UploadBlock } from '../../shared/contract/index.js';
import type { MappingSpec } from '../../shared/domain/mapping-spec.js';
import type { RowEdit } from '../../shared/domain/row-overlay.js';
import type { DuplicatePolicy } from '../../shared/validation/duplicate-policy.js';
import { problemOf } from '../api/call-error.js';
import type { ClientApi } from '../api/index.js';

/** The Map step's state: suggestion loading, then the mapping being edited. */
export type MapState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'suggesting' }
  | { readonly kind: 'ready' }
  | { readonly kind: 'failed'; readonly problem: AppError };

/** The Review step's state (mirrored to `data-state`): a run in progress, its summary, or a failure. */
export type ReviewState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'running'; readonly rows: number; readonly previous: ReviewSummary | null }
  | { readonly kind: 'ready'; readonly summary: ReviewSummary }
  | { readonly kind: 'failed'; readonly problem: AppError; readonly previous: ReviewSummary | null };

interface MapReviewStore {
  /** The open file the Map and Review steps work on (null before Load). */
  readonly file: FileSummary | null;
  readonly map: MapState;
  readonly suggestion: MappingSuggestion | null;
  /** The mapping as the user has it now. */
  readonly mapping: MappingSpec | null;
  /** Set while a template applied automatically can be undone: the mapping it replaced. */
  readonly beforeTemplate: MappingSpec | null;
  readonly review: ReviewState;
  /** Starts over for a newly loaded file (state/wiring.ts calls it for each): asks the Node side for a mapping suggestion. Never throws. */
  startFile(api: ClientApi, file: FileSummary): Promise<void>;
  /** Forgets the file while Load replaces it (state/wiring.ts calls it), so Map and Review say no file is open rather than show the old one. */
  leaveFile(): void;
  setMapping(mapping: MappingSpec): void;
  /** Puts back the plain suggestion instead of the template that was applied automatically. */
  undoTemplate(): void;
  /** Validates the whole file with the current mapping. Never throws (failures become state). */
  runReview(api: ClientApi, duplicates?: DuplicatePolicy): Promise<void>;
  edit(api: ClientApi, edits: readonly RowEdit[]): Promise<void>;
  bulk(api: ClientApi, action: BulkAction): Promise<void>;
  /** Applies the progress of a running check (state/wiring.ts routes every review event here). */
  onEvent(event: ReviewEvent): void;
}

/** What the Upload step needs from Load, Map and Review: null until a check has finished. */
export interface PreparedForUpload {
  readonly fileId: string;
  readonly fileName: string;
  readonly preparedDir: string;
  readonly mapping: MappingSpec;
  readonly counts: { readonly rows: number; readonly ready: number; readonly warnings: number; readonly blocking: number; readonly excluded: number };
  readonly batches: number;
  readonly uploadAllowed: boolean;
  readonly uploadBlock: UploadBlock | null;
}

/** The summary of the last finished check (kept while a new one runs). */
export function lastSummary(review: ReviewState): ReviewSummary | null {
  switch (review.kind) {
    case 'ready':
      return review.summary;
    case 'running':
    case 'failed':
      return review.previous;
    default:
      return null;
  }
}

/** Selector for the Upload step: the prepared folder, mapping, counts and whether Upload is allowed. */
export function selectPrepared(s: Pick<MapReviewStore, 'file' | 'review'>): PreparedForUpload | null {
  if (s.review.kind !== 'ready' || !s.file) return null;
  const r = s.review.summary;
  return {
    fileId: r.fileId,
    fileName: s.file.name,
    preparedDir: r.preparedDir,
    mapping: r.mapping,
    counts: { rows: r.rows, ready: r.ready, warnings: r.warnings, blocking: r.blocking, excluded: r.excluded },
    batches: r.batches,
    uploadAllowed: r.uploadAllowed,
    uploadBlock: r.uploadBlock,
  };
}

/** Map and Review with no file: before Load, and while Load replaces the file. */
const NO_FILE = { file: null, map: { kind: 'idle' }, suggestion: null, mapping: null, beforeTemplate: null, review: { kind: 'idle' } } as const;

/** The Map and Review steps of the open file: its mapping (Map) and the result of checking it (Review). */
export const useMapReview = create<MapReviewStore>((set, get) => {
  /** Runs one Node-side call that re-validates, keeping the last summary visible meanwhile. */
  const revalidate = async (call: () => Promise<ReviewSummary>): Promise<void> => {
    const previous = lastSummary(get().review);
    set({ review: { kind: 'running', rows: 0, previous } });
    try {
      const summary = await call();
      if (get().file?.fileId === summary.fileId) set({ review: { kind: 'ready', summary } });
    } catch (error) {
      set({ review: { kind: 'failed', problem: problemOf(error), previous } });
    }
  };
  return {
    ...NO_FILE,
    async startFile(api, file) {
      set({ file, map: { kind: 'suggesting' }, suggestion: null, mapping: null, beforeTemplate: null, review: { kind: 'idle' } });
      try {
        const suggestion = await api.call['mapping.suggest']({ fileId: file.fileId });
        if (get().file?.fileId !== file.fileId) return;
        set({ map: { kind: 'ready' }, suggestion, mapping: suggestion.mapping, beforeTemplate: null });
      } catch (error) {
        set({ map: { kind: 'failed', problem: problemOf(error) } });
      }
    },
    leaveFile() {
      set(NO_FILE);
    },
    setMapping(mapping) {
      set({ mapping });
    },
    undoTemplate() {
      const { suggestion } = get();
      if (!suggestion?.template || !suggestion.untemplated) return;
      const plain = suggestion.untemplated;
      set({
        mapping: plain.mapping,
        beforeTemplate: suggestion.mapping,
        suggestion: { ...suggestion, ...plain, template: null, untemplated: null },
      });
    },
    async runReview(api, duplicates) {
      const { file, mapping } = get();
      if (!file || !mapping) return;
      await revalidate(() => api.call['review.run']({ fileId: file.fileId, mapping, ...(duplicates ? { duplicates } : {}) }));
    },
    async edit(api, edits) {
      const file = get().file;
      if (!file) return;
      await revalidate(() => api.call['review.edit']({ fileId: file.fileId, edits: [...edits] }));
    },
    async bulk(api, action) {
      const file = get().file;
      if (!file) return;
      await revalidate(() => api.call['review.bulk']({ fileId: file.fileId, bulk: action }));
    },
    onEvent(event) {
      const { review, file } = get();
      if (review.kind !== 'running' || event.fileId !== file?.fileId) return;
      set({ review: { ...review, rows: event.rows } });
    },
  };
});
