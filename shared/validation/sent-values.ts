import type { CompiledMapping } from '../domain/compile-mapping.js';
import { fixValue } from './encode-value.js';
import type { NumberReading } from './number-comma.js';
import type { ValueFixes } from './value-fixes.js';

/**
 * The values one row sends, by the file's column index, as the Review grid and the audience preview
 * show them: the identifier after its transforms, each mapped column after its transforms and the chosen
 * fixes (decoded text, not URL-encoded; a value a transform cannot convert goes unchanged, as it does in
 * the batch). Columns that are not sent are null. `readings` is `numberReadingsOf(mapping, fixes)`.
 */
export function sentCells(cells: readonly string[], mapping: CompiledMapping, fixes: ValueFixes, readings: readonly (NumberReading | null)[]): (string | null)[] {
  const out = new Array<string | null>(Math.max(cells.length, mapping.headerCount)).fill(null);
  const idRaw = cells[mapping.idIndex] ?? '';
  out[mapping.idIndex] = mapping.idTransform === null ? idRaw : (mapping.idTransform(idRaw) ?? idRaw);
  mapping.params.forEach((p, i) => {
    if (p.index < 0 || out[p.index] !== null) return;
    const raw = cells[p.index] ?? '';
    const value = p.transform === null ? raw : (p.transform(raw) ?? raw);
    out[p.index] = value === '' ? '' : fixValue(value, fixes, readings[i] ?? null).value;
  });
  return out;
}
