import type { ProfileLookupKind } from '../shared/target/urls.js';

/** What `GET /admin/clients/CLIENT/fetches` answers: fetches per `"<kind>:<id>"` and their total. */
export interface FetchCounts {
  readonly total: number;
  readonly byId: Readonly<Record<string, number>>;
}

/** Counts profile fetches per client code, in memory (a restart starts from zero). */
export class FetchCounter {
  private readonly clients = new Map<string, Map<string, number>>();

  /** Counts one fetch of `id` looked up by `kind`. */
  add(client: string, kind: ProfileLookupKind, id: string): void {
    let byId = this.clients.get(client);
    if (!byId) this.clients.set(client, (byId = new Map()));
    const key = `${kind}:${id}`;
    byId.set(key, (byId.get(key) ?? 0) + 1);
  }

  /** Returns the client's counts since start or its last reset. */
  counts(client: string): FetchCounts {
    const byId = this.clients.get(client) ?? new Map<string, number>();
    let total = 0;
    for (const n of byId.values()) total += n;
    return { total, byId: Object.fromEntries(byId) };
  }

  /** Forgets the client's counts. */
  reset(client: string): void {
    this.clients.delete(client);
  }
}
