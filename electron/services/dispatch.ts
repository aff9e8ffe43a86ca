import { calls, isCallName } from '../../shared/contract/index.js';
import { AppCallError } from '../../shared/contract/errors.js';
import { failedReply, okReply, type Reply } from '../../shared/contract/reply.js';
import type { Handlers } from './handlers.js';

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
): Promise<Reply> {
  if (!isCallName(name)) return failedReply('unknown-call', { call: name });
  const parsed = calls[name].args.safeParse(rawArgs ?? {});
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return failedReply('bad-arguments', { call: name, field: first?.path.join('.') ?? '', detail: first?.message ?? 'invalid' });
  }
  try {
    const handler = handlers[name] as (args: unknown) => Promise<unknown>;
    return okReply(await handler(parsed.data));
  } catch (error) {
    if (error instanceof AppCallError) return { ok: false, error: error.toJSON() };
    log(`[dispatch] ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return failedReply('internal');
  }
}
