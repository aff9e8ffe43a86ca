import type { CallName, Calls } from '../../shared/contract/index.js';
import type { ParsedArgsOf, ResultOf } from '../../shared/contract/define.js';

/** The Node-side implementation of every contract call; each front door dispatches into one of these. */
export type Handlers = {
  readonly [K in CallName]: (args: ParsedArgsOf<Calls[K]>) => Promise<ResultOf<Calls[K]>>;
};

/** A slice of the handlers that one service contributes. */
export type HandlerSlice<K extends CallName> = Pick<Handlers, K>;
