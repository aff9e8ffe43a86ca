import { AppCallError } from '../../../shared/contract/errors.js';
import type { CompiledMapping } from '../../../shared/domain/compile-mapping.js';
import type { MappingSpec } from '../../../shared/domain/mapping-spec.js';
import { detectPersonalColumns, guardedMapping, planGuard, type GuardPlan } from '../../../shared/privacy/column-guard.js';
import type { PersonalDataColumn } from '../../../shared/privacy/personal-data-kind.js';
import { maskValue, scanValue } from '../../../shared/privacy/scan-value.js';
import { makeIssue, type Issue } from '../../../shared/validation/issue.js';

/**
 * The personal-data guard of one prepare run: which columns it leaves out (decided once, from the headers
 * and the first rows), the mapping really sent, and the per-row value pass (counts rows holding a value in
 * each detected column; warns of personal-data-shaped values in the columns sent as they are).
 */
export class PrepareGuard {
  private readonly counts: number[];
  private readonly countIndexes: number[];
  /** Compiled params whose raw cells the value pass scans: columns sent unhashed and not detected. */
  private scanIndexes: number[] = [];
  private scanColumns: string[] = [];

  private constructor(
    readonly plan: GuardPlan,
    /** The mapping prepare sends with: held-back columns are in `ignored`. */
    readonly mapping: MappingSpec,
    headers: readonly string[],
  ) {
    this.countIndexes = plan.columns.map((c) => headers.indexOf(c.column));
    this.counts = plan.columns.map(() => 0);
  }

  /** Plans the guard; throws AppCallError('personal-data-refused') when the mapping asks to send a resident registration number. */
  static create(mapping: MappingSpec, headers: readonly string[], sample: readonly (readonly string[])[]): PrepareGuard {
    const plan = planGuard(detectPersonalColumns(headers, sample), mapping);
    if (plan.refused !== null) throw new AppCallError('personal-data-refused', { column: plan.refused.column, variant: 'rrn' });
    return new PrepareGuard(plan, guardedMapping(mapping, plan), headers);
  }

  /** The file-level issues: each column left out (info) and an identifier that is personal data (blocking). */
  fileIssues(): Issue[] {
    const out: Issue[] = [];
    const byColumn = new Map(this.plan.columns.map((c) => [c.column, c.kind] as const));
    for (const column of this.plan.holdBack) out.push(makeIssue('personal-data-held-back', null, column, { value: column, variant: byColumn.get(column) ?? 'name' }));
    const id = this.plan.idHeldBack;
    if (id !== null) out.push(makeIssue('id-personal-data', null, id.column, { value: id.column, variant: id.kind }));
    return out;
  }

  /** Binds the value pass to the compiled (guarded) mapping: every column-sourced param not detected and not hashed. */
  bind(compiled: CompiledMapping, sendsHashed: (column: string) => boolean): void {
    const detected = new Set(this.plan.columns.map((c) => c.column));
    this.scanIndexes = [];
    this.scanColumns = [];
    for (const p of compiled.params) {
      if (p.constant !== null || p.index < 0 || detected.has(p.column) || sendsHashed(p.column)) continue;
      this.scanIndexes.push(p.index);
      this.scanColumns.push(p.column);
    }
  }

  /** Counts the row's detected values and returns its value warnings (null when none): cheap for ordinary rows. */
  scanRow(cells: readonly string[], offset: number, count: number, row: number): Issue[] | null {
    const countIndexes = this.countIndexes;
    for (let k = 0; k < countIndexes.length; k++) {
      const i = countIndexes[k]!;
      if (i >= 0 && i < count && (cells[offset + i] ?? '') !== '') this.counts[k]!++;
    }
    let out: Issue[] | null = null;
    const scanIndexes = this.scanIndexes;
    for (let k = 0; k < scanIndexes.length; k++) {
      const i = scanIndexes[k]!;
      if (i >= count) continue;
      const v = cells[offset + i]!;
      if (v === undefined || v.length < 6) continue;
      const hit = scanValue(v);
      if (hit === null) continue;
      (out ??= []).push(makeIssue('value-personal-data', row, this.scanColumns[k]!, { value: maskValue(hit.match), variant: hit.kind }));
    }
    return out;
  }

  /** Every detected column with the number of rows holding a value in it. */
  result(): PersonalDataColumn[] {
    return this.plan.columns.map((c, k) => ({ ...c, rows: this.counts[k] ?? 0 }));
  }
}
