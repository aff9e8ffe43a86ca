import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { SecretStorageKind } from '../../shared/contract/connections.js';
import { writeFileAtomic } from './atomic-file.js';
import type { OsKeychain } from './os-keychain.js';
import type { SecretStore } from './secret-store.js';

/** Turns a secret into opaque text and back; the key never touches the secrets file. */
export interface SecretCipher {
  readonly kind: Exclude<SecretStorageKind, 'session-only'>;
  encrypt(plain: string): Promise<string>;
  decrypt(sealed: string): Promise<string>;
}

/** AES-256-GCM with a 32-byte key kept in the OS keychain; output is base64 of iv ‖ tag ‖ ciphertext. */
export function aesGcmCipher(key: Buffer): SecretCipher {
  if (key.length !== 32) throw new Error('The secrets key must be 32 bytes.');
  return {
    kind: 'os-keychain',
    async encrypt(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), data]).toString('base64');
    },
    async decrypt(sealed) {
      const raw = Buffer.from(sealed, 'base64');
      const d = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      d.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
    },
  };
}

/**
 * Returns a cipher whose key lives in `keychain`, creating and storing a random key on first use.
 * Resolves undefined when the keychain cannot be reached or does not keep what was stored.
 */
export async function keychainCipher(keychain: OsKeychain): Promise<SecretCipher | undefined> {
  try {
    let key = await keychain.getKey();
    if (key === undefined || key.length !== 32) {
      await keychain.setKey(randomBytes(32));
      key = await keychain.getKey();
    }
    return key !== undefined && key.length === 32 ? aesGcmCipher(key) : undefined;
  } catch {
    return undefined;
  }
}

interface SecretsFile {
  readonly version: 1;
  readonly entries: Record<string, string>;
}

/**
 * Secrets sealed by a SecretCipher in one JSON file (`secrets.json`), rewritten atomically (temp file,
 * fsync, rename) on every change. The file holds only sealed text.
 */
export class EncryptedFileSecretStore implements SecretStore {
  private cache: Record<string, string> | undefined;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly path: string,
    private readonly cipher: SecretCipher,
  ) {}

  get kind(): SecretStorageKind {
    return this.cipher.kind;
  }

  /** Returns the decrypted secret; throws if the file or the sealed text cannot be read. */
  async get(id: string): Promise<string | undefined> {
    const sealed = (await this.load())[id];
    return sealed === undefined ? undefined : this.cipher.decrypt(sealed);
  }

  /** Seals and saves the secret; resolves once the file is renamed into place. */
  async set(id: string, secret: string): Promise<void> {
    const sealed = await this.cipher.encrypt(secret);
    await this.mutate((e) => {
      e[id] = sealed;
    });
  }

  /** Removes the secret from the file. */
  async delete(id: string): Promise<void> {
    await this.mutate((e) => {
      delete e[id];
    });
  }

  /** True when a sealed secret exists under `id`. */
  async has(id: string): Promise<boolean> {
    return (await this.load())[id] !== undefined;
  }

  private async load(): Promise<Record<string, string>> {
    if (this.cache) return this.cache;
    try {
      const parsed = JSON.parse(await readFile(this.path, 'utf8')) as Partial<SecretsFile>;
      this.cache = typeof parsed.entries === 'object' && parsed.entries !== null ? { ...parsed.entries } : {};
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.cache = {};
    }
    return this.cache;
  }

  private mutate(change: (entries: Record<string, string>) => void): Promise<void> {
    const next = this.queue.then(async () => {
      const entries = { ...(await this.load()) };
      change(entries);
      await writeFileAtomic(this.path, `${JSON.stringify({ version: 1, entries } satisfies SecretsFile)}\n`);
      this.cache = entries;
    });
    this.queue = next.catch(() => undefined);
    return next;
  }
}
