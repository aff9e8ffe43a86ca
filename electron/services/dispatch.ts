import { calls, isCallName } from '../../shared/contract/index.js';
import type { AppError } from '../../shared/contract/errors.js';
import { AppCallError } from '../../shared/contract/errors.js';
import { WriteFailedError } from '../store/write-failure.js';
import type { Handlers } from './handlers.js';

/** The outcome of one dispatched call, ready to serialise over IPC or HTTP. */
export type DispatchResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: AppError };

/**
 * Validates `rawArgs` against the contract's schema for `name` and runs its handler. Never throws:
 * bad arguments, unknown calls and handler failures come back as `{ ok: false, error }`; unexpected
 * failures are logged with their stack and reach the caller only as a plain `internal` error.
 */
export async function dispatchCall(
  handlers: Handlers,
  name: string,
  rawArgs: unknown,
  log: (line: string) => void = (line) => console.error(line),
): Promise<DispatchResult> {
  if (!isCallName(name)) return { ok: false, error: { code: 'unknown-call', message: `Unknown call "${name}".` } };
  const parsed = calls[name].args.safeParse(rawArgs ?? {});
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first && first.path.length > 0 ? ` (${first.path.join('.')})` : '';
    return { ok: false, error: { code: 'bad-arguments', message: `Bad arguments for ${name}${where}: ${first?.message ?? 'invalid'}` } };
  }
  try {
    const handler = handlers[name] as (args: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    if (error instanceof AppCallError) return { ok: false, error: error.toJSON() };
    if (error instanceof WriteFailedError) return { ok: false, error: { code: error.code, message: error.message, params: error.params } };
    log(`[dispatch] ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return { ok: false, error: { code: 'internal', message: 'Something went wrong on our side. The details are in the log.' } };
  }
}
