import type { AppError } from '../../shared/contract/index.js';
import { isAppError } from '../../shared/contract/index.js';

/** Any failure of a call as the one problem shape the stores hold: an AppError as it came (code, message, params), anything else as `internal`. */
export function problemOf(error: unknown): AppError {
  if (!isAppError(error)) return { code: 'internal', message: String(error) };
  return error.params ? ({ code: error.code, message: error.message, params: error.params } as AppError) : ({ code: error.code, message: error.message } as AppError);
}
