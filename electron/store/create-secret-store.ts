import { join } from 'node:path';
import { EncryptedFileSecretStore, keychainCipher } from './encrypted-file-secret-store.js';
import type { SecretCipher } from './encrypted-file-secret-store.js';
import { platformKeychain, type OsKeychain } from './os-keychain.js';
import { MemorySecretStore, type SecretStore } from './secret-store.js';

/** How to pick the secret store: an explicit cipher (Electron safeStorage), a keychain to try, or neither. */
export interface SecretStoreOptions {
  readonly homeDir: string;
  /** Given by electron/main when safeStorage is available; wins over the keychain. */
  readonly cipher?: SecretCipher;
  /** Defaults to this platform's keychain; `null` skips it (session-only). */
  readonly keychain?: OsKeychain | null;
}

/**
 * Returns the strongest secret store available: the given cipher (Electron safeStorage), else an
 * encrypted file whose key is in the OS keychain, else memory for this session only. Never throws.
 */
export async function createSecretStore(options: SecretStoreOptions): Promise<SecretStore> {
  // One file per kind: a file sealed by safeStorage cannot be opened with the keychain key, and vice versa.
  const path = (kind: string) => join(options.homeDir, `secrets-${kind}.json`);
  if (options.cipher) return new EncryptedFileSecretStore(path(options.cipher.kind), options.cipher);
  const keychain = options.keychain === undefined ? platformKeychain() : options.keychain;
  if (keychain) {
    const cipher = await keychainCipher(keychain);
    if (cipher) return new EncryptedFileSecretStore(path(cipher.kind), cipher);
  }
  return new MemorySecretStore();
}
