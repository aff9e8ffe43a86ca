// A throw-away TLS certificate for tests, made at test time with the `openssl` binary (Debian ships it
// with ca-certificates; .ci/run installs it where it is missing). It names localhost and 127.0.0.1 and
// signs itself, so a client trusts it only when told to (a connection's CA file, or `ca`).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** A fresh self-signed certificate and its key, as PEM text and as files. */
export interface SelfSignedCert {
  readonly key: string;
  readonly cert: string;
  /** The certificate's PEM file: what a connection names as its CA file. */
  readonly certFile: string;
  readonly keyFile: string;
}

/** Makes a P-256 certificate valid for a day for localhost and 127.0.0.1 in a new temp folder; throws with a plain reason when openssl is missing. */
export async function makeSelfSignedCert(): Promise<SelfSignedCert> {
  const dir = await mkdtemp(join(tmpdir(), 'pl-tls-'));
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  const args = ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=localhost'];
  args.push('-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', keyFile, '-out', certFile);
  try {
    await promisify(execFile)('openssl', args);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    throw new Error(e.code === 'ENOENT' ? 'These tests make a certificate with the openssl command, which is not installed (apt-get install openssl).' : `openssl failed: ${e.message}`);
  }
  return { key: await readFile(keyFile, 'utf8'), cert: await readFile(certFile, 'utf8'), certFile, keyFile };
}
