import type { AppError } from '../../shared/contract/index.js';
import { AppCallError, isAppError } from '../../shared/contract/index.js';

/** Turns a failed contract reply into the AppCallError the UI catches. */
export function toCallError(error: AppError): AppCallError {
  return new AppCallError(error.code, error.message, error.params);
}

/** Any failure of a call as the one problem shape the stores hold: an AppError as it came (code, message, params), anything else as `internal`. */
export function problemOf(error: unknown): AppError {
  if (!isAppError(error)) return { code: 'internal', message: String(error) };
  return error.params ? { code: error.code, message: error.message, params: error.params } : { code: error.code, message: error.message };
}
