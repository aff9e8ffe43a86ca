import glossary from './param-glossary.json' with { type: 'json' };
import { normalizeHeader } from './header-match.js';

/** The glossary as data: a parameter name → the headers (Korean, Japanese, English) that mean it. */
export const PARAM_GLOSSARY: Readonly<Record<string, readonly string[]>> = glossary;

let index: Map<string, string> | null = null;

function glossaryIndex(): Map<string, string> {
  if (index !== null) return index;
  index = new Map();
  for (const [name, headers] of Object.entries(PARAM_GLOSSARY)) {
    for (const h of headers) index.set(normalizeHeader(h), name);
  }
  return index;
}

/** The glossary's parameter name for a header (case, width, spaces and punctuation ignored: `Date of Birth` = `date_of_birth`), or null. */
export function glossaryName(header: string): string | null {
  const key = normalizeHeader(header);
  return key === '' ? null : (glossaryIndex().get(key) ?? null);
}
