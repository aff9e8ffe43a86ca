import type { AppError } from '../../shared/contract/index.js';
import { AppCallError } from '../../shared/contract/index.js';

/** Turns a failed contract reply into the AppCallError the UI catches. */
export function toCallError(error: AppError): AppCallError {
  return new AppCallError(error.code, error.message, error.params);
}
