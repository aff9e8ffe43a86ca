import type { ColumnMapping, ColumnTransform, MappingSpec } from '../../../shared/domain/mapping-spec.js';
import type { ColumnSuggestion } from '../../../shared/contract/index.js';

/** The transform choices the Map step offers, each a fixed transform chain. */
export const transformChoices = ['none', 'trim', 'upper', 'lower', 'boolean', 'date'] as const;
export type TransformChoice = (typeof transformChoices)[number];

/** Returns the transform chain for a choice. */
export function transformsFor(choice: TransformChoice): ColumnTransform[] {
  switch (choice) {
    case 'none':
      return [];
    case 'trim':
      return [{ kind: 'trim' }];
    case 'upper':
      return [{ kind: 'case', to: 'upper' }];
    case 'lower':
      return [{ kind: 'case', to: 'lower' }];
    case 'boolean':
      return [{ kind: 'boolean', trueValue: 'true', falseValue: 'false' }];
    case 'date':
      return [{ kind: 'date', from: 'auto', to: 'YYYY-MM-DD' }];
  }
}

/** Returns which choice a transform chain corresponds to ('none' for chains the Map step did not make). */
export function choiceOf(transforms: readonly ColumnTransform[]): TransformChoice {
  const first = transforms[0];
  if (!first) return 'none';
  if (first.kind === 'trim') return 'trim';
  if (first.kind === 'case') return first.to;
  if (first.kind === 'boolean') return 'boolean';
  if (first.kind === 'date') return 'date';
  return 'none';
}

/** Returns the mapping with another identifier column: the new one leaves the parameters, the old one joins them. */
export function withIdColumn(mapping: MappingSpec, headers: readonly string[], idColumn: string, suggestions: readonly ColumnSuggestion[]): MappingSpec {
  const byColumn = new Map(mapping.columns.map((c) => [c.column, c]));
  const columns: ColumnMapping[] = headers
    .filter((h) => h !== idColumn && h.trim() !== '')
    .map((h) => byColumn.get(h) ?? { column: h, param: suggestions.find((s) => s.column === h)?.param ?? h, transforms: [] });
  return { ...mapping, idColumn, columns, ignored: mapping.ignored.filter((c) => c !== idColumn) };
}

/** Returns the mapping with one column's entry changed. */
export function withColumn(mapping: MappingSpec, column: string, change: Partial<Pick<ColumnMapping, 'param' | 'transforms'>> & { send?: boolean }): MappingSpec {
  const columns = mapping.columns.map((c) => (c.column === column ? { ...c, ...(change.param !== undefined ? { param: change.param } : {}), ...(change.transforms ? { transforms: change.transforms } : {}) } : c));
  let ignored = mapping.ignored;
  if (change.send === true) ignored = ignored.filter((c) => c !== column);
  if (change.send === false && !ignored.includes(column)) ignored = [...ignored, column];
  return { ...mapping, columns, ignored };
}
