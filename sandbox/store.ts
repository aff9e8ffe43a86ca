import { ClassicLevel } from 'classic-level';
import type { BatchStatus } from '../shared/target/batch-status.js';
import type { BatchCounters } from '../shared/target/batch-status-response.js';
import type { BulkApiVersion, ProfileKeyKind } from '../shared/target/urls.js';
import type { ProfileRecord } from './profile-record.js';
import type { SettingsPatch } from './settings-patch.js';

/** A batch as persisted: enough to answer batchStatus and to resume processing after a crash. */
export interface BatchRecord {
  readonly id: string;
  readonly client: string;
  readonly version: BulkApiVersion;
  readonly keyKind: ProfileKeyKind;
  /** Decoded header names (index 0 is the key column). */
  readonly header: readonly string[];
  readonly acceptedAt: number;
  /** When processing may start (acceptedAt + processing delay). */
  readonly dueAt: number;
  readonly state: BatchStatus;
  readonly batchSize: number;
  /** Character offset in the stored batch text where the next unprocessed row starts. */
  readonly offset: number;
  readonly counters: BatchCounters;
  /** Number of per-row `<profile>` entries stored. */
  readonly rowEntries: number;
  /** Decided on accept: the batch will end `stuck` without applying rows. */
  readonly willStick: boolean;
  /** No row has any non-empty value: complete with zero updates. */
  readonly allEmpty: boolean;
  readonly completedAt?: number;
}

/** A client's profile token. */
export interface TokenRecord {
  readonly token: string;
  readonly expiresAt: number;
}

/** Which profile: its key space and id. */
export interface ProfileKey {
  readonly keyKind: ProfileKeyKind;
  readonly id: string;
}

/** A batch row the `dropRowRate` fault lost: `line` is its 1-based line in the batch text (the header is line 1). */
export interface DroppedRow {
  readonly batchId: string;
  readonly keyKind: ProfileKeyKind;
  readonly id: string;
  readonly line: number;
}

/** One write in an atomic group. */
export type StoreOp =
  | { readonly type: 'profile'; readonly client: string; readonly keyKind: ProfileKeyKind; readonly id: string; readonly value: ProfileRecord }
  | { readonly type: 'batch'; readonly value: BatchRecord }
  | { readonly type: 'rowEntry'; readonly batchId: string; readonly index: number; readonly id: string; readonly status: string }
  /** Ties an ECID to a profile (or, with owner undefined, unties it). */
  | { readonly type: 'ecid'; readonly client: string; readonly ecid: string; readonly owner: ProfileKey | undefined }
  | { readonly type: 'droppedRow'; readonly client: string; readonly row: DroppedRow };

const SEP = '\u0000';
const kindLetter = (kind: ProfileKeyKind) => (kind === 'pcId' ? 'c' : 't');
const profileKey = (client: string, kind: ProfileKeyKind, id: string) => `p${SEP}${client}${SEP}${kindLetter(kind)}${SEP}${id}`;
const ecidKey = (client: string, ecid: string) => `e${SEP}${client}${SEP}${ecid}`;
const droppedPrefix = (client: string, batchId?: string) => (batchId === undefined ? `d${SEP}${client}${SEP}` : `d${SEP}${client}${SEP}${batchId}${SEP}`);
/** Returns the range of keys starting with `prefix` (which ends in SEP: the next code unit bounds it exactly, whatever follows). */
const under = (prefix: string) => ({ gt: prefix, lt: `${prefix.slice(0, -1)}\u0001` });
const droppedKey = (client: string, row: DroppedRow) => `${droppedPrefix(client, row.batchId)}${String(row.line).padStart(9, '0')}`;
const batchKey = (id: string) => `b${SEP}${id}`;
const rowKey = (batchId: string, index: number) => `f${SEP}${batchId}${SEP}${String(index).padStart(9, '0')}`;
const tokenKey = (client: string) => `k${SEP}${client}`;
const clientSettingsKey = (client: string) => `s${SEP}${client}`;
/** The Profile API token minted through the Admin API route: one per sandbox, valid for every client code. */
const MINTED_TOKEN_KEY = 'm';
const GLOBAL_SETTINGS_KEY = 'g';

/** The sandbox's durable state in one LevelDB folder. All writes of one group land atomically or not at all. */
export class SandboxStore {
  private constructor(private readonly db: ClassicLevel<string, string>) {}

  /** Opens (creating if needed) the store in `dir`; throws if another process holds it. */
  static async open(dir: string): Promise<SandboxStore> {
    const db = new ClassicLevel<string, string>(dir, { valueEncoding: 'utf8', writeBufferSize: 16 * 1024 * 1024 });
    await db.open();
    return new SandboxStore(db);
  }

  /** Flushes and closes; later calls fail. */
  async close(): Promise<void> {
    await this.db.close();
  }

  /** Returns the profiles for `ids` in order (undefined where none exists). */
  async getProfiles(client: string, kind: ProfileKeyKind, ids: readonly string[]): Promise<(ProfileRecord | undefined)[]> {
    if (ids.length === 0) return [];
    const raw = await this.db.getMany(ids.map((id) => profileKey(client, kind, id)));
    return raw.map((r) => (r === undefined ? undefined : (JSON.parse(r) as ProfileRecord)));
  }

  /** Returns one profile or undefined. */
  async getProfile(client: string, kind: ProfileKeyKind, id: string): Promise<ProfileRecord | undefined> {
    return (await this.getProfiles(client, kind, [id]))[0];
  }

  /** Returns the profile key an ECID is tied to, or undefined (the profile itself may since be gone or tied to another ECID). */
  async ecidOwner(client: string, ecid: string): Promise<ProfileKey | undefined> {
    const raw = await this.db.get(ecidKey(client, ecid));
    return raw === undefined ? undefined : { keyKind: raw[0] === 'c' ? 'pcId' : 'thirdPartyId', id: raw.slice(1) };
  }

  /** Returns the rows `dropRowRate` lost for a client (only `batchId`'s when given), by batch id then line. */
  async droppedRows(client: string, onlyBatch?: string): Promise<DroppedRow[]> {
    const out: DroppedRow[] = [];
    for await (const value of this.db.values(under(droppedPrefix(client, onlyBatch)))) {
      const [batchId, keyKind, id, line] = JSON.parse(value) as [string, ProfileKeyKind, string, number];
      out.push({ batchId, keyKind, id, line });
    }
    return out;
  }

  /** Forgets the dropped rows of a client (only `batchId`'s when given). */
  async clearDroppedRows(client: string, batchId?: string): Promise<void> {
    await this.db.clear(under(droppedPrefix(client, batchId)));
  }

  /** Returns the batch record or undefined. */
  async getBatch(id: string): Promise<BatchRecord | undefined> {
    const raw = await this.db.get(batchKey(id));
    return raw === undefined ? undefined : (JSON.parse(raw) as BatchRecord);
  }

  /** Returns every batch still `incomplete` (to resume after a restart), oldest first. */
  async incompleteBatches(): Promise<BatchRecord[]> {
    const out: BatchRecord[] = [];
    for await (const value of this.db.values({ gt: `b${SEP}`, lt: `b${SEP}\uffff` })) {
      const rec = JSON.parse(value) as BatchRecord;
      if (rec.state === 'incomplete') out.push(rec);
    }
    return out.sort((a, b) => a.acceptedAt - b.acceptedAt);
  }

  /** Returns every batch's id and client in the order they were accepted (to rebuild status retention after a restart). */
  async batchOrder(): Promise<{ id: string; client: string }[]> {
    const out: { id: string; client: string; acceptedAt: number }[] = [];
    for await (const value of this.db.values({ gt: `b${SEP}`, lt: `b${SEP}\uffff` })) {
      const rec = JSON.parse(value) as BatchRecord;
      out.push({ id: rec.id, client: rec.client, acceptedAt: rec.acceptedAt });
    }
    return out.sort((a, b) => a.acceptedAt - b.acceptedAt).map(({ id, client }) => ({ id, client }));
  }

  /** Returns up to `limit` per-row entries of a batch in row order. */
  async rowEntries(batchId: string, limit: number): Promise<{ id: string; status: string }[]> {
    const out: { id: string; status: string }[] = [];
    for await (const value of this.db.values({ gt: `f${SEP}${batchId}${SEP}`, lt: `f${SEP}${batchId}${SEP}\uffff`, limit })) {
      const [id, status] = JSON.parse(value) as [string, string];
      out.push({ id, status });
    }
    return out;
  }

  /** Writes every op atomically; `sync` also fsyncs the log (used when a batch is accepted). */
  async write(ops: readonly StoreOp[], sync = false): Promise<void> {
    const batch = this.db.batch();
    for (const op of ops) {
      switch (op.type) {
        case 'profile':
          batch.put(profileKey(op.client, op.keyKind, op.id), JSON.stringify(op.value));
          break;
        case 'batch':
          batch.put(batchKey(op.value.id), JSON.stringify(op.value));
          break;
        case 'rowEntry':
          batch.put(rowKey(op.batchId, op.index), JSON.stringify([op.id, op.status]));
          break;
        case 'ecid':
          if (op.owner === undefined) batch.del(ecidKey(op.client, op.ecid));
          else batch.put(ecidKey(op.client, op.ecid), `${kindLetter(op.owner.keyKind)}${op.owner.id}`);
          break;
        case 'droppedRow':
          batch.put(droppedKey(op.client, op.row), JSON.stringify([op.row.batchId, op.row.keyKind, op.row.id, op.row.line]));
          break;
      }
    }
    await batch.write({ sync });
  }

  /** Returns the client's token record or undefined. */
  async getToken(client: string): Promise<TokenRecord | undefined> {
    const raw = await this.db.get(tokenKey(client));
    return raw === undefined ? undefined : (JSON.parse(raw) as TokenRecord);
  }

  /** Stores (or, with undefined, removes) the client's token; durable before it resolves. */
  async setToken(client: string, token: TokenRecord | undefined): Promise<void> {
    if (token === undefined) await this.db.del(tokenKey(client), { sync: true });
    else await this.db.put(tokenKey(client), JSON.stringify(token), { sync: true });
  }

  /** Returns the token minted through the Admin API route (valid for every client), or undefined. */
  async getMintedToken(): Promise<TokenRecord | undefined> {
    const raw = await this.db.get(MINTED_TOKEN_KEY);
    return raw === undefined ? undefined : (JSON.parse(raw) as TokenRecord);
  }

  /** Replaces the minted token (the previous one stops working); durable before it resolves. */
  async setMintedToken(token: TokenRecord): Promise<void> {
    await this.db.put(MINTED_TOKEN_KEY, JSON.stringify(token), { sync: true });
  }

  /** Returns the stored settings patch for a client, or the global one when `client` is undefined. */
  async getSettingsPatch(client: string | undefined): Promise<SettingsPatch | undefined> {
    const raw = await this.db.get(client === undefined ? GLOBAL_SETTINGS_KEY : clientSettingsKey(client));
    return raw === undefined ? undefined : (JSON.parse(raw) as SettingsPatch);
  }

  /** Stores (or, with undefined, removes) a settings patch; durable before it resolves. */
  async setSettingsPatch(client: string | undefined, patch: SettingsPatch | undefined): Promise<void> {
    const key = client === undefined ? GLOBAL_SETTINGS_KEY : clientSettingsKey(client);
    if (patch === undefined) await this.db.del(key, { sync: true });
    else await this.db.put(key, JSON.stringify(patch), { sync: true });
  }

  /** Returns every stored per-client settings patch. */
  async allClientSettings(): Promise<Map<string, SettingsPatch>> {
    const out = new Map<string, SettingsPatch>();
    for await (const [key, value] of this.db.iterator({ gt: `s${SEP}`, lt: `s${SEP}\uffff` })) {
      out.set(key.slice(2), JSON.parse(value) as SettingsPatch);
    }
    return out;
  }
}
