import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { AppCallError } from '../../shared/contract/errors.js';
import type { ConnectionProfileView, ConnectionTestResult, ProfilesList } from '../../shared/contract/profiles.js';
import type { ParsedArgsOf } from '../../shared/contract/define.js';
import type { profileCalls } from '../../shared/contract/profiles.js';
import { defaultStatusHosts } from '../../shared/jobs/status-host.js';
import { ProfileStore, type LastTest, type StoredProfile } from '../store/profile-store.js';
import type { SecretStore } from '../store/secret-store.js';
import type { Transport } from '../upload/http-transport.js';
import type { RateLimiterRegistry } from '../upload/rate-limiter.js';
import { checkConnection } from './connection-check.js';
import type { HandlerSlice } from './handlers.js';

/** Id, client code and name of the built-in profile that starts the in-process sandbox. */
export const LOCAL_SANDBOX_ID = 'local-sandbox';
export const LOCAL_SANDBOX_CLIENT = 'sandbox';
const LOCAL_SANDBOX_BASE = 'sandbox:local';

/** A running local sandbox as the connection service needs it. */
export interface LocalSandbox {
  readonly baseUrl: string;
  close(): Promise<void>;
}

/** Everything an upload needs to reach one profile's Target; the token is fetched per call and never kept in the object. */
export interface ResolvedConnection {
  readonly profile: ConnectionProfileView;
  readonly baseUrl: string;
  readonly statusHosts: readonly string[];
  token(): Promise<string | undefined>;
  /** Maps a recorded status URL to the one to call now (the local sandbox gets a new port per process). */
  statusUrlFor(recorded: string): string;
}

export interface ConnectionServiceOptions {
  readonly homeDir: string;
  readonly secrets: SecretStore;
  readonly transport: Transport;
  readonly limiters: RateLimiterRegistry;
  /** Starts the local sandbox on first use (electron/ passes sandbox/'s startSandbox). */
  readonly startLocalSandbox: (dataDir: string) => Promise<LocalSandbox>;
}

type SaveArgs = ParsedArgsOf<(typeof profileCalls)['profiles.save']>;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Throws `invalid-token` unless the token is one run of printable ASCII (what an HTTP header can carry); never echoes it. */
export function checkToken(token: string): void {
  if (!/^[\x21-\x7e]{1,10000}$/.test(token)) {
    throw new AppCallError('invalid-token');
  }
}

/** Returns the normalised base URL (no trailing slash) or throws a user-facing error: https only, except loopback hosts. */
export function checkBaseUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new AppCallError('invalid-base-url', { variant: 'not-a-url', url: text });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new AppCallError('invalid-base-url', { variant: 'scheme', scheme: url.protocol });
  if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname)) throw new AppCallError('insecure-base-url');
  if (url.username || url.password || url.search || url.hash) throw new AppCallError('invalid-base-url', { variant: 'extras' });
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * Connection profiles and their tokens: the built-in Local sandbox plus the user's profiles in
 * `profiles.json`. Tokens go to the SecretStore and never come back out through this service's views.
 */
export class ConnectionService {
  readonly store: ProfileStore;
  private sandbox: Promise<LocalSandbox> | undefined;
  /** The built-in profile is not stored; its last test lives as long as the process. */
  private sandboxLastTest: LastTest | null = null;
  private readonly sessionTokens = new Map<string, string>();

  constructor(private readonly options: ConnectionServiceOptions) {
    this.store = new ProfileStore(options.homeDir);
  }

  /** How tokens are kept on this machine. */
  get secretStorage(): SecretStore['kind'] {
    return this.options.secrets.kind;
  }

  /** Lists profiles, the Local sandbox first. */
  async list(): Promise<ProfilesList> {
    const stored = await this.store.list();
    const views = [await this.builtInView(), ...(await Promise.all(stored.map((p) => this.view(p))))];
    return { profiles: views, secretStorage: this.secretStorage };
  }

  /** Finds a profile by id, or by name (case-insensitive); throws `profile-not-found`. */
  async find(idOrName: string): Promise<ConnectionProfileView> {
    const wanted = idOrName.trim().toLowerCase();
    const { profiles } = await this.list();
    const found = profiles.find((p) => p.id === idOrName) ?? profiles.find((p) => p.name.toLowerCase() === wanted);
    if (!found) throw new AppCallError('profile-not-found', { variant: 'name', name: idOrName });
    return found;
  }

  /** Adds (no id) or updates a profile; saves the token if given. Throws user-facing errors for a bad URL, a taken name or an unknown id. */
  async save(args: SaveArgs): Promise<ConnectionProfileView> {
    if (args.id === LOCAL_SANDBOX_ID) {
      if (args.token !== undefined) await this.setToken(LOCAL_SANDBOX_ID, args.token);
      this.sandboxLastTest = null;
      if (args.clearToken) await this.options.secrets.delete(LOCAL_SANDBOX_ID);
      return this.builtInView();
    }
    const baseUrl = checkBaseUrl(args.baseUrl);
    if (args.token !== undefined) checkToken(args.token);
    const all = await this.store.list();
    const existing = args.id === undefined ? undefined : all.find((p) => p.id === args.id);
    if (args.id !== undefined && !existing) throw new AppCallError('profile-not-found', { variant: 'id', id: args.id });
    const clash = all.find((p) => p.name.toLowerCase() === args.name.toLowerCase() && p.id !== args.id);
    if (clash || args.name.toLowerCase() === 'local sandbox') throw new AppCallError('profile-name-taken', { name: args.name });
    const now = new Date().toISOString();
    const profile: StoredProfile = {
      id: existing?.id ?? `p-${randomBytes(4).toString('hex')}`,
      name: args.name,
      environment: args.environment,
      color: args.color,
      clientCode: args.clientCode,
      apiVersion: args.apiVersion,
      baseUrl,
      statusHosts: args.statusHosts ?? existing?.statusHosts ?? defaultStatusHosts(baseUrl),
      dailyRowBudget: args.dailyRowBudget === undefined ? (existing?.dailyRowBudget ?? null) : args.dailyRowBudget,
      production: args.production ?? existing?.production ?? false,
      productionSetBy: args.production !== undefined || !existing ? 'user' : existing.productionSetBy,
      // A new token (or none) has not been tested; another address or client code makes an old verdict meaningless.
      lastTest:
        args.token !== undefined || args.clearToken || !existing || existing.baseUrl !== baseUrl || existing.clientCode !== args.clientCode ? null : existing.lastTest,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    await this.store.upsert(profile);
    if (args.clearToken) await this.options.secrets.delete(profile.id);
    if (args.token !== undefined) await this.setToken(profile.id, args.token);
    return this.view(profile);
  }

  /** Removes a profile and its token; throws for the built-in one or an unknown id. */
  async remove(id: string): Promise<void> {
    if (id === LOCAL_SANDBOX_ID) throw new AppCallError('profile-built-in');
    if (!(await this.store.remove(id))) throw new AppCallError('profile-not-found', { variant: 'id', id });
    await this.options.secrets.delete(id);
    this.sessionTokens.delete(id);
  }

  /** Saves a token for a profile (its last test verdict no longer applies). Sends nothing and resumes nothing. */
  async setToken(id: string, token: string): Promise<void> {
    checkToken(token);
    await this.options.secrets.set(id, token);
    this.sessionTokens.delete(id);
    if (id === LOCAL_SANDBOX_ID) this.sandboxLastTest = null;
    else await this.store.update(id, (p) => ({ ...p, lastTest: null }));
  }

  /** Records that Target refused this profile's token during an upload (the token light turns red until a new token or test). */
  async noteTokenRefused(id: string): Promise<void> {
    const lastTest: LastTest = { at: new Date().toISOString(), ok: false, token: 'refused' };
    if (id === LOCAL_SANDBOX_ID) this.sandboxLastTest = lastTest;
    else await this.store.update(id, (p) => ({ ...p, lastTest }));
  }

  /** Marks the production setting of these profiles as the user's own (after reviewing what the upgrade set). */
  async reviewProduction(ids: readonly string[]): Promise<void> {
    for (const id of ids) await this.store.update(id, (p) => ({ ...p, productionSetBy: 'user' }));
  }

  /** Uses `token` for this process only, without saving it (the CLI's --token-stdin on upload/resume). */
  useSessionToken(id: string, token: string): void {
    checkToken(token);
    this.sessionTokens.set(id, token);
  }

  /** Resolves where and how to send for a profile, starting the local sandbox for the built-in one. */
  async resolve(idOrName: string): Promise<ResolvedConnection> {
    const profile = await this.find(idOrName);
    const token = async () => this.sessionTokens.get(profile.id) ?? (await this.options.secrets.get(profile.id));
    if (!profile.builtIn) {
      return { profile, baseUrl: profile.baseUrl, statusHosts: profile.statusHosts, token, statusUrlFor: (u) => u };
    }
    const sandbox = await this.localSandbox();
    const base = new URL(sandbox.baseUrl);
    return {
      profile,
      baseUrl: sandbox.baseUrl,
      statusHosts: [base.host],
      token,
      statusUrlFor: (recorded) => {
        const u = new URL(recorded);
        if (!LOOPBACK.has(u.hostname)) return recorded;
        u.protocol = base.protocol;
        u.host = base.host;
        return u.toString();
      },
    };
  }

  /** Runs "Test connection" for a profile and keeps its verdict on the token (what the token light shows). */
  async test(idOrName: string): Promise<ConnectionTestResult> {
    const c = await this.resolve(idOrName);
    const result = await checkConnection(
      { baseUrl: c.baseUrl, clientCode: c.profile.clientCode, apiVersion: c.profile.apiVersion, token: await c.token() },
      this.options.transport,
      this.options.limiters.for(c.profile.clientCode),
    );
    const tokenCheck = result.checks.find((k) => k.check === 'token');
    const lastTest: LastTest = { at: new Date().toISOString(), ok: result.ok, token: tokenCheck === undefined ? 'not-reached' : tokenCheck.ok ? 'accepted' : 'refused' };
    if (c.profile.builtIn) this.sandboxLastTest = lastTest;
    else await this.store.update(c.profile.id, (p) => ({ ...p, lastTest }));
    return result;
  }

  /** The contract handlers for `profiles.*`. */
  handlers(): HandlerSlice<'profiles.list' | 'profiles.save' | 'profiles.remove' | 'profiles.test' | 'profiles.reviewProduction'> {
    return {
      'profiles.list': () => this.list(),
      'profiles.save': (args) => this.save(args),
      'profiles.remove': (args) => this.remove(args.id),
      'profiles.test': (args) => this.test(args.id),
      'profiles.reviewProduction': (args) => this.reviewProduction(args.ids),
    };
  }

  /** Stops the local sandbox if this service started it. */
  async close(): Promise<void> {
    const s = this.sandbox;
    this.sandbox = undefined;
    if (s) await (await s.catch(() => undefined))?.close();
  }

  private localSandbox(): Promise<LocalSandbox> {
    this.sandbox ??= this.options.startLocalSandbox(join(this.options.homeDir, 'sandbox'));
    this.sandbox.catch(() => (this.sandbox = undefined));
    return this.sandbox;
  }

  private async view(p: StoredProfile): Promise<ConnectionProfileView> {
    return {
      id: p.id,
      name: p.name,
      environment: p.environment,
      color: p.color,
      clientCode: p.clientCode,
      apiVersion: p.apiVersion,
      baseUrl: p.baseUrl,
      statusHosts: p.statusHosts,
      dailyRowBudget: p.dailyRowBudget,
      builtIn: false,
      production: p.production,
      productionSetBy: p.productionSetBy,
      hasToken: this.sessionTokens.has(p.id) || (await this.options.secrets.has(p.id)),
      lastTest: p.lastTest,
      secretStorage: this.secretStorage,
    };
  }

  private async builtInView(): Promise<ConnectionProfileView> {
    return {
      id: LOCAL_SANDBOX_ID,
      name: 'Local sandbox',
      environment: 'Sandbox',
      color: 'green',
      clientCode: LOCAL_SANDBOX_CLIENT,
      apiVersion: 'v2',
      baseUrl: LOCAL_SANDBOX_BASE,
      statusHosts: [],
      dailyRowBudget: null,
      builtIn: true,
      production: false,
      productionSetBy: 'user',
      hasToken: this.sessionTokens.has(LOCAL_SANDBOX_ID) || (await this.options.secrets.has(LOCAL_SANDBOX_ID)),
      lastTest: this.sandboxLastTest,
      secretStorage: this.secretStorage,
    };
  }
}
