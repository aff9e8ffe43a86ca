/** Codes of a file the app could not write: `disk-full` (no space or no inodes left) or `write-failed` (anything else). */
export type WriteFailureCode = 'disk-full' | 'write-failed';

/** Plain words for the errno of a failed write. */
const REASONS: Readonly<Record<string, string>> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'your disk quota is used up',
  EACCES: 'the app is not allowed to write there',
  EPERM: 'the app is not allowed to write there',
  EROFS: 'the disk is read-only',
  ENOENT: 'the folder is gone',
  ENOTDIR: 'a file stands where a folder should be',
  EISDIR: 'a folder stands where the file should be',
  EMFILE: 'too many files are open',
  ENFILE: 'too many files are open',
  EIO: 'the disk reported an error',
  EFBIG: 'the file is too large for this disk',
};

/**
 * A write under the app's control failed. `code` is stable, `path` names the file, `reason` says why
 * in plain words; `message` is the English sentence the CLI prints and logs keep.
 */
export class WriteFailedError extends Error {
  override readonly name = 'WriteFailedError';
  readonly code: WriteFailureCode;
  readonly reason: string;

  constructor(
    readonly path: string,
    /** The system's error code (ENOSPC, EACCES…), or '' when there was none. */
    readonly errno: string,
  ) {
    const reason = REASONS[errno] ?? `the file could not be written${errno ? ` (${errno})` : ''}`;
    const code: WriteFailureCode = errno === 'ENOSPC' || errno === 'EDQUOT' ? 'disk-full' : 'write-failed';
    super(code === 'disk-full' ? `The disk is full (${path}): free some space, then try again.` : `Could not write ${path}: ${reason}.`);
    this.code = code;
    this.reason = reason;
  }

  /** The params a front door passes on with the code. */
  get params(): { path: string; reason: string } {
    return { path: this.path, reason: this.reason };
  }
}

/** Returns `error` as a WriteFailedError about `path` (an existing WriteFailedError is kept as it is). */
export function writeFailure(error: unknown, path: string): WriteFailedError {
  if (error instanceof WriteFailedError) return error;
  const errno = typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : '';
  return new WriteFailedError(path, errno);
}
