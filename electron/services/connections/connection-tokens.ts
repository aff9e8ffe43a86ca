import { AppCallError, reason } from '../../../shared/contract/errors.js';
import type { SecretStore } from '../../store/secret-store.js';
import type { ConnectionStore, StoredConnection } from '../../store/connection-store.js';
import { mintProfileToken, requestImsToken, SignInError, type AdobeCredential, type IssuedToken } from '../../upload/adobe-sign-in.js';
import type { Transport } from '../../upload/http-transport.js';
import type { TlsTrust } from '../../upload/tls-trust.js';

export { SignInError } from '../../upload/adobe-sign-in.js';

/** Where a connection's client secret is kept in the SecretStore (its token is kept under the connection id itself). */
export function clientSecretKey(profileId: string): string {
  return `${profileId}:client-secret`;
}

/** How long before expiry a minted token is renewed: a tenth of its lifetime, at most a day. */
export function renewalMargin(issuedAt: number, expiresAt: number): number {
  return Math.min(24 * 3600_000, Math.max(0, (expiresAt - issuedAt) / 10));
}

interface Minting {
  ims?: IssuedToken;
  inflight?: Promise<string>;
  /** The kept token and its lifetime, once read or minted (so a call does not read two files first). */
  kept?: { readonly token: string; readonly issuedAt: number; readonly expiresAt: number };
}

/**
 * The Profile API tokens of Adobe-sign-in connections: minted through IMS and the Target Admin API,
 * kept in the SecretStore like a pasted token (with their expiry in the connection), renewed shortly
 * before they expire or when Target refuses them. One mint at a time per connection; IMS access tokens
 * live in memory only. Nothing here logs or returns a credential in an error.
 */
export class ConnectionTokens {
  private readonly minting = new Map<string, Minting>();
  private readonly sessionSecrets = new Map<string, string>();

  constructor(
    private readonly store: ConnectionStore,
    private readonly secrets: SecretStore,
    private readonly transport: Transport,
    private readonly now: () => number = Date.now,
  ) {}

  /** Returns the Adobe credential of a connection (with its saved client secret); throws SignInError when the secret is missing. */
  async credential(p: StoredConnection): Promise<AdobeCredential> {
    if (p.auth.kind !== 'adobe-oauth') throw new Error(`Connection ${p.id} does not use Adobe sign-in.`);
    const clientSecret = this.sessionSecrets.get(p.id) ?? (await this.secrets.get(clientSecretKey(p.id)));
    if (clientSecret === undefined) throw new SignInError(reason('client-secret-missing', { variant: 'sign-in' }));
    const { kind: _kind, ...rest } = p.auth;
    return { ...rest, clientSecret };
  }

  /** Returns the token to send now for an Adobe-sign-in connection, minting one when none is kept or it expires soon. Throws SignInError. */
  async current(profileId: string, trust: TlsTrust | undefined): Promise<string> {
    const s = this.state(profileId);
    if (!s.kept) {
      const p = await this.connection(profileId);
      const token = await this.secrets.get(profileId);
      const expiresAt = p.tokenExpiresAt === null ? NaN : Date.parse(p.tokenExpiresAt);
      const issuedAt = p.tokenIssuedAt === null ? expiresAt : Date.parse(p.tokenIssuedAt);
      if (token !== undefined && Number.isFinite(expiresAt)) s.kept = { token, issuedAt, expiresAt };
    }
    const k = s.kept;
    const fresh = k !== undefined && this.now() < k.expiresAt - renewalMargin(k.issuedAt, k.expiresAt);
    return fresh ? k.token : this.mint(profileId, trust);
  }

  /**
   * After Target refused `refused`: resolves true once a newer token is kept (minting one when `refused`
   * is still the current token), false when this connection cannot mint. Throws SignInError.
   */
  async renew(profileId: string, refused: string | undefined, trust: TlsTrust | undefined): Promise<boolean> {
    const p = await this.connection(profileId);
    if (p.auth.kind !== 'adobe-oauth') return false;
    const kept = this.state(profileId).kept?.token ?? (await this.secrets.get(profileId));
    if (kept !== undefined && kept !== refused) return true;
    await this.mint(profileId, trust);
    return true;
  }

  /** Asks IMS for a new access token (what "Test connection" checks sign-in with); the secret is checked every time. */
  async signIn(profileId: string, trust: TlsTrust | undefined): Promise<IssuedToken> {
    const c = await this.credential(await this.connection(profileId));
    const ims = await requestImsToken(c, this.transport, trust, this.now);
    if (!ims.ok) throw new SignInError(ims.failure);
    this.state(profileId).ims = ims.value;
    return ims.value;
  }

  /** Uses `secret` as the connection's client secret for this process only, without saving it (the CLI's --client-secret-stdin). */
  useSessionSecret(profileId: string, secret: string): void {
    this.sessionSecrets.set(profileId, secret);
    this.minting.delete(profileId);
  }

  /** True when a client secret is kept for this process only. */
  hasSessionSecret(profileId: string): boolean {
    return this.sessionSecrets.has(profileId);
  }

  /** Forgets what is cached for a connection (its sign-in details changed or it was removed). */
  forget(profileId: string): void {
    this.minting.delete(profileId);
    this.sessionSecrets.delete(profileId);
  }

  private state(profileId: string): Minting {
    let s = this.minting.get(profileId);
    if (!s) {
      s = {};
      this.minting.set(profileId, s);
    }
    return s;
  }

  private async connection(profileId: string): Promise<StoredConnection> {
    const p = (await this.store.list()).find((x) => x.id === profileId);
    if (!p) throw new AppCallError('profile-not-found', { variant: 'id', id: profileId });
    return p;
  }

  /** Mints a new connection token (one at a time per connection), keeps it and its expiry, and returns it. */
  private mint(profileId: string, trust: TlsTrust | undefined): Promise<string> {
    const s = this.state(profileId);
    s.inflight ??= (async () => {
      try {
        const c = await this.credential(await this.connection(profileId));
        if (!s.ims || this.now() >= s.ims.expiresAt - 60_000) {
          const ims = await requestImsToken(c, this.transport, trust, this.now);
          if (!ims.ok) throw new SignInError(ims.failure);
          s.ims = ims.value;
        }
        let minted = await mintProfileToken(c, s.ims.token, this.transport, trust, this.now);
        if (!minted.ok && minted.failure.httpStatus === 401) {
          // The cached IMS token was revoked or the service restarted: ask IMS once more.
          const ims = await requestImsToken(c, this.transport, trust, this.now);
          if (!ims.ok) throw new SignInError(ims.failure);
          s.ims = ims.value;
          minted = await mintProfileToken(c, s.ims.token, this.transport, trust, this.now);
        }
        if (!minted.ok) throw new SignInError(minted.failure);
        const issuedAt = this.now();
        await this.secrets.set(profileId, minted.value.token);
        await this.store.update(profileId, (p) => ({
          ...p,
          tokenExpiresAt: new Date(minted.value.expiresAt).toISOString(),
          tokenIssuedAt: new Date(issuedAt).toISOString(),
          lastTest: p.lastTest?.token === 'refused' ? null : p.lastTest,
        }));
        s.kept = { token: minted.value.token, issuedAt, expiresAt: minted.value.expiresAt };
        return minted.value.token;
      } finally {
        s.inflight = undefined;
      }
    })();
    return s.inflight;
  }
}
