// Files a browser-mode page uploads: each lands, private (0600), in its own folder under
// `<state>/uploads`, is refused past the size cap, and the folder is emptied at every start (an
// upload is only ever needed while its page has it open; FileService deletes it when it is closed).
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import { basename, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../store/atomic-file.js';
import { WriteFailedError, writeFailure } from '../store/write-failure.js';

/** Returns the uploads folder of a state folder. */
export function uploadsFolder(homeDir: string): string {
  return join(homeDir, 'uploads');
}

/** Deletes every upload left by an earlier run and returns the (empty, private) uploads folder. */
export async function clearUploads(homeDir: string): Promise<string> {
  const dir = uploadsFolder(homeDir);
  await rm(dir, { recursive: true, force: true });
  await ensurePrivateDir(dir);
  return dir;
}

/** How an upload ended. */
export type UploadOutcome =
  | { readonly kind: 'ok'; readonly path: string }
  | { readonly kind: 'too-large' }
  | { readonly kind: 'interrupted' }
  | { readonly kind: 'failed'; readonly error: WriteFailedError };

class TooLarge extends Error {}

/**
 * Streams a request body into a new private file named after `name` (path parts and odd characters
 * removed) and resolves with its path; stops past `maxBytes`. Nothing is left behind unless it is `ok`.
 */
export async function receiveUpload(req: IncomingMessage, uploadsDir: string, name: string, maxBytes: number): Promise<UploadOutcome> {
  const safe = basename(name).replace(/[^\p{L}\p{N}._ -]/gu, '_') || 'upload.csv';
  const dir = join(uploadsDir, randomUUID());
  const path = join(dir, safe);
  let bytes = 0;
  const cap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      done(bytes > maxBytes ? new TooLarge() : null, chunk);
    },
  });
  try {
    await ensurePrivateDir(dir);
    await pipeline(req, cap, createWriteStream(path, { flags: 'wx', mode: PRIVATE_FILE_MODE }));
    return { kind: 'ok', path };
  } catch (error) {
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    if (error instanceof TooLarge) return { kind: 'too-large' };
    if (error instanceof WriteFailedError) return { kind: 'failed', error };
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('E') && code !== 'ECONNRESET' && code !== 'EPIPE') return { kind: 'failed', error: writeFailure(error, path) };
    return { kind: 'interrupted' };
  }
}
