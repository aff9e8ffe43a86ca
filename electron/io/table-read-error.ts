/** Codes of problems that make a file unusable (thrown as TableReadError). */
export type TableErrorCode =
  | 'empty-file'
  | 'binary-file'
  | 'corrupt-xlsx'
  | 'unsupported-format'
  | 'no-header'
  | 'line-too-long'
  | 'cancelled'
  | 'not-found'
  | 'unreadable'
  | 'workbook-limit';

/**
 * A file the readers cannot use: a stable `code`, a plain-words English `message`, typed `params` for
 * the UI's own words, and (older codes) a Korean `messageKo`.
 */
export class TableReadError extends Error {
  override readonly name = 'TableReadError';
  readonly code: TableErrorCode;
  readonly messageKo: string | undefined;
  readonly params: Readonly<Record<string, string | number>> | undefined;

  constructor(code: TableErrorCode, message: string, messageKo?: string, params?: Readonly<Record<string, string | number>>) {
    super(message);
    this.code = code;
    this.messageKo = messageKo;
    this.params = params;
  }
}

/** Returns the TableReadError for a Node fs error (ENOENT → not-found, anything else → unreadable). */
export function fsError(e: unknown, path: string): TableReadError {
  if (e instanceof TableReadError) return e;
  const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
  if (code === 'ENOENT') {
    return new TableReadError('not-found', `File not found: ${path}`, `파일을 찾을 수 없습니다: ${path}`);
  }
  if (code === 'EISDIR') {
    return new TableReadError('unreadable', `This is a folder, not a file: ${path}`, `파일이 아니라 폴더입니다: ${path}`);
  }
  return new TableReadError(
    'unreadable',
    `The file could not be read (${code || 'unknown error'}): ${path}`,
    `파일을 읽을 수 없습니다 (${code || '알 수 없는 오류'}): ${path}`,
  );
}

/** Returns the error thrown when a read is cancelled through its AbortSignal. */
export function cancelledError(): TableReadError {
  return new TableReadError('cancelled', 'Reading the file was cancelled.', '파일 읽기가 취소되었습니다.');
}
