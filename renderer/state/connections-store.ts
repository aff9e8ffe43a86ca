import { create } from 'zustand';
import type { ArgsOf } from '../../shared/contract/define.js';
import type { ConnectionView, ConnectionTestResult, ConnectionList, connectionCalls } from '../../shared/contract/connections.js';
import type { AppError } from '../../shared/contract/index.js';
import { problemOf } from '../api/call-error.js';
import type { ClientApi } from '../api/index.js';

/** What `connections.save` takes (the token is write-only: sent, never read back). */
export type ConnectionInput = ArgsOf<(typeof connectionCalls)['connections.save']>;

/** the connection list as it loads. */
export type ConnectionsState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready'; readonly list: ConnectionList }
  | { readonly kind: 'failed'; readonly problem: AppError };

/** One "Test connection" run. */
export type ConnectionTestState = { readonly kind: 'testing' } | { readonly kind: 'done'; readonly result: ConnectionTestResult } | { readonly kind: 'failed'; readonly problem: AppError };

interface ConnectionsStore {
  readonly state: ConnectionsState;
  /** The connection chosen for the next upload (the built-in Local sandbox until the user picks another). */
  readonly selectedId: string | null;
  readonly tests: Readonly<Record<string, ConnectionTestState>>;
  /** Loads the list; never throws (a failure becomes state). */
  load(api: ClientApi): Promise<void>;
  select(id: string): void;
  /** Saves a connection; resolves with the saved view, or throws the AppError for the form to show. */
  save(api: ClientApi, input: ConnectionInput): Promise<ConnectionView>;
  /** Removes a connection; throws the AppError for the caller to show. */
  remove(api: ClientApi, id: string): Promise<void>;
  /** Tests a connection's connection and reloads the list (the token light follows the test); never throws (the outcome is in `tests[id]`). */
  test(api: ClientApi, id: string): Promise<void>;
  /** Records that the user reviewed the production setting of these connections; throws the AppError. */
  reviewProduction(api: ClientApi, ids: readonly string[]): Promise<void>;
}

/** Connections as the Upload step and Settings show them. */
export const useConnections = create<ConnectionsStore>((set, get) => ({
  state: { kind: 'loading' },
  selectedId: null,
  tests: {},
  async load(api) {
    try {
      const list = await api.call['connections.list']({});
      const selected = get().selectedId;
      const keep = selected !== null && list.connections.some((p) => p.id === selected);
      set({ state: { kind: 'ready', list }, selectedId: keep ? selected : (list.connections[0]?.id ?? null) });
    } catch (error) {
      set({ state: { kind: 'failed', problem: problemOf(error) } });
    }
  },
  select(id) {
    set({ selectedId: id });
  },
  async save(api, input) {
    const saved = await api.call['connections.save'](input);
    const { [saved.id]: _stale, ...tests } = get().tests;
    set({ tests });
    await get().load(api);
    return saved;
  },
  async remove(api, id) {
    await api.call['connections.remove']({ id });
    await get().load(api);
  },
  async test(api, id) {
    set({ tests: { ...get().tests, [id]: { kind: 'testing' } } });
    try {
      const result = await api.call['connections.test']({ id });
      set({ tests: { ...get().tests, [id]: { kind: 'done', result } } });
      await get().load(api);
    } catch (error) {
      set({ tests: { ...get().tests, [id]: { kind: 'failed', problem: problemOf(error) } } });
    }
  },
  async reviewProduction(api, ids) {
    await api.call['connections.reviewProduction']({ ids: [...ids] });
    await get().load(api);
  },
}));
