import type { Issue, IssueCode } from './issue.js';

/** Value issues whose real examples the Review step shows before and after a fix. */
const SAMPLED: ReadonlySet<IssueCode> = new Set<IssueCode>([
  'value-comma',
  'value-comma-fixed',
  'value-number-comma',
  'value-number-converted',
  'value-line-break',
  'value-line-break-fixed',
  'value-too-long',
  'value-too-long-cut',
  'value-date-unreadable',
  'value-date-ambiguous',
]);
const SAMPLES_PER_SHAPE = 3;

/** One kind of value issue in one column: how many values, real examples from the file, and (for numbers) their shapes. */
export interface ColumnFinding {
  readonly code: IssueCode;
  readonly column: string;
  readonly count: number;
  /** Distinct values as they are in the file (before any fix), a few of each shape. */
  readonly samples: readonly string[];
  /** Numbers written with a comma: how many only the decimal reading fits, only the thousands reading, or both. */
  readonly shapes: { readonly decimal: number; readonly thousands: number; readonly ambiguous: number } | null;
}

interface Entry {
  code: IssueCode;
  column: string;
  count: number;
  readonly samples: Map<string, string[]>;
  readonly shapes: { decimal: number; thousands: number; ambiguous: number };
}

/**
 * Gathers, per value-issue kind and column, the count and a few real values (from the issues' params),
 * so the Review step can show a fix's before → after on values from the file. Cheap per issue.
 */
export class ColumnFindingsCollector {
  private readonly entries = new Map<string, Entry>();

  /** Takes note of one issue (ignored unless it is a sampled value issue naming a column). */
  add(issue: Issue): void {
    if (issue.column === null || !SAMPLED.has(issue.code)) return;
    const key = `${issue.code}\u0000${issue.column}`;
    let e = this.entries.get(key);
    if (e === undefined) {
      e = { code: issue.code, column: issue.column, count: 0, samples: new Map(), shapes: { decimal: 0, thousands: 0, ambiguous: 0 } };
      this.entries.set(key, e);
    }
    e.count++;
    const { variant, value } = issue.params;
    const shape = variant === 'decimal' || variant === 'thousands' || variant === 'ambiguous' ? variant : '';
    if (issue.code === 'value-number-comma' && shape !== '') e.shapes[shape]++;
    if (value === undefined) return;
    const list = e.samples.get(shape);
    if (list === undefined) e.samples.set(shape, [value]);
    else if (list.length < SAMPLES_PER_SHAPE && !list.includes(value)) list.push(value);
  }

  /** Every finding, by column then code. */
  list(): ColumnFinding[] {
    return [...this.entries.values()]
      .map((e) => ({
        code: e.code,
        column: e.column,
        count: e.count,
        samples: [...e.samples.values()].flat(),
        shapes: e.code === 'value-number-comma' ? { ...e.shapes } : null,
      }))
      .sort((a, b) => a.column.localeCompare(b.column) || a.code.localeCompare(b.code));
  }
}
