import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import tls from 'node:tls';
import { AppCallError } from '../../shared/contract/errors.js';

/** Which certificate authorities an https call trusts: an id (for connection pooling) and the PEM list, or undefined for Node's own. */
export interface TlsTrust {
  readonly id: string;
  readonly ca: readonly string[] | undefined;
}

/** Where Linux distributions keep the system's trusted roots (Node 20 has no API for the OS store). */
const SYSTEM_BUNDLES = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt', '/etc/ssl/ca-bundle.pem', '/etc/ssl/cert.pem'];

let osRoots: Promise<readonly string[]> | undefined;

/** The operating system's trusted roots: Node's `tls.getCACertificates('system')` where it exists (Electron), else the Linux bundle file. */
function systemRoots(): Promise<readonly string[]> {
  osRoots ??= (async () => {
    const api = (tls as { getCACertificates?: (kind: string) => string[] }).getCACertificates;
    if (api) {
      try {
        return api('system');
      } catch {
        return [];
      }
    }
    for (const path of SYSTEM_BUNDLES) {
      const text = await readFile(path, 'utf8').catch(() => undefined);
      if (text?.includes('-----BEGIN CERTIFICATE-----')) return [text];
    }
    return [];
  })();
  return osRoots;
}

/**
 * Returns what a connection's https calls trust: Node's bundled roots, the operating system's store
 * (corporate roots installed there work), and the connection's extra CA file (PEM) when it names one.
 * Throws AppCallError `ca-file-unreadable` or `ca-file-not-pem` when that file cannot be read or holds no certificate.
 */
export async function loadTlsTrust(caFile: string | null): Promise<TlsTrust> {
  const os = await systemRoots();
  if (caFile === null) return { id: 'system', ca: [...tls.rootCertificates, ...os] };
  let extra: string;
  try {
    extra = await readFile(caFile, 'utf8');
  } catch (error) {
    const errno = (error as NodeJS.ErrnoException).code;
    throw new AppCallError('ca-file-unreadable', { path: caFile, ...(errno === undefined ? {} : { errno }) });
  }
  if (!extra.includes('-----BEGIN CERTIFICATE-----')) throw new AppCallError('ca-file-not-pem', { path: caFile });
  const hash = createHash('sha256').update(extra).digest('hex').slice(0, 16);
  return { id: `ca:${hash}`, ca: [...tls.rootCertificates, ...os, extra] };
}
