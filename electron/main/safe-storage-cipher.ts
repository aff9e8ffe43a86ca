import { safeStorage } from 'electron';
import type { SecretCipher } from '../store/encrypted-file-secret-store.js';

/**
 * The Electron app's secret cipher: `safeStorage` (Keychain on macOS, DPAPI on Windows, the desktop's
 * secret service on Linux). Returns undefined before `app.ready` or when Electron reports encryption
 * unavailable, or when Linux would fall back to its hard-coded "basic_text" key — the caller then uses
 * the keychain file or session-only storage and says so.
 */
export function safeStorageCipher(): SecretCipher | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return undefined;
  return {
    kind: 'electron-safe-storage',
    async encrypt(plain) {
      return safeStorage.encryptString(plain).toString('base64');
    },
    async decrypt(sealed) {
      return safeStorage.decryptString(Buffer.from(sealed, 'base64'));
    },
  };
}
