// The one way the Node side writes a file that must be whole: a private temp file beside the target,
// every byte written, fsynced, then renamed over the target — readers see the old file or the new
// one, never half. Files are 0600 and the folders made for them 0700 (they may hold personal data).
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import writeFileAtomicLib from 'write-file-atomic';
import { writeFailure } from './write-failure.js';

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** Creates `dir` and any missing parents as private (0700) folders; throws WriteFailedError. */
export async function ensurePrivateDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  } catch (error) {
    throw writeFailure(error, dir);
  }
}

/**
 * Writes `data` to `path` atomically (temp file, fsync, rename) as a private file. Throws
 * WriteFailedError naming `path` and the reason; the temp file never stays behind.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await ensurePrivateDir(dirname(path));
  try {
    await writeFileAtomicLib(path, typeof data === 'string' ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength), { mode: PRIVATE_FILE_MODE, fsync: true });
  } catch (error) {
    throw writeFailure(error, path);
  }
}

/**
 * Writes every byte of `data` at `position` (the current offset when null). One write(2) may write
 * fewer bytes than asked (a nearly full disk); this loops until all are written or a write fails.
 */
export async function writeFully(handle: FileHandle, data: Uint8Array, position: number | null = null): Promise<void> {
  let offset = 0;
  while (offset < data.byteLength) {
    const { bytesWritten } = await handle.write(data, offset, data.byteLength - offset, position === null ? null : position + offset);
    if (bytesWritten <= 0) throw Object.assign(new Error('no byte could be written'), { code: 'ENOSPC' });
    offset += bytesWritten;
  }
}

/** A file being written in pieces that appears at its path only when committed. */
export interface AtomicFile {
  /** Where the file appears once committed. */
  readonly path: string;
  /** Writes every byte of `chunk`; throws WriteFailedError (the file can then only be aborted). */
  write(chunk: string | Uint8Array): Promise<void>;
  /** Fsyncs, closes and renames the temp file onto `path`; throws WriteFailedError, removing the temp file. */
  commit(): Promise<void>;
  /** Closes and removes the temp file; never throws. */
  abort(): Promise<void>;
}

/** Opens a private temp file beside `path` for an atomic, piecewise write; throws WriteFailedError. */
export async function createAtomicFile(path: string): Promise<AtomicFile> {
  await ensurePrivateDir(dirname(path));
  // A unique temp name: two writers of the same file (a job ending while a download asks) never share one.
  const tmp = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  let handle: FileHandle | null;
  try {
    handle = await open(tmp, 'wx', PRIVATE_FILE_MODE);
  } catch (error) {
    throw writeFailure(error, path);
  }
  const closeQuietly = async (): Promise<void> => {
    const h = handle;
    handle = null;
    await h?.close().catch(() => undefined);
  };
  const abort = async (): Promise<void> => {
    await closeQuietly();
    await rm(tmp, { force: true }).catch(() => undefined);
  };
  const fail = async (error: unknown): Promise<never> => {
    await abort();
    throw writeFailure(error, path);
  };
  return {
    path,
    async write(chunk) {
      if (handle === null) throw writeFailure(new Error('closed'), path);
      try {
        await writeFully(handle, typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
      } catch (error) {
        await fail(error);
      }
    },
    async commit() {
      if (handle === null) throw writeFailure(new Error('closed'), path);
      try {
        await handle.sync();
        await handle.close();
        handle = null;
        await rename(tmp, path);
      } catch (error) {
        await fail(error);
      }
    },
    abort,
  };
}
