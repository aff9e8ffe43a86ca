import type { SecretStorageKind } from '../../shared/contract/connections.js';

/**
 * Where connection tokens are kept. Implementations: Electron safeStorage (electron/main), an
 * encrypted file whose key sits in the OS keychain, or memory for the session only. None of them
 * ever writes a token in clear text, and none logs one.
 */
export interface SecretStore {
  /** Says plainly how strong the storage is; surfaced in the profiles list. */
  readonly kind: SecretStorageKind;
  /** Returns the secret saved under `id`, or undefined. Throws only if the store cannot be read. */
  get(id: string): Promise<string | undefined>;
  /** Saves (replacing) the secret under `id`; resolves once it is durable for this kind of store. */
  set(id: string, secret: string): Promise<void>;
  /** Forgets the secret under `id`; no error if there was none. */
  delete(id: string): Promise<void>;
  /** True when a secret is saved under `id`. */
  has(id: string): Promise<boolean>;
}

/** Keeps secrets in memory: lost when the process ends (`session-only`). */
export class MemorySecretStore implements SecretStore {
  readonly kind = 'session-only' as const;
  private readonly secrets = new Map<string, string>();

  /** Returns the secret, if set during this session. */
  async get(id: string): Promise<string | undefined> {
    return this.secrets.get(id);
  }

  /** Keeps the secret until the process ends. */
  async set(id: string, secret: string): Promise<void> {
    this.secrets.set(id, secret);
  }

  /** Forgets the secret. */
  async delete(id: string): Promise<void> {
    this.secrets.delete(id);
  }

  /** True when a secret was set during this session. */
  async has(id: string): Promise<boolean> {
    return this.secrets.has(id);
  }
}
