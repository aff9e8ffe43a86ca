import { useEffect, useMemo } from 'react';
import { markNames, type CatalogMark, type CatalogName } from '../../../shared/catalog/attribute-catalog.js';
import type { ConnectionView } from '../../../shared/contract/connections.js';
import type { MappingSpec } from '../../../shared/domain/mapping-spec.js';
import type { ClientApi } from '../../api/index.js';
import { useCatalog } from '../../state/catalog-store.js';
import { useConnections } from '../../state/connections-store.js';

/** The Map step's view of the attribute catalog: the connection compared with, and a mark per sent column. */
export interface CatalogMarks {
  readonly connection: ConnectionView | null;
  readonly connections: readonly ConnectionView[];
  /** By source column; empty until the catalog is read (no marks rather than wrong ones). */
  readonly byColumn: ReadonlyMap<string, { readonly mark: CatalogMark; readonly entry: CatalogName | undefined }>;
}

/**
 * Loads the connection list and the chosen connection's catalog, and marks each sent parameter name as
 * known there, new, or a near-duplicate of a known name (`romanised`: names made by romanising a header).
 */
export function useCatalogMarks(api: ClientApi, mapping: MappingSpec, romanised: ReadonlySet<string>): CatalogMarks {
  const state = useConnections((s) => s.state);
  const selectedId = useConnections((s) => s.selectedId);
  const loadConnections = useConnections((s) => s.load);
  const catalog = useCatalog((s) => (selectedId === null ? undefined : s.byConnection[selectedId]));
  const loadCatalog = useCatalog((s) => s.load);
  useEffect(() => {
    if (state.kind === 'loading') void loadConnections(api);
  }, [api, state.kind, loadConnections]);
  useEffect(() => {
    if (selectedId !== null) void loadCatalog(api, selectedId);
  }, [api, selectedId, loadCatalog]);
  const connections = state.kind === 'ready' ? state.list.connections : [];
  const connection = connections.find((c) => c.id === selectedId) ?? null;
  const byColumn = useMemo(() => {
    const out = new Map<string, { mark: CatalogMark; entry: CatalogName | undefined }>();
    if (catalog?.kind !== 'ready') return out;
    const ignored = new Set(mapping.ignored);
    const sent = mapping.columns.filter((c) => !ignored.has(c.column) && c.param.trim() !== '');
    const entries = new Map(catalog.catalog.names.map((n) => [n.name, n]));
    const marks = markNames(
      sent.map((c) => c.param),
      [...entries.keys()],
      romanised,
    );
    sent.forEach((c, i) => {
      const mark = marks[i] as CatalogMark;
      out.set(c.column, { mark, entry: entries.get(mark.nearDuplicate?.of ?? mark.name) });
    });
    return out;
  }, [catalog, mapping, romanised]);
  return { connection, connections, byColumn };
}
