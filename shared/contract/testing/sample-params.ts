// Test support: params for every sentence of a registry (error or issue) code, built from the code's
// zod shape, so tests can put every code into words in every language without listing them by hand.
import type { z } from 'zod';

type Sample = Record<string, string | number | (string | number)[]>;

function sampleOf(schema: z.ZodType): { values: readonly (string | number | (string | number)[])[] } {
  const def = (schema as unknown as { def: { type: string; innerType?: z.ZodType; element?: z.ZodType; entries?: Record<string, string> } }).def;
  switch (def.type) {
    case 'optional':
      return sampleOf(def.innerType as z.ZodType);
    case 'string':
      return { values: ['sample'] };
    case 'number':
      return { values: [1204] };
    case 'array': {
      const inner = sampleOf(def.element as z.ZodType).values[0] as string | number;
      return { values: [[inner, inner]] };
    }
    case 'enum':
      return { values: Object.values(def.entries ?? {}) };
    default:
      throw new Error(`no sample for a ${def.type} param`);
  }
}

/** One params object per sentence of a code: every param set (optional ones too), one object per `variant`. */
export function sampleParams(shape: z.ZodObject): Sample[] {
  const base: Sample = {};
  let variants: readonly string[] = [];
  for (const [name, field] of Object.entries(shape.shape as Record<string, z.ZodType>)) {
    const { values } = sampleOf(field);
    if (name === 'variant') variants = values as string[];
    else base[name] = values[0] as Sample[string];
  }
  return variants.length === 0 ? [base] : variants.map((variant) => ({ ...base, variant }));
}

/** The names of a code's params. */
export function paramNames(shape: z.ZodObject): string[] {
  return Object.keys(shape.shape);
}
