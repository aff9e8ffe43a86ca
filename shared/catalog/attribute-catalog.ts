import { foldName, foldRomanisation, nearKind, type NearKind } from './name-fold.js';

/** One parameter name this app has sent to a connection, as the catalog remembers it. */
export interface CatalogName {
  readonly name: string;
  /** When a job that sent it first and last had rows confirmed (ISO). */
  readonly firstSentAt: string;
  readonly lastSentAt: string;
  /** Jobs that sent it with at least one row confirmed. */
  readonly jobs: number;
  /** The latest such job, its file and the column the name was sent from (null when the job did not record it). */
  readonly lastJobId: string;
  readonly lastFile: string;
  readonly lastColumn: string | null;
}

/** The names sent to one connection, sorted by name. */
export interface ConnectionCatalog {
  readonly connectionId: string;
  readonly names: readonly CatalogName[];
}

/** What the Map step says about one parameter name against a connection's catalog. */
export interface CatalogMark {
  readonly name: string;
  /** `known`: sent to this connection before (the same attribute in Target); `new`: it will make a new attribute. */
  readonly status: 'known' | 'new';
  /** For a new name: an existing name it is easily mistaken for, and how. */
  readonly nearDuplicate: { readonly of: string; readonly kind: NearKind } | null;
}

/**
 * Marks each name as known to the connection or new, and a new name that is a near-duplicate of a
 * known one (case, spacing, `_`/`-`) with the known name it resembles (pure). Names in `romanised`
 * (made by romanising a header) are also compared as romanisation variants: only there, because
 * English names such as `cards` and `carts` would otherwise meet.
 */
export function markNames(names: readonly string[], known: readonly string[], romanised: ReadonlySet<string> = new Set()): CatalogMark[] {
  const exact = new Set(known);
  const byFold = new Map<string, string>();
  const byRoman = new Map<string, string>();
  for (const k of [...known].sort()) {
    if (!byFold.has(foldName(k))) byFold.set(foldName(k), k);
    if (!byRoman.has(foldRomanisation(k))) byRoman.set(foldRomanisation(k), k);
  }
  return names.map((name) => {
    if (exact.has(name)) return { name, status: 'known', nearDuplicate: null };
    const of = byFold.get(foldName(name)) ?? (romanised.has(name) ? byRoman.get(foldRomanisation(name)) : undefined);
    const kind = of === undefined ? null : nearKind(name, of);
    return { name, status: 'new', nearDuplicate: of !== undefined && kind !== null ? { of, kind } : null };
  });
}

/** One job's contribution to the catalog: the names it sent to a connection, with their source columns. */
export interface CatalogJobEntry {
  readonly jobId: string;
  readonly connectionId: string;
  /** When its rows were confirmed (its finish, or when the catalog first saw rows confirmed). */
  readonly at: string;
  readonly file: string;
  readonly names: readonly { readonly name: string; readonly column: string | null }[];
}

/** Folds job entries into each connection's catalog (pure); later jobs set the last-sent fields. */
export function buildCatalog(connectionId: string, entries: readonly CatalogJobEntry[]): ConnectionCatalog {
  const names = new Map<string, CatalogName>();
  const mine = entries.filter((e) => e.connectionId === connectionId).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  for (const e of mine) {
    for (const n of e.names) {
      const before = names.get(n.name);
      names.set(n.name, {
        name: n.name,
        firstSentAt: before?.firstSentAt ?? e.at,
        lastSentAt: e.at,
        jobs: (before?.jobs ?? 0) + 1,
        lastJobId: e.jobId,
        lastFile: e.file,
        lastColumn: n.column ?? before?.lastColumn ?? null,
      });
    }
  }
  return { connectionId, names: [...names.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) };
}
