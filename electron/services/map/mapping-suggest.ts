import { headerFingerprint } from '../../../shared/domain/fingerprint.js';
import { suggestIdColumn, suggestMapping, type KnownName } from '../../../shared/domain/header-match.js';
import { mappingSpecSchema } from '../../../shared/domain/mapping-spec.js';
import { templateFits, type MappingTemplate } from '../../../shared/domain/mapping-template.js';
import type { ColumnSuggestion, MappingSuggestion } from '../../../shared/contract/review.js';
import { suggestParamName, uniqueName } from '../../../shared/domain/param-name-suggest.js';
import { resultCsvColumns } from '../../../shared/jobs/result-columns.js';

/**
 * Suggests a whole mapping for these headers: a saved template that fits them wins outright; otherwise
 * the identifier column from its name, and a parameter per other column (a name used in earlier
 * templates when one matches, else `suggestParamName`: the glossary, romanisation, accents removed),
 * each with a confidence and a reason; names are unique in the file. A result CSV loaded again gets
 * its added columns (outcome, reason, and the machine columns) left out (`ignored`).
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
    idParam: idParamFor(headers, fitting.mapping.idColumn, fitting.mapping.columns.map((c) => c.param)),
    fingerprint: plain.fingerprint,
    template: { name: fitting.name },
    untemplated: { mapping: plain.mapping, idConfidence: plain.idConfidence, columns: plain.columns, idParam: plain.idParam },
  };
}

function plainSuggestion(headers: readonly string[], templates: readonly MappingTemplate[]): MappingSuggestion {
  const fingerprint = headerFingerprint(headers);
  // A result CSV loaded again (fixed in Excel): its own outcome, reason and machine columns are not sent.
  const added = new Set(resultCsvColumns(headers));
  const own = headers.filter((h) => !added.has(h));
  const id = suggestIdColumn(own);
  const idColumn = id?.column ?? own.find((h) => h.trim() !== '') ?? own[0] ?? '';
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
  const taken = new Set<string>();
  headers.forEach((header, position) => {
    if (header === idColumn || header.trim() === '' || columns.some((c) => c.column === header)) return;
    const hit = knownHits.get(header);
    if (hit && hit.confidence >= 0.85) columns.push({ column: header, param: uniqueName(hit.name, taken), confidence: hit.confidence, reason: 'known' });
    else {
      const s = suggestParamName(header, position);
      columns.push({ column: header, param: uniqueName(s.param, taken), confidence: s.confidence, reason: s.reason });
    }
  });
  const mapping = mappingSpecSchema.parse({
    idColumn,
    idKind: id?.kind ?? 'thirdPartyId',
    columns: columns.map((c) => ({ column: c.column, param: c.param })),
    ignored: [...added],
  });
  const idParam = idParamFor(headers, idColumn, columns.map((c) => c.param));
  return { mapping, idConfidence: id?.confidence ?? 0, columns, idParam, fingerprint, template: null, untemplated: null };
}

/** The name the identifier column would be sent under if the user picks another identifier (unique among `params`), or null for an empty header. */
function idParamFor(headers: readonly string[], idColumn: string, params: readonly string[]): ColumnSuggestion | null {
  if (idColumn.trim() === '') return null;
  const s = suggestParamName(idColumn, Math.max(0, headers.indexOf(idColumn)));
  return { column: idColumn, param: uniqueName(s.param, new Set(params.map((p) => p.toLowerCase()))), confidence: s.confidence, reason: s.reason };
}
