import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { AppCallError, reason, type Reason } from '../../../shared/contract/errors.js';
import type { ConnectionCheck, ConnectionView, ConnectionTestResult, ConnectionList } from '../../../shared/contract/connections.js';
import type { ParsedArgsOf } from '../../../shared/contract/define.js';
import type { connectionCalls } from '../../../shared/contract/connections.js';
import { defaultStatusHosts } from '../../../shared/jobs/status-host.js';
import { isLoopbackHost } from '../../../shared/target/secure-url.js';
import { ConnectionStore, type LastTest, type StoredConnection } from '../../store/connection-store.js';
import type { SecretStore } from '../../store/secret-store.js';
import type { Transport } from '../../upload/http-transport.js';
import { loadTlsTrust, type TlsTrust } from '../../upload/tls-trust.js';
import { fetchCheck } from './connection-check.js';
import { checkBaseUrl, checkClientSecret, checkExpiry, checkToken, storedAuthOf } from './connection-fields.js';
import type { SignInFailure } from '../../upload/adobe-sign-in.js';
import { clientSecretKey, ConnectionTokens, SignInError } from './connection-tokens.js';
import type { HandlerSlice } from '../handlers.js';

export { checkBaseUrl, checkToken } from './connection-fields.js';

/** Id, client code and name of the built-in connection that starts the local sandbox (in a worker thread). */
export const LOCAL_SANDBOX_ID = 'local-sandbox';
export const LOCAL_SANDBOX_CLIENT = 'sandbox';
const LOCAL_SANDBOX_BASE = 'sandbox:local';

/** A running local sandbox as the connection service needs it (the app knows its admin key). */
export interface LocalSandbox {
  readonly baseUrl: string;
  readonly adminKey: string;
  close(): Promise<void>;
}

/** Everything an upload needs to reach one connection's Target; the token is fetched per call and never kept in the object. */
export interface ResolvedConnection {
  readonly connection: ConnectionView;
  readonly baseUrl: string;
  readonly statusHosts: readonly string[];
  /** What https calls of this connection trust (the OS store and its CA file). */
  readonly trust: TlsTrust;
  /** The token to send now (Adobe sign-in mints or renews one); throws SignInError when sign-in fails. */
  token(): Promise<string | undefined>;
  /** After Target refused `refused`: true once a newer token is kept (Adobe sign-in mints one), false when nothing can be done. Throws SignInError. */
  renewToken(refused: string | undefined): Promise<boolean>;
  /** Maps a recorded status URL to the one to call now (the local sandbox gets a new port per process). */
  statusUrlFor(recorded: string): string;
}

export interface ConnectionServiceOptions {
  readonly homeDir: string;
  readonly secrets: SecretStore;
  readonly transport: Transport;
  /** Starts the local sandbox on first use (electron/ passes sandbox/'s startSandbox). */
  readonly startLocalSandbox: (dataDir: string) => Promise<LocalSandbox>;
}

type SaveArgs = ParsedArgsOf<(typeof connectionCalls)['connections.save']>;

/** What a failed sign-in check says: the failure's code and params (its HTTP status stays out of the check). */
function signInReason(failure: SignInFailure): Reason {
  const { httpStatus: _status, ...found } = failure;
  return found;
}

/**
 * Saved connections and their tokens: the built-in Local sandbox plus the user's connections in
 * `profiles.json` (the on-disk name existing installs have). Tokens and client secrets go to the SecretStore and never come back out through this
 * service's views; Adobe-sign-in tokens are minted and renewed by ConnectionTokens.
 */
export class ConnectionService {
  readonly store: ConnectionStore;
  private readonly tokens: ConnectionTokens;
  private sandbox: Promise<LocalSandbox> | undefined;
  /** The built-in connection is not stored; its last test lives as long as the process. */
  private sandboxLastTest: LastTest | null = null;
  /** Whether uploads to the built-in connection are read back (kept for the session: the built-in connection is not stored). */
  private sandboxVerifies = true;
  private readonly sessionTokens = new Map<string, string>();

  constructor(private readonly options: ConnectionServiceOptions) {
    this.store = new ConnectionStore(options.homeDir);
    this.tokens = new ConnectionTokens(this.store, options.secrets, options.transport);
  }

  /** How tokens are kept on this machine. */
  get secretStorage(): SecretStore['kind'] {
    return this.options.secrets.kind;
  }

  /** Lists connections, the Local sandbox first. */
  async list(): Promise<ConnectionList> {
    const stored = await this.store.list();
    const views = [await this.builtInView(), ...(await Promise.all(stored.map((p) => this.view(p))))];
    return { connections: views, secretStorage: this.secretStorage };
  }

  /** Finds a connection by id, or by name (case-insensitive); throws `profile-not-found`. */
  async find(idOrName: string): Promise<ConnectionView> {
    const wanted = idOrName.trim().toLowerCase();
    const { connections } = await this.list();
    const found = connections.find((p) => p.id === idOrName) ?? connections.find((p) => p.name.toLowerCase() === wanted);
    if (!found) throw new AppCallError('profile-not-found', { variant: 'name', name: idOrName });
    return found;
  }

  /**
   * Adds (no id) or updates a connection; saves a given token or client secret. Throws user-facing errors
   * for a bad address, CA file or expiry date, a taken name, an unknown id, a pasted token on an
   * Adobe-sign-in connection, or an Adobe-sign-in connection without a client secret.
   */
  async save(args: SaveArgs): Promise<ConnectionView> {
    if (args.id === LOCAL_SANDBOX_ID) {
      if (args.token !== undefined) await this.setToken(LOCAL_SANDBOX_ID, args.token);
      if (args.verifyAfterUpload !== undefined) this.sandboxVerifies = args.verifyAfterUpload;
      this.sandboxLastTest = null;
      if (args.clearToken) await this.options.secrets.delete(LOCAL_SANDBOX_ID);
      return this.builtInView();
    }
    const baseUrl = checkBaseUrl(args.baseUrl);
    if (args.token !== undefined) checkToken(args.token);
    if (args.clientSecret !== undefined) checkClientSecret(args.clientSecret);
    const all = await this.store.list();
    const existing = args.id === undefined ? undefined : all.find((p) => p.id === args.id);
    if (args.id !== undefined && !existing) throw new AppCallError('profile-not-found', { variant: 'id', id: args.id });
    const clash = all.find((p) => p.name.toLowerCase() === args.name.toLowerCase() && p.id !== args.id);
    if (clash || args.name.toLowerCase() === 'local sandbox') throw new AppCallError('profile-name-taken', { name: args.name });
    const auth = args.auth === undefined ? (existing?.auth ?? { kind: 'token' as const }) : storedAuthOf(args.auth);
    const oauth = auth.kind === 'adobe-oauth';
    if (oauth && args.token !== undefined) throw new AppCallError('token-with-sign-in');
    const id = existing?.id ?? `p-${randomBytes(4).toString('hex')}`;
    if (oauth && args.clientSecret === undefined && !this.tokens.hasSessionSecret(id) && !(await this.options.secrets.has(clientSecretKey(id)))) {
      throw new AppCallError('client-secret-missing', { variant: 'save' });
    }
    const caFile = args.caFile === undefined ? (existing?.caFile ?? null) : args.caFile === null || args.caFile === '' ? null : args.caFile;
    if (caFile !== null) await loadTlsTrust(caFile);
    const authChanged = existing !== undefined && JSON.stringify(existing.auth) !== JSON.stringify(auth);
    const kindChanged = existing !== undefined && existing.auth.kind !== auth.kind;
    // A minted token's expiry is the sign-in's to know; a pasted token's is the user's (a new token without one: unknown).
    const tokenExpiresAt = oauth
      ? kindChanged
        ? null
        : (existing?.tokenExpiresAt ?? null)
      : args.tokenExpiresAt !== undefined
        ? checkExpiry(args.tokenExpiresAt)
        : args.token !== undefined || args.clearToken || kindChanged
          ? null
          : (existing?.tokenExpiresAt ?? null);
    const now = new Date().toISOString();
    const untested = args.token !== undefined || args.clearToken || args.clientSecret !== undefined || authChanged || !existing || existing.baseUrl !== baseUrl || existing.clientCode !== args.clientCode || existing.caFile !== caFile;
    const connection: StoredConnection = {
      id,
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
      verifyAfterUpload: args.verifyAfterUpload ?? existing?.verifyAfterUpload ?? true,
      // A new token or sign-in (or none) has not been tested; another address or client code makes an old verdict meaningless.
      lastTest: untested ? null : existing.lastTest,
      auth,
      tokenExpiresAt,
      tokenIssuedAt: oauth && !kindChanged ? (existing?.tokenIssuedAt ?? null) : null,
      caFile,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    await this.store.upsert(connection);
    // Switching the sign-in method drops what the other method kept.
    if (kindChanged || args.clearToken) await this.options.secrets.delete(connection.id);
    if (!oauth) await this.options.secrets.delete(clientSecretKey(connection.id));
    if (args.clientSecret !== undefined) await this.options.secrets.set(clientSecretKey(connection.id), args.clientSecret);
    if (args.token !== undefined) await this.options.secrets.set(connection.id, args.token);
    this.sessionTokens.delete(connection.id);
    this.tokens.forget(connection.id);
    return this.view(connection);
  }

  /** Removes a connection, its token and its client secret; throws for the built-in one or an unknown id. */
  async remove(id: string): Promise<void> {
    if (id === LOCAL_SANDBOX_ID) throw new AppCallError('profile-built-in');
    if (!(await this.store.remove(id))) throw new AppCallError('profile-not-found', { variant: 'id', id });
    await this.options.secrets.delete(id);
    await this.options.secrets.delete(clientSecretKey(id));
    this.sessionTokens.delete(id);
    this.tokens.forget(id);
  }

  /** Saves a pasted token for a connection (its last test verdict and known expiry no longer apply). Sends nothing and resumes nothing. */
  async setToken(id: string, token: string, expiresAt: string | null = null): Promise<void> {
    checkToken(token);
    const stored = id === LOCAL_SANDBOX_ID ? undefined : (await this.store.list()).find((p) => p.id === id);
    if (stored?.auth.kind === 'adobe-oauth') throw new AppCallError('token-with-sign-in');
    const expiry = checkExpiry(expiresAt);
    await this.options.secrets.set(id, token);
    this.sessionTokens.delete(id);
    if (id === LOCAL_SANDBOX_ID) this.sandboxLastTest = null;
    else await this.store.update(id, (p) => ({ ...p, lastTest: null, tokenExpiresAt: expiry }));
  }

  /** Records that Target refused this connection's token during an upload (the token light turns red until a new token or test). */
  async noteTokenRefused(id: string): Promise<void> {
    const lastTest: LastTest = { at: new Date().toISOString(), ok: false, token: 'refused' };
    if (id === LOCAL_SANDBOX_ID) this.sandboxLastTest = lastTest;
    else await this.store.update(id, (p) => ({ ...p, lastTest }));
  }

  /** Marks the production setting of these connections as the user's own (after reviewing what the upgrade set). */
  async reviewProduction(ids: readonly string[]): Promise<void> {
    for (const id of ids) await this.store.update(id, (p) => ({ ...p, productionSetBy: 'user' }));
  }

  /** Uses `token` for this process only, without saving it (the CLI's --token-stdin on upload/resume). */
  setSessionToken(id: string, token: string): void {
    checkToken(token);
    this.sessionTokens.set(id, token);
  }

  /** Uses `secret` as an Adobe-sign-in connection's client secret for this process only, without saving it (the CLI's --client-secret-stdin). */
  setSessionClientSecret(id: string, secret: string): void {
    checkClientSecret(secret);
    this.tokens.useSessionSecret(id, secret);
  }

  /** Resolves where and how to send for a connection, starting the local sandbox for the built-in one. Throws for an unusable CA file. */
  async resolve(idOrName: string): Promise<ResolvedConnection> {
    const connection = await this.find(idOrName);
    const trust = await loadTlsTrust(connection.caFile);
    const oauth = connection.auth.kind === 'adobe-oauth';
    const token = async () => this.sessionTokens.get(connection.id) ?? (oauth ? await this.tokens.current(connection.id, trust) : await this.options.secrets.get(connection.id));
    const renewToken = async (refused: string | undefined) => !this.sessionTokens.has(connection.id) && oauth && (await this.tokens.renew(connection.id, refused, trust));
    if (!connection.builtIn) {
      return { connection, baseUrl: connection.baseUrl, statusHosts: connection.statusHosts, trust, token, renewToken, statusUrlFor: (u) => u };
    }
    const sandbox = await this.localSandbox();
    const base = new URL(sandbox.baseUrl);
    return {
      connection,
      baseUrl: sandbox.baseUrl,
      statusHosts: [base.host],
      trust,
      token,
      renewToken,
      statusUrlFor: (recorded) => {
        const u = new URL(recorded);
        if (!isLoopbackHost(u.hostname)) return recorded;
        u.protocol = base.protocol;
        u.host = base.host;
        return u.toString();
      },
    };
  }

  /**
   * Runs "Test connection" for a connection, one check at a time (reachable over valid TLS, Adobe sign-in,
   * token, client code), and keeps its verdict on the token (what the token light shows). Never sends a
   * batch; a refused Adobe-sign-in token is renewed once and asked again.
   */
  async test(idOrName: string): Promise<ConnectionTestResult> {
    const connection = await this.find(idOrName);
    const result = await this.runChecks(connection);
    const tokenCheck = result.checks.find((k) => k.check === 'token');
    const lastTest: LastTest = { at: new Date().toISOString(), ok: result.ok, token: tokenCheck === undefined ? 'not-reached' : tokenCheck.ok ? 'accepted' : 'refused' };
    if (connection.builtIn) this.sandboxLastTest = lastTest;
    else await this.store.update(connection.id, (p) => ({ ...p, lastTest }));
    const after = await this.find(connection.id);
    return { ...result, tokenExpiresAt: after.tokenExpiresAt };
  }

  private async runChecks(connection: ConnectionView): Promise<Omit<ConnectionTestResult, 'tokenExpiresAt'>> {
    let c: ResolvedConnection;
    try {
      c = await this.resolve(connection.id);
    } catch (error) {
      if (error instanceof AppCallError && (error.code === 'ca-file-unreadable' || error.code === 'ca-file-not-pem')) {
        return { ok: false, checks: [{ check: 'reachable', ok: false, ...({ code: error.code, params: error.params } as Reason) }] };
      }
      throw error;
    }
    const checks: ConnectionCheck[] = [];
    const oauth = connection.auth.kind === 'adobe-oauth';
    let token: string | undefined;
    let signedIn = true;
    if (oauth) {
      try {
        await this.tokens.signIn(connection.id, c.trust);
        token = await c.token();
        checks.push({ check: 'sign-in', ok: true, ...reason('check-signed-in') });
      } catch (error) {
        if (!(error instanceof SignInError)) throw error;
        signedIn = false;
        checks.push({ check: 'sign-in', ok: false, ...signInReason(error.failure) });
      }
    } else {
      token = await c.token();
    }
    const input = { baseUrl: c.baseUrl, clientCode: connection.clientCode, trust: c.trust, tokenKind: token === undefined ? ('none' as const) : oauth ? ('minted' as const) : ('pasted' as const) };
    let verdict = await fetchCheck(input, token, this.options.transport);
    if (verdict.tokenRefused && oauth && signedIn) {
      // A colleague may have minted a newer token (which retires ours): mint once more and ask again.
      try {
        if (await c.renewToken(token)) verdict = await fetchCheck(input, await c.token(), this.options.transport);
      } catch (error) {
        if (!(error instanceof SignInError)) throw error;
        checks[0] = { check: 'sign-in', ok: false, ...signInReason(error.failure) };
      }
    }
    // Reachability first, as a user reads the list; sign-in next.
    const all = [...verdict.checks.filter((k) => k.check === 'reachable'), ...checks, ...verdict.checks.filter((k) => k.check !== 'reachable')];
    return { ok: all.every((k) => k.ok), checks: all };
  }

  /** The contract handlers for `connections.*`. */
  handlers(): HandlerSlice<'connections.list' | 'connections.save' | 'connections.remove' | 'connections.test' | 'connections.reviewProduction'> {
    return {
      'connections.list': () => this.list(),
      'connections.save': (args) => this.save(args),
      'connections.remove': (args) => this.remove(args.id),
      'connections.test': (args) => this.test(args.id),
      'connections.reviewProduction': (args) => this.reviewProduction(args.ids),
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

  private async view(p: StoredConnection): Promise<ConnectionView> {
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
      auth: p.auth,
      hasClientSecret: p.auth.kind === 'adobe-oauth' && (this.tokens.hasSessionSecret(p.id) || (await this.options.secrets.has(clientSecretKey(p.id)))),
      tokenExpiresAt: p.tokenExpiresAt,
      caFile: p.caFile,
      verifyAfterUpload: p.verifyAfterUpload,
      lastTest: p.lastTest,
      secretStorage: this.secretStorage,
    };
  }

  private async builtInView(): Promise<ConnectionView> {
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
      auth: { kind: 'token' },
      hasClientSecret: false,
      tokenExpiresAt: null,
      caFile: null,
      verifyAfterUpload: this.sandboxVerifies,
      lastTest: this.sandboxLastTest,
      secretStorage: this.secretStorage,
    };
  }
}
