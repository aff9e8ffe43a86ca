import { headerFingerprint } from '../../../shared/domain/fingerprint.js';
import { suggestIdColumn, suggestMapping, type KnownName } from '../../../shared/domain/header-match.js';
import { mappingSpecSchema } from '../../../shared/domain/mapping-spec.js';
import { templateFits, type MappingTemplate } from '../../../shared/domain/mapping-template.js';
import type { ColumnSuggestion, MappingSuggestion } from '../../../shared/contract/review.js';

const PLAIN_NAME = /^[A-Za-z][A-Za-z0-9_.-]*$/;

/** Turns a header into a parameter name: `Loyalty Tier` → `loyaltyTier`; keeps non-Latin text (spaces become `_`). */
export function paramNameFor(header: string): string {
  const trimmed = header.normalize('NFKC').trim();
  if (PLAIN_NAME.test(trimmed)) return trimmed;
  const words = trimmed.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
  if (words.length > 0 && /^[A-Za-z]/.test(words[0]!) && words.join('').length >= trimmed.replace(/\s+/g, '').length * 0.6) {
    return words.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join('');
  }
  return trimmed.replace(/[\s,]+/g, '_');
}

/**
 * Suggests a whole mapping for these headers: a saved template that fits them wins outright; otherwise
 * the identifier column from its name, and a parameter per other column (a name used in earlier
 * templates when one matches, else the header made into a clean name), each with a confidence.
 */
export function suggestMappingFor(headers: readonly string[], templates: readonly MappingTemplate[]): MappingSuggestion {
  const fitting = templates.find((t) => templateFits(t, headers));
  // Undo must really go back: the plain suggestion does not learn names from the template it replaces.
  const plain = plainSuggestion(headers, fitting ? templates.filter((t) => t !== fitting) : templates);
  if (!fitting) return plain;
  return {
    mapping: fitting.mapping,
    idConfidence: 1,
    columns: fitting.mapping.columns.map((c) => ({ column: c.column, param: c.param, confidence: 1, reason: 'template' as const })),
    fingerprint: plain.fingerprint,
    template: { name: fitting.name },
    untemplated: { mapping: plain.mapping, idConfidence: plain.idConfidence, columns: plain.columns },
  };
}

function plainSuggestion(headers: readonly string[], templates: readonly MappingTemplate[]): MappingSuggestion {
  const fingerprint = headerFingerprint(headers);
  const id = suggestIdColumn(headers);
  const idColumn = id?.column ?? headers.find((h) => h.trim() !== '') ?? headers[0] ?? '';
  const known: KnownName[] = [];
  const seen = new Set<string>();
  for (const t of templates) {
    for (const c of t.mapping.columns) {
      if (!seen.has(c.param)) {
        seen.add(c.param);
        known.push({ name: c.param, synonyms: [c.column] });
      }
    }
  }
  const knownHits = new Map(suggestMapping(headers.filter((h) => h !== idColumn), known).map((s) => [s.header, s]));
  const columns: ColumnSuggestion[] = [];
  for (const header of headers) {
    if (header === idColumn || header.trim() === '') continue;
    const hit = knownHits.get(header);
    const cleaned = paramNameFor(header);
    if (hit && hit.confidence >= 0.85) columns.push({ column: header, param: hit.name, confidence: hit.confidence, reason: 'known' });
    else if (cleaned === header.trim()) columns.push({ column: header, param: cleaned, confidence: PLAIN_NAME.test(cleaned) ? 1 : 0.6, reason: 'same' });
    else columns.push({ column: header, param: cleaned, confidence: PLAIN_NAME.test(cleaned) ? 0.8 : 0.5, reason: 'cleaned' });
  }
  const mapping = mappingSpecSchema.parse({
    idColumn,
    idKind: id?.kind ?? 'thirdPartyId',
    columns: columns.map((c) => ({ column: c.column, param: c.param })),
  });
  return { mapping, idConfidence: id?.confidence ?? 0, columns, fingerprint, template: null, untemplated: null };
}
