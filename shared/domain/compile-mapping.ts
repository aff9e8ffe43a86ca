import type { IdKind } from './id-kind.js';
import type { MappingSpec } from './mapping-spec.js';
import { compileTransforms, failingStep, type CompiledTransform } from './column-transforms.js';
import type { ColumnTransform } from './mapping-spec.js';
import { compileDateAmbiguity } from './date-formats.js';

/** One parameter of the compiled mapping: where its value comes from (column index, or a constant). */
export interface CompiledParam {
  readonly name: string;
  /** Header name of the source column; '' for a constant. */
  readonly column: string;
  /** Index in the row's cells; -1 for a constant. */
  readonly index: number;
  readonly transform: CompiledTransform | null;
  readonly constant: string | null;
  /** The column's transform chain as written (to tell which step rejected a value). */
  readonly transforms: readonly ColumnTransform[];
  /** True for a cell its date step reads but that is another date with day and month swapped; null without such a step. */
  readonly ambiguousDate: ((cell: string) => boolean) | null;
}

/** The issue a rejected cell raises: an unreadable date, a value a value map does not list, or any other failed step. */
export function failureKind(p: CompiledParam, cell: string): 'date' | 'valueMap' | 'other' {
  const kind = failingStep(p.transforms, cell);
  return kind === 'date' ? 'date' : kind === 'valueMap' ? 'valueMap' : 'other';
}

/** A mapping resolved against one file's headers, ready to apply to every row. */
export interface CompiledMapping {
  readonly idKind: IdKind;
  readonly idColumn: string;
  readonly idIndex: number;
  readonly idTransform: CompiledTransform | null;
  /** Column-sourced parameters first, in mapping order, then constants. */
  readonly params: readonly CompiledParam[];
  readonly headerCount: number;
}

export type CompileMappingResult =
  | { readonly ok: true; readonly mapping: CompiledMapping }
  | { readonly ok: false; readonly missingId: string | null; readonly missingColumns: readonly string[] };

/** Resolves column names to indexes (first header of that name wins); reports every column the file lacks. */
export function compileMapping(spec: MappingSpec, headers: readonly string[]): CompileMappingResult {
  const index = new Map<string, number>();
  headers.forEach((h, i) => {
    if (!index.has(h)) index.set(h, i);
  });
  const idIndex = index.get(spec.idColumn);
  const missingColumns = spec.columns.filter((c) => !index.has(c.column)).map((c) => c.column);
  if (idIndex === undefined || missingColumns.length > 0) {
    return { ok: false, missingId: idIndex === undefined ? spec.idColumn : null, missingColumns };
  }
  const ignored = new Set(spec.ignored);
  const params: CompiledParam[] = spec.columns
    .filter((c) => !ignored.has(c.column))
    .map((c) => ({
      name: c.param,
      column: c.column,
      index: index.get(c.column) ?? -1,
      transform: compileTransforms(c.transforms),
      constant: null,
      transforms: c.transforms,
      ambiguousDate: dateAmbiguityOf(c.transforms),
    }));
  for (const k of spec.constants) params.push({ name: k.param, column: '', index: -1, transform: null, constant: k.value, transforms: [], ambiguousDate: null });
  return {
    ok: true,
    mapping: { idKind: spec.idKind, idColumn: spec.idColumn, idIndex, idTransform: compileTransforms(spec.idTransforms), params, headerCount: headers.length },
  };
}

function dateAmbiguityOf(transforms: readonly ColumnTransform[]): ((cell: string) => boolean) | null {
  const date = transforms.find((t) => t.kind === 'date');
  if (date?.kind !== 'date') return null;
  const test = compileDateAmbiguity(date.from);
  return test && ((cell) => test(cell.trim()));
}

// A row is `cells[offset] … cells[offset + count - 1]`: the readers hand the prepare loop many rows in one
// flat array, and a cell past the end of a short row reads as ''.

/** The identifier a row sends: its id cell after the id transforms (the cell as it is when a transform rejects it). */
export function rowId(m: CompiledMapping, cells: readonly string[], offset = 0, count = cells.length - offset): string {
  const raw = m.idIndex < count ? (cells[offset + m.idIndex] ?? '') : '';
  return m.idTransform === null ? raw : (m.idTransform(raw) ?? raw);
}

/** The cell parameter `p` reads in a row ('' for a constant). */
export function paramCell(p: CompiledParam, cells: readonly string[], offset = 0, count = cells.length - offset): string {
  return p.index >= 0 && p.index < count ? (cells[offset + p.index] ?? '') : '';
}

/** What parameter `p` sends for a row: its constant, or its cell after the column's transforms; null when a transform rejects the cell. */
export function paramValue(p: CompiledParam, cells: readonly string[], offset = 0, count = cells.length - offset): string | null {
  if (p.constant !== null) return p.constant;
  const v = paramCell(p, cells, offset, count);
  return p.transform === null ? v : p.transform(v);
}
