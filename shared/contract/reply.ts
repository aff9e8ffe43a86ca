import { AppCallError, type AppError, type ErrorCode, type ParamsArg } from './errors.js';

/** The envelope every contract call answers with, through every front door (IPC, HTTP, the preload). */
export type Reply<T = unknown> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppError };

/** A successful reply carrying `value`. */
export function okReply<T>(value: T): Reply<T> {
  return { ok: true, value };
}

/** A failed reply for a registry code and its params. */
export function failedReply<C extends ErrorCode>(code: C, ...params: ParamsArg<C>): Reply<never> {
  return { ok: false, error: new AppCallError(code, ...params).toJSON() };
}

/** The value of a reply, or the AppCallError it carries, thrown. */
export function unwrapReply<T>(reply: Reply<T>): T {
  if (!reply.ok) throw AppCallError.from(reply.error);
  return reply.value;
}
