import { create } from 'zustand';
import type { ConnectionCatalog } from '../../shared/catalog/attribute-catalog.js';
import type { AppError } from '../../shared/contract/index.js';
import { problemOf } from '../api/call-error.js';
import type { ClientApi } from '../api/index.js';

/** One connection's catalog as it loads. */
export type CatalogState = { readonly kind: 'loading' } | { readonly kind: 'ready'; readonly catalog: ConnectionCatalog } | { readonly kind: 'failed'; readonly problem: AppError };

interface CatalogStore {
  /** By connection id; a connection never asked for has no entry. */
  readonly byConnection: Readonly<Record<string, CatalogState>>;
  /** Loads (again) the names sent to a connection; never throws (a failure becomes state). */
  load(api: ClientApi, connectionId: string): Promise<void>;
}

/** The attribute catalog: the parameter names this app has sent to each connection (Map step, Settings). */
export const useCatalog = create<CatalogStore>((set, get) => ({
  byConnection: {},
  async load(api, connectionId) {
    // Keep showing what is known while it is read again (the Map step marks would flicker otherwise).
    if (get().byConnection[connectionId]?.kind !== 'ready') set({ byConnection: { ...get().byConnection, [connectionId]: { kind: 'loading' } } });
    try {
      const catalog = await api.call['catalog.get']({ connectionId });
      set({ byConnection: { ...get().byConnection, [connectionId]: { kind: 'ready', catalog } } });
    } catch (error) {
      set({ byConnection: { ...get().byConnection, [connectionId]: { kind: 'failed', problem: problemOf(error) } } });
    }
  },
}));
