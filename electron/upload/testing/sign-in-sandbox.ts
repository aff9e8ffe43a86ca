// Test helpers for a real-account setup: an HTTPS sandbox playing Adobe sign-in with a certificate made
// for the test, the connection that uses it, and a scan for credentials where they must never be.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../../sandbox/index.js';
import { admin } from '../../../sandbox/testing/http.js';
import { makeSelfSignedCert, type SelfSignedCert } from '../../../sandbox/testing/self-signed.js';
import type { OsKeychain } from '../../store/os-keychain.js';
import { SANDBOX_FAST } from './fixtures.js';

/** The OAuth Server-to-Server credential the test sandbox knows. */
export const TEST_OAUTH = { clientId: 'pl-test-client-4c1d', clientSecret: 'pl-test-secret-7f3a9c2b', tenantId: 'acmetenant' } as const;

/** A sandbox serving https with a fresh self-signed certificate, Adobe sign-in on and Profile API auth required. */
export interface SignInSandbox {
  readonly sandbox: RunningSandbox;
  readonly cert: SelfSignedCert;
  readonly httpsBaseUrl: string;
}

/** Starts it; `settings` go over the sign-in settings and SANDBOX_FAST's rate window. */
export async function startSignInSandbox(options: { settings?: SandboxOptions['settings']; processingDelayMs?: number } = {}): Promise<SignInSandbox> {
  const cert = await makeSelfSignedCert();
  const sandbox = await startSandbox({
    tls: { key: cert.key, cert: cert.cert },
    processingDelayMs: options.processingDelayMs ?? 20,
    settings: { ...SANDBOX_FAST, oauth: { ...TEST_OAUTH }, requireAuth: true, authOnStatus: true, ...options.settings },
  });
  return { sandbox, cert, httpsBaseUrl: sandbox.httpsBaseUrl as string };
}

/** `connections.save` arguments for an Adobe-sign-in connection to the sandbox over https, trusting its certificate through the CA file. */
export function oauthConnection(s: SignInSandbox, over: { name?: string; clientSecret?: string; caFile?: string | null; clientCode?: string } = {}) {
  return {
    name: over.name ?? 'Acme (Adobe sign-in)',
    environment: 'Staging',
    color: '',
    clientCode: over.clientCode ?? 'acme',
    apiVersion: 'v2' as const,
    baseUrl: s.httpsBaseUrl,
    auth: { kind: 'adobe-oauth' as const, clientId: TEST_OAUTH.clientId, orgId: 'ACME0123@AdobeOrg', tenantId: TEST_OAUTH.tenantId, imsUrl: s.httpsBaseUrl, adminApiUrl: s.httpsBaseUrl },
    clientSecret: over.clientSecret ?? TEST_OAUTH.clientSecret,
    caFile: over.caFile === undefined ? s.cert.certFile : over.caFile,
  };
}

/** Every credential the sandbox issued (IMS access tokens and the minted Profile API token) plus the client secret. */
export async function issuedCredentials(sandbox: RunningSandbox): Promise<string[]> {
  const t = (await admin(sandbox, 'GET', '/admin/tokens')).json as { minted: { token: string } | null; ims: { token: string }[] };
  return [TEST_OAUTH.clientSecret, ...t.ims.map((x) => x.token), ...(t.minted ? [t.minted.token] : [])];
}

/** A keychain in memory, so secrets go to the encrypted file as they would on a desktop. */
export function memoryKeychain(): OsKeychain {
  let key: Buffer | undefined;
  return { name: 'test', getKey: async () => key, setKey: async (k) => void (key = k) };
}

/** Every file under `dir`, recursively. */
export async function allFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await allFiles(p)));
    else out.push(p);
  }
  return out;
}

/** Returns `where: needle#i` for every text or file under `dir` holding one of `needles` (empty: none does). */
export async function whereSecretsAre(needles: readonly string[], texts: Readonly<Record<string, string>>, dir?: string): Promise<string[]> {
  const found: string[] = [];
  const look = (where: string, text: string) => needles.forEach((n, i) => text.includes(n) && found.push(`${where}: credential #${i}`));
  for (const [where, text] of Object.entries(texts)) look(where, text);
  if (dir) {
    for (const f of await allFiles(dir)) {
      if ((await stat(f)).size <= 50_000_000) look(f, await readFile(f, 'latin1'));
    }
  }
  return found;
}
