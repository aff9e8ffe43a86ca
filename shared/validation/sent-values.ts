import { paramCell, paramValue, rowId, type CompiledMapping } from '../domain/compile-mapping.js';
import { fixValue } from './encode-value.js';
import type { NumberReading } from './number-comma.js';
import type { ValueFixes } from './value-fixes.js';

/**
 * The values one row sends, by the file's column index, as the Review grid and the audience preview
 * show them: the identifier after its transforms, each mapped column after its transforms and every
 * value rule (`fixValue`, as checkRow applies them; decoded text, not URL-encoded; a value a transform
 * cannot convert goes unchanged, as it does in the batch). Columns that are not sent are null.
 * `readings` is `numberReadingsOf(mapping, fixes)`.
 */
export function sentCells(cells: readonly string[], mapping: CompiledMapping, fixes: ValueFixes, readings: readonly (NumberReading | null)[]): (string | null)[] {
  const out = new Array<string | null>(Math.max(cells.length, mapping.headerCount)).fill(null);
  out[mapping.idIndex] = rowId(mapping, cells);
  mapping.params.forEach((p, i) => {
    if (p.index < 0 || out[p.index] !== null) return;
    const value = paramValue(p, cells) ?? paramCell(p, cells);
    out[p.index] = value === '' ? '' : (fixValue(value, fixes, readings[i] ?? null)?.value ?? value);
  });
  return out;
}
