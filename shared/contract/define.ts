import type { z } from 'zod';

/**
 * One call from the UI to the Node side: a zod schema for its single argument object (checked on the
 * Node side for every call, whichever front door it came through) and a phantom result type.
 */
export interface CallDef<A extends z.ZodType = z.ZodType, R = unknown> {
  readonly args: A;
  readonly doc: string;
  /** Phantom: carries the result type; never set at run time. */
  readonly __result?: R;
}

/** Declares a call whose result type is `R`; usage: `defineCall<Result>()(schema, 'what it does')`. */
export function defineCall<R>() {
  return <A extends z.ZodType>(args: A, doc: string): CallDef<A, R> => ({ args, doc });
}

/** The argument type a caller passes (before defaults are applied). */
export type ArgsOf<C> = C extends CallDef<infer A, unknown> ? z.input<A> : never;
/** The argument type a handler receives (after validation and defaults). */
export type ParsedArgsOf<C> = C extends CallDef<infer A, unknown> ? z.output<A> : never;
/** What the call resolves to. */
export type ResultOf<C> = C extends CallDef<z.ZodType, infer R> ? R : never;
