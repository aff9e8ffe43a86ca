import { AppCallError, type ParamsArg } from '../../shared/contract/errors.js';

/** Codes of problems that make a file unusable (thrown as TableReadError; see docs/file-formats.md). */
export type TableErrorCode =
  | 'empty-file'
  | 'binary-file'
  | 'corrupt-xlsx'
  | 'unsupported-format'
  | 'no-header'
  | 'line-too-long'
  | 'cancelled'
  | 'not-found'
  | 'unreadable';

/** A file the readers cannot use: a stable registry `code` and the params its words quote. */
export class TableReadError<C extends TableErrorCode = TableErrorCode> extends AppCallError<C> {
  constructor(code: C, ...params: ParamsArg<C>) {
    super(code, ...params);
    this.name = 'TableReadError';
  }
}

/** Returns the TableReadError for a Node fs error (ENOENT → not-found, a folder or anything else → unreadable). */
export function fsError(e: unknown, path: string): TableReadError {
  if (e instanceof TableReadError) return e;
  const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
  if (code === 'ENOENT') return new TableReadError('not-found', { path });
  if (code === 'EISDIR') return new TableReadError('unreadable', { variant: 'folder', path });
  return new TableReadError('unreadable', { variant: 'io', path, ...(code ? { errno: code } : {}) });
}

/** Returns the error thrown when a read is cancelled through its AbortSignal. */
export function cancelledError(): TableReadError {
  return new TableReadError('cancelled', { variant: 'read' });
}
