import { join } from 'node:path';
import { FetchCounter } from './fetch-counter.js';
import { SlidingWindowLimiter, RollingCounter } from './rate-limiter.js';
import { seededRandom } from './rng.js';
import type { FaultSettings, SandboxSettings } from './settings.js';
import { applyPatches, type DeepPartial, type SettingsPatch } from './settings-patch.js';
import { StatusRetentionIndex } from './status-retention.js';
import type { SandboxStore, TokenRecord } from './store.js';

/** What `GET /admin/stats` reports; counted since start. */
export interface SandboxStats {
  /** Requests that carried a token (`Authorization` or `access_token` header) over plain http. */
  plainHttpTokenRequests: number;
  /** Profile API tokens minted through the Admin API route. */
  profileTokensMinted: number;
  /** IMS access tokens issued by `POST /ims/token/v3`. */
  imsTokensIssued: number;
  /** Requests over https and over plain http. */
  httpsRequests: number;
  plainHttpRequests: number;
}

/** Shared state of one running sandbox: the store, the layered settings, limiters and the fault dice. */
export class SandboxContext {
  baseUrl = '';
  /** 'https://HOST:PORT' when the sandbox serves TLS too. */
  httpsBaseUrl: string | undefined;
  readonly stats: SandboxStats = { plainHttpTokenRequests: 0, profileTokensMinted: 0, imsTokensIssued: 0, httpsRequests: 0, plainHttpRequests: 0 };
  /** IMS access tokens issued in this run and when they expire (kept in memory only). */
  readonly imsTokens = new Map<string, number>();
  readonly retention = new StatusRetentionIndex();
  readonly limiter = new SlidingWindowLimiter();
  readonly dailyRows = new RollingCounter();
  readonly singleUpdates = new RollingCounter();
  /** Profile fetches answered, per client (in memory). */
  readonly fetches = new FetchCounter();
  random: () => number;
  private globalPatch: SettingsPatch | undefined;
  private runtimeFaults: DeepPartial<FaultSettings> | undefined;
  private readonly clientPatches: Map<string, SettingsPatch>;
  private readonly cache = new Map<string, SandboxSettings>();
  private readonly tokens = new Map<string, TokenRecord | null>();
  private minted: TokenRecord | null | undefined;
  private serial: number;

  constructor(
    readonly store: SandboxStore,
    readonly dataDir: string,
    private readonly baseSettings: SandboxSettings,
    stored: { readonly global: SettingsPatch | undefined; readonly clients: Map<string, SettingsPatch> },
    readonly log: (line: string) => void,
    /** The key admin routes need in `x-sandbox-admin-key`. */
    readonly adminKey: string,
  ) {
    this.globalPatch = stored.global;
    this.clientPatches = stored.clients;
    this.serial = Math.floor(Math.random() * 100_000_000);
    this.random = this.makeRandom();
  }

  private makeRandom(): () => number {
    const seed = this.settingsFor(undefined).faults.seed;
    return seed === null ? Math.random : seededRandom(seed);
  }

  /** Returns the effective settings for a client (or the global ones): defaults ← file ← options ← admin ← runtime faults ← client. */
  settingsFor(client: string | undefined): SandboxSettings {
    const key = client ?? '\u0000global';
    let s = this.cache.get(key);
    if (!s) {
      const faults = this.runtimeFaults ? ({ faults: this.runtimeFaults } as SettingsPatch) : undefined;
      s = applyPatches(this.baseSettings, this.globalPatch, faults, client === undefined ? undefined : this.clientPatches.get(client));
      this.cache.set(key, s);
    }
    return s;
  }

  /**
   * Returns the sandbox's "now" for profile times (writes, activity, idle expiry, visibility lag): the
   * wall clock plus the client's `clockOffsetMs` (the global one when `client` is undefined).
   */
  now(client: string | undefined): number {
    return Date.now() + this.settingsFor(client).clockOffsetMs;
  }

  /** Returns the stored client patch (what PUT /admin/clients/:client/settings set). */
  clientPatch(client: string): SettingsPatch | undefined {
    return this.clientPatches.get(client);
  }

  /** Merges `patch` into the global (client undefined) or a client's persisted overrides; null clears them. */
  async updateSettings(client: string | undefined, patch: SettingsPatch | null): Promise<void> {
    const current = client === undefined ? this.globalPatch : this.clientPatches.get(client);
    const next = patch === null ? undefined : applyPatches<SettingsPatch>(current ?? {}, patch);
    await this.store.setSettingsPatch(client, next);
    if (client === undefined) this.globalPatch = next;
    else if (next === undefined) this.clientPatches.delete(client);
    else this.clientPatches.set(client, next);
    this.cache.clear();
    if (client === undefined && patch !== null && patch.faults?.seed !== undefined) this.random = this.makeRandom();
  }

  /** Replaces (or with `merge`, merges into) the live fault layer; not persisted. */
  setRuntimeFaults(faults: DeepPartial<FaultSettings> | undefined, merge: boolean): void {
    this.runtimeFaults = merge && faults ? applyPatches<DeepPartial<FaultSettings>>(this.runtimeFaults ?? {}, faults) : faults;
    this.cache.clear();
    if (faults?.seed !== undefined) this.random = this.makeRandom();
  }

  /** Returns the client's current token (cached), or undefined. */
  async token(client: string): Promise<TokenRecord | undefined> {
    if (!this.tokens.has(client)) this.tokens.set(client, (await this.store.getToken(client)) ?? null);
    return this.tokens.get(client) ?? undefined;
  }

  /** Stores a token (replacing the previous one, which stops working at once) or removes it. */
  async setToken(client: string, token: TokenRecord | undefined): Promise<void> {
    await this.store.setToken(client, token);
    this.tokens.set(client, token ?? null);
  }

  /** Returns the token minted through the Admin API route (valid for every client), cached. */
  async mintedToken(): Promise<TokenRecord | undefined> {
    if (this.minted === undefined) this.minted = (await this.store.getMintedToken()) ?? null;
    return this.minted ?? undefined;
  }

  /** Replaces the minted token; the previous one stops working at once. */
  async setMintedToken(token: TokenRecord): Promise<void> {
    await this.store.setMintedToken(token);
    this.minted = token;
  }

  /** Returns the next batch serial number (8 digits). */
  nextSerial(): number {
    this.serial = (this.serial + 1) % 100_000_000;
    return this.serial;
  }

  /** Returns the path of a batch's stored text. */
  batchTextPath(batchId: string): string {
    return join(this.dataDir, 'batches', `${encodeURIComponent(batchId)}.txt`);
  }

  /**
   * Returns the base of batchStatus URLs: the configured edge, or this sandbox's own address in the
   * scheme the submit came in on; `statusUrlScheme` http/https then forces the scheme.
   */
  edgeBase(client: string, requestWasHttps: boolean): string {
    const s = this.settingsFor(client);
    const own = requestWasHttps && this.httpsBaseUrl ? this.httpsBaseUrl : this.baseUrl;
    const base = s.edgeBaseUrl ?? own;
    if (s.statusUrlScheme === 'request') return base;
    return base.replace(/^https?:/i, `${s.statusUrlScheme}:`);
  }
}
