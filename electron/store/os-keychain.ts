import { spawn } from 'node:child_process';

/** The one thing we keep in the OS keychain: the random key that encrypts the secrets file. */
export interface OsKeychain {
  /** Name of the mechanism, for logs (`secret-tool`, `security`). */
  readonly name: string;
  /** Returns the stored key, undefined when none is stored; throws when the keychain cannot be reached. */
  getKey(): Promise<Buffer | undefined>;
  /** Stores the key (replacing); throws when the keychain cannot be reached. */
  setKey(key: Buffer): Promise<void>;
}

const SERVICE = 'profile-loader';
const ACCOUNT = 'secrets-file-key';

interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
}

function run(cmd: string, args: readonly string[], input: string | undefined, timeoutMs = 5000): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'ignore'] });
    // Our own timer, unref'd and always cleared: spawn's `timeout` option keeps a failed spawn's process alive.
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    timer.unref();
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => (stdout += d));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? '');
  });
}

/** Linux: libsecret's `secret-tool` (GNOME Keyring, KWallet through the Secret Service); the key goes in on stdin. */
export const secretToolKeychain: OsKeychain = {
  name: 'secret-tool',
  async getKey() {
    const r = await run('secret-tool', ['lookup', 'service', SERVICE, 'account', ACCOUNT], undefined);
    const hex = r.stdout.trim();
    if (r.code !== 0 || hex === '') return undefined;
    return Buffer.from(hex, 'hex');
  },
  async setKey(key) {
    const r = await run('secret-tool', ['store', '--label=Profile Loader secrets key', 'service', SERVICE, 'account', ACCOUNT], key.toString('hex'));
    if (r.code !== 0) throw new Error(`secret-tool store exited with ${r.code}`);
  },
};

/** macOS: the login keychain through `security` (the key is passed as an argument, briefly visible to local `ps`). */
export const macKeychain: OsKeychain = {
  name: 'security',
  async getKey() {
    const r = await run('security', ['find-generic-password', '-s', SERVICE, '-a', ACCOUNT, '-w'], undefined);
    const hex = r.stdout.trim();
    if (r.code !== 0 || hex === '') return undefined;
    return Buffer.from(hex, 'hex');
  },
  async setKey(key) {
    const r = await run('security', ['add-generic-password', '-U', '-s', SERVICE, '-a', ACCOUNT, '-w', key.toString('hex')], undefined);
    if (r.code !== 0) throw new Error(`security add-generic-password exited with ${r.code}`);
  },
};

/** Returns the keychain mechanism of this platform, if it has one we can drive without native modules. */
export function platformKeychain(platform: NodeJS.Platform = process.platform): OsKeychain | undefined {
  if (platform === 'linux' || platform === 'freebsd' || platform === 'openbsd') return secretToolKeychain;
  if (platform === 'darwin') return macKeychain;
  return undefined;
}
