import type { ColumnMapping, ColumnTransform, MappingSpec } from '../../../shared/domain/mapping-spec.js';
import type { ColumnSuggestion } from '../../../shared/contract/index.js';

/** The transform choices the Map step offers, each a fixed transform chain. */
export const transformChoices = ['none', 'trim', 'upper', 'lower', 'boolean', 'date', 'valueMap', 'hash'] as const;
export type TransformChoice = (typeof transformChoices)[number];

/** Returns the transform chain for a choice; a date reads `dateFrom` (the format found in the column, or the one the user chose). */
export function transformsFor(choice: TransformChoice, dateFrom = 'DD/MM/YYYY'): ColumnTransform[] {
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
      return [{ kind: 'date', from: dateFrom, to: 'YYYY-MM-DD' }];
    case 'valueMap':
      return [{ kind: 'valueMap', map: {}, ignoreCase: true, otherwise: 'keep' }];
    case 'hash':
      return [{ kind: 'hash', algorithm: 'sha256' }];
  }
}

/** What the Map step's picker shows for a chain: one of its own choices, or `template` for a chain it did not make. */
export type ShownChoice = TransformChoice | 'template';

/** Returns the picker choice whose chain is exactly `transforms`, or `template` for any other chain (e.g. a template's `trim` then `valueMap`). */
export function choiceOf(transforms: readonly ColumnTransform[]): ShownChoice {
  const only = transforms.length === 1 ? transforms[0] : undefined;
  // The date and replace-values choices carry the user's own settings (source format, pairs).
  if (only?.kind === 'date' && only.to === 'YYYY-MM-DD') return 'date';
  if (only?.kind === 'valueMap') return 'valueMap';
  const same = JSON.stringify(transforms);
  return transformChoices.find((choice) => JSON.stringify(transformsFor(choice)) === same) ?? 'template';
}

/** One step of a chain as the UI words it: a key under `map.steps` and the values it quotes. */
export type ChainStep =
  | { readonly key: 'trim' | 'upper' | 'lower' | 'hash' }
  | { readonly key: 'valueMap'; readonly count: number }
  | { readonly key: 'date'; readonly from: string; readonly to: string }
  | { readonly key: 'boolean'; readonly trueValue: string; readonly falseValue: string };

/** Returns every step of a chain, in the order it runs, for the UI to word (nothing is left out). */
export function chainSteps(transforms: readonly ColumnTransform[]): ChainStep[] {
  return transforms.map((step): ChainStep => {
    switch (step.kind) {
      case 'trim':
        return { key: 'trim' };
      case 'case':
        return { key: step.to };
      case 'valueMap':
        return { key: 'valueMap', count: Object.keys(step.map).length };
      case 'date':
        return { key: 'date', from: step.from, to: step.to };
      case 'boolean':
        return { key: 'boolean', trueValue: step.trueValue, falseValue: step.falseValue };
      case 'hash':
        return { key: 'hash' };
    }
  });
}

/**
 * Returns the chain a picked choice stands for: a choice of the picker's own gives its fixed chain, and
 * `template` gives back `templateChain` (the chain the column had from a template), so picking another
 * choice never loses the template's steps for good.
 */
export function chainFor(choice: ShownChoice, templateChain: readonly ColumnTransform[] | undefined, dateFrom?: string): ColumnTransform[] {
  if (choice === 'template') return templateChain ? [...templateChain] : [];
  return transformsFor(choice, dateFrom);
}

/** The source format of a chain's date step (null without one). */
export function dateFromOf(transforms: readonly ColumnTransform[]): string | null {
  const step = transforms.find((t) => t.kind === 'date');
  return step?.kind === 'date' ? step.from : null;
}

/** Returns the chain with its date step reading `from` instead (other steps unchanged). */
export function withDateFrom(transforms: readonly ColumnTransform[], from: string): ColumnTransform[] {
  return transforms.map((t) => (t.kind === 'date' ? { ...t, from } : t));
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
