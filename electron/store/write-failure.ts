import { AppCallError, type ErrorVariant } from '../../shared/contract/errors.js';

/** Codes of a file the app could not write: `disk-full` (no space or no inodes left) or `write-failed` (anything else). */
export type WriteFailureCode = 'disk-full' | 'write-failed';

/** Why a write failed, by the system's error code (the words are the renderer's and the CLI's). */
const WHY: Readonly<Record<string, ErrorVariant<'write-failed'>>> = {
  EACCES: 'denied',
  EPERM: 'denied',
  EROFS: 'read-only',
  ENOENT: 'folder-gone',
  ENOTDIR: 'folder-gone',
  EISDIR: 'folder-in-the-way',
  EMFILE: 'too-many-open',
  ENFILE: 'too-many-open',
  EIO: 'disk-error',
  EFBIG: 'too-large',
};

/**
 * A write under the app's control failed: `disk-full` (ENOSPC, EDQUOT) or `write-failed` with the
 * reason as its variant; `path` names the file and `errno` is the system's code ('' when there was none).
 */
export class WriteFailedError extends AppCallError<WriteFailureCode> {
  readonly path: string;
  readonly errno: string;

  constructor(path: string, errno: string) {
    const disk = errno === 'ENOSPC' || errno === 'EDQUOT';
    // The params match the code chosen on the same line: disk-full names the path, write-failed also why.
    super(disk ? 'disk-full' : 'write-failed', (disk ? { path } : { variant: WHY[errno] ?? 'other', path, ...(errno ? { errno } : {}) }) as never);
    this.name = 'WriteFailedError';
    this.path = path;
    this.errno = errno;
  }
}

/** Returns `error` as a WriteFailedError about `path` (an existing WriteFailedError is kept as it is). */
export function writeFailure(error: unknown, path: string): WriteFailedError {
  if (error instanceof WriteFailedError) return error;
  const errno = typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : '';
  return new WriteFailedError(path, errno);
}
