import { z } from 'zod';
import { numberReadingSchema, type NumberReading } from './number-comma.js';

/** What to do with a comma or a line break inside a value (spec §2.4: unsafe even when encoded). */
export const valueFixSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('block') }),
  z.object({ kind: z.literal('strip') }),
  z.object({ kind: z.literal('replace'), with: z.string().max(8).refine((s) => !/[,\r\n]/.test(s), 'the replacement may not hold a comma or a line break') }),
]);
export type ValueFix = z.infer<typeof valueFixSchema>;

/**
 * How numbers written with a comma (`1.234,50`, `1,234,567`) are read: per column (what the Review step
 * sets after showing real values before and after), else `all` (the CLI's `--comma decimal`). A number
 * with no reading stays blocked; the text fix (`comma`) never touches it.
 */
export const numberReadingsSchema = z.object({
  columns: z.record(z.string(), numberReadingSchema).default({}),
  all: numberReadingSchema.nullable().default(null),
});
export type NumberReadings = z.infer<typeof numberReadingsSchema>;

export const valueFixesSchema = z.object({
  /** Commas in text (values that are not numbers). */
  comma: valueFixSchema.default({ kind: 'block' }),
  lineBreak: valueFixSchema.default({ kind: 'block' }),
  numbers: numberReadingsSchema.default({ columns: {}, all: null }),
  /** Values longer than 256 characters (spec §12.5: Target keeps 256): `keep` sends them whole with a warning (absent = keep), `cut` sends the first 256. */
  longValues: z.enum(['keep', 'cut']).optional(),
});
export type ValueFixes = z.infer<typeof valueFixesSchema>;

/** Blocking by default: nothing is changed unless the user chose a fix. */
export const DEFAULT_VALUE_FIXES: ValueFixes = { comma: { kind: 'block' }, lineBreak: { kind: 'block' }, numbers: { columns: {}, all: null } };

/** The reading chosen for a column's numbers, or null when they stay blocked. */
export function readingFor(fixes: ValueFixes, column: string): NumberReading | null {
  return fixes.numbers.columns[column] ?? fixes.numbers.all;
}
