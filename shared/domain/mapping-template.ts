import { z } from 'zod';
import { mappingSpecSchema, type MappingSpec } from './mapping-spec.js';
import { headerFingerprint } from './fingerprint.js';

/** A saved mapping, keyed by the fingerprint of the headers it was made for. */
export const mappingTemplateSchema = z.object({
  version: z.literal(1),
  name: z.string().min(1),
  fingerprint: z.string(),
  headers: z.array(z.string()),
  mapping: mappingSpecSchema,
  createdAt: z.string().optional(),
});
export type MappingTemplate = z.infer<typeof mappingTemplateSchema>;

/** Returns a template for these headers and this mapping. */
export function makeTemplate(name: string, headers: readonly string[], mapping: MappingSpec, createdAt?: string): MappingTemplate {
  return { version: 1, name, fingerprint: headerFingerprint(headers), headers: [...headers], mapping, ...(createdAt ? { createdAt } : {}) };
}

/** A parsed template, or why the text is not one (`field`: where the first problem is; `detail`: the checker's diagnostic). */
export type TemplateParseResult =
  | { readonly ok: true; readonly template: MappingTemplate }
  | { readonly ok: false; readonly reason: 'not-json' }
  | { readonly ok: false; readonly reason: 'invalid'; readonly field: string; readonly detail: string };

/** Parses template JSON text; never throws, returns why when the text is not a template. */
export function parseTemplate(text: string): TemplateParseResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not-json' };
  }
  const parsed = mappingTemplateSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, reason: 'invalid', field: first?.path.join('.') ?? '', detail: first?.message ?? 'unknown shape' };
  }
  return { ok: true, template: parsed.data };
}

/** Returns true when the template was made for a file with these headers (same set, any order). */
export function templateFits(template: MappingTemplate, headers: readonly string[]): boolean {
  return template.fingerprint === headerFingerprint(headers);
}
