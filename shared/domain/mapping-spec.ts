import { z } from 'zod';
import { idKindSchema } from './id-kind.js';

/** One step of a per-column transform chain, applied in order to the raw cell text. */
export const columnTransformSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('trim') }),
  z.object({ kind: z.literal('case'), to: z.enum(['upper', 'lower']) }),
  z.object({
    kind: z.literal('valueMap'),
    map: z.record(z.string(), z.string()),
    ignoreCase: z.boolean().default(false),
    /** What to do with a value the map does not list. */
    otherwise: z.enum(['keep', 'empty', 'fail']).default('keep'),
  }),
  z.object({
    kind: z.literal('date'),
    /** A pattern of YYYY MM DD HH mm ss and literal characters (the Map step writes one of DATE_SOURCE_FORMATS), or 'auto' for year-first and DD.MM.YYYY shapes. */
    from: z.string().min(1),
    to: z.string().min(1),
  }),
  z.object({ kind: z.literal('boolean'), trueValue: z.string().default('true'), falseValue: z.string().default('false') }),
  /** A pseudonymous value: SHA-256 (64 lower-case hex characters) of the trimmed, lower-cased value; an empty value stays empty. */
  z.object({ kind: z.literal('hash'), algorithm: z.literal('sha256').default('sha256') }),
]);
export type ColumnTransform = z.infer<typeof columnTransformSchema>;

/** A source column sent under a profile parameter name. */
export const columnMappingSchema = z.object({
  column: z.string(),
  param: z.string(),
  transforms: z.array(columnTransformSchema).default([]),
});
export type ColumnMapping = z.infer<typeof columnMappingSchema>;

/** A parameter sent with the same value on every row. */
export const constantParamSchema = z.object({ param: z.string(), value: z.string() });
export type ConstantParam = z.infer<typeof constantParamSchema>;

/** The whole mapping: which column is the key, which columns go where, what is left out. */
export const mappingSpecSchema = z.object({
  idColumn: z.string(),
  idKind: idKindSchema,
  idTransforms: z.array(columnTransformSchema).default([{ kind: 'trim' }]),
  columns: z.array(columnMappingSchema).default([]),
  ignored: z.array(z.string()).default([]),
  constants: z.array(constantParamSchema).default([]),
  /**
   * Columns the personal-data guard found that the user chose to send anyway (an explicit choice, kept in
   * templates and in the job). A resident registration number is never sent, whatever this says.
   */
  allowPersonalData: z.array(z.string()).default([]),
});
export type MappingSpec = z.infer<typeof mappingSpecSchema>;
export type MappingSpecInput = z.input<typeof mappingSpecSchema>;

/**
 * Returns the mapping that sends every column but the identifier under its own header name; columns
 * without a header, and repeats of a header already taken, are left out.
 */
export function defaultMapping(headers: readonly string[], idColumn: string, idKind: MappingSpec['idKind']): MappingSpec {
  const seen = new Set<string>([idColumn]);
  const columns: { column: string; param: string }[] = [];
  for (const h of headers) {
    if (h.trim() === '' || seen.has(h)) continue;
    seen.add(h);
    columns.push({ column: h, param: h });
  }
  return mappingSpecSchema.parse({ idColumn, idKind, columns });
}
