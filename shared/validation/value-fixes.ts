import { z } from 'zod';

/** What to do with a comma or a line break inside a value (spec §2.4: unsafe even when encoded). */
export const valueFixSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('block') }),
  z.object({ kind: z.literal('strip') }),
  z.object({ kind: z.literal('replace'), with: z.string().max(8).refine((s) => !/[,\r\n]/.test(s), 'the replacement may not hold a comma or a line break') }),
]);
export type ValueFix = z.infer<typeof valueFixSchema>;

export const valueFixesSchema = z.object({
  comma: valueFixSchema.default({ kind: 'block' }),
  lineBreak: valueFixSchema.default({ kind: 'block' }),
});
export type ValueFixes = z.infer<typeof valueFixesSchema>;

/** Blocking by default: nothing is changed unless the user chose a fix. */
export const DEFAULT_VALUE_FIXES: ValueFixes = { comma: { kind: 'block' }, lineBreak: { kind: 'block' } };
