import { join } from 'node:path';
import { SlidingWindowLimiter, RollingCounter } from './rate-limiter.js';
import { seededRandom } from './rng.js';
import type { FaultSettings, SandboxSettings } from './settings.js';
import { applyPatches, type DeepPartial, type SettingsPatch } from './settings-patch.js';
import type { SandboxStore, TokenRecord } from './store.js';

/** Shared state of one running sandbox: the store, the layered settings, limiters and the fault dice. */
export class SandboxContext {
  baseUrl = '';
  readonly limiter = new SlidingWindowLimiter();
  readonly dailyRows = new RollingCounter();
  readonly singleUpdates = new RollingCounter();
  random: () => number;
  private globalPatch: SettingsPatch | undefined;
  private runtimeFaults: DeepPartial<FaultSettings> | undefined;
  private readonly clientPatches: Map<string, SettingsPatch>;
  private readonly cache = new Map<string, SandboxSettings>();
  private readonly tokens = new Map<string, TokenRecord | null>();
  private serial: number;

  constructor(
    readonly store: SandboxStore,
    readonly dataDir: string,
    private readonly baseSettings: SandboxSettings,
    stored: { readonly global: SettingsPatch | undefined; readonly clients: Map<string, SettingsPatch> },
    readonly log: (line: string) => void,
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

  /** Returns the next batch serial number (8 digits). */
  nextSerial(): number {
    this.serial = (this.serial + 1) % 100_000_000;
    return this.serial;
  }

  /** Returns the path of a batch's stored text. */
  batchTextPath(batchId: string): string {
    return join(this.dataDir, 'batches', `${encodeURIComponent(batchId)}.txt`);
  }

  /** Returns the base of batchStatus URLs: the configured edge or this sandbox's own base URL. */
  edgeBase(client: string): string {
    return this.settingsFor(client).edgeBaseUrl ?? this.baseUrl;
  }
}
