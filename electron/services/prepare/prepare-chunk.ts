import type { TableInfo } from '../../io/table-types.js';
import { rowId, type CompiledMapping } from '../../../shared/domain/compile-mapping.js';
import { applyRowEdit, type RowOverlay } from '../../../shared/domain/row-overlay.js';
import { checkRow, type RowCheck, type RowCheckContext } from '../../../shared/validation/check-row.js';
import type { DuplicatePolicy } from '../../../shared/validation/duplicate-policy.js';
import { hashId, type DuplicateTracker } from '../../../shared/validation/duplicate-tracker.js';
import { makeIssue, type Issue } from '../../../shared/validation/issue.js';
import { ColumnFindingsCollector } from '../../../shared/validation/column-findings.js';
import { readerNoteIssue } from '../../../shared/validation/reader-notes.js';
import type { BatchFileWriter } from './prepare-batch-writer.js';
import { LEDGER_DUPLICATE, LEDGER_EXCLUDED, LEDGER_REJECTED, type LedgerWriter } from './prepare-ledger.js';
import type { RejectedReportWriter } from './prepare-report.js';
import { blockingWhy, type SourceRowsWriter } from './prepare-source-rows.js';
import type { SourceChunk } from './prepare-source.js';
import type { PrepareGuard } from './prepare-guard.js';
import type { SharedRows } from './duplicate-spill.js';

/** Collects issues: counts every code, keeps the first `limit` issues and real examples of value issues per column. */
export class IssueSink {
  readonly counts: Record<string, number> = {};
  readonly kept: Issue[] = [];
  readonly findings = new ColumnFindingsCollector();
  truncated = false;
  constructor(private readonly limit: number) {}
  add(issue: Issue): void {
    this.counts[issue.code] = (this.counts[issue.code] ?? 0) + 1;
    this.findings.add(issue);
    if (this.kept.length < this.limit) this.kept.push(issue);
    else this.truncated = true;
  }
}

/** The state of one prepare run while rows stream through it. */
export interface PrepareRun {
  readonly info: TableInfo;
  readonly mapping: CompiledMapping;
  readonly duplicates: DuplicatePolicy;
  readonly sink: IssueSink;
  readonly writer: BatchFileWriter;
  readonly ledger: LedgerWriter;
  readonly report: RejectedReportWriter;
  readonly sourceRows: SourceRowsWriter;
  readonly overlay: RowOverlay;
  /** Identifiers seen so far (only those of `shared` rows once the file was screened). */
  tracker: DuplicateTracker;
  /** Set when the file was screened first (large files): only these rows can repeat an identifier. */
  shared: SharedRows | null;
  /** First row of a duplicated id → every row of that id (only for merge / last-wins). */
  readonly groups: Map<number, number[]>;
  /** Input row on line 1 of each batch, in batch order. */
  readonly firstRows: number[];
  rows: number;
  valid: number;
  rejected: number;
  excluded: number;
  /** The personal-data guard's value pass (null when the guard is off). */
  readonly guard: PrepareGuard | null;
}

/** Rows whose tracker slots are read ahead together: few enough that they are still cached when used. */
const WARM_AHEAD = 128;
/** Reused between chunks: two hash words per row. */
let hashScratch = new Uint32Array(4096 * 2);

function rowCells(flat: readonly string[], offset: number, count: number): readonly string[] {
  return offset === 0 && count === flat.length ? flat : flat.slice(offset, offset + count);
}

/**
 * Sends every row of a chunk to exactly one place: a batch line, excluded, or rejected (with its issues
 * counted and reported). Synchronous on purpose: the hot loop keeps its locals in registers, not in an
 * async function's context; the caller awaits the writers between chunks.
 */
export function processChunk(chunk: SourceChunk, run: PrepareRun, ctx: RowCheckContext): void {
  const { mapping, sink, writer, ledger, overlay, tracker, guard, shared } = run;
  let noteIssues: Map<number, Issue[]> | null = null;
  for (const note of chunk.notes) {
    const issue = readerNoteIssue(note.code, note.row, { value: run.info.encoding?.encoding ?? '' });
    if (note.row > 0) {
      noteIssues ??= new Map();
      const list = noteIssues.get(note.row);
      if (list) list.push(issue);
      else noteIssues.set(note.row, [issue]);
    } else sink.add(issue);
  }
  const edits = overlay.size > 0;
  // Every row's identifier, as checkRow reads it, hashed up front; the tracker's slots for the next rows
  // are read ahead in small groups (see DuplicateTracker.warm). An edited row is hashed again below.
  const hashes = chunk.rowCount * 2 <= hashScratch.length ? hashScratch : (hashScratch = new Uint32Array(chunk.rowCount * 2));
  for (let i = 0; i < chunk.rowCount; i++) {
    if (shared === null || shared.has(chunk.firstRow + i)) hashId(rowId(mapping, chunk.cellsOf(i), chunk.offsetOf(i), chunk.countOf(i)), hashes, 2 * i);
  }
  for (let i = 0; i < chunk.rowCount; i++) {
    if (i % WARM_AHEAD === 0 && shared === null) tracker.warm(hashes, i, Math.min(chunk.rowCount, i + WARM_AHEAD));
    const row = chunk.firstRow + i;
    run.rows++;
    const edit = edits ? overlay.get(row) : undefined;
    const flat = chunk.cellsOf(i);
    const offset = chunk.offsetOf(i);
    const count = chunk.countOf(i);
    const stage = writer.stage;
    if (edit?.exclude) {
      run.excluded++;
      ledger.pushSync(LEDGER_EXCLUDED);
      // Checked only to say in the result CSV what would have blocked it (nothing is counted or staged).
      const start = stage.pos;
      stage.ensure(1);
      stage.bytes[stage.pos++] = 10;
      const checked = checkRow(edit.cells ? applyRowEdit(rowCells(flat, offset, count), run.info.headers, edit) : flat, row, ctx, stage, edit.cells ? 0 : offset, edit.cells ? undefined : count);
      stage.pos = start;
      run.sourceRows.add(row, blockingWhy(checked.issues), flat, offset, count);
      continue;
    }
    const start = stage.pos;
    stage.ensure(1);
    stage.bytes[stage.pos++] = 10;
    let checked: RowCheck;
    if (edit?.cells) {
      const edited = applyRowEdit(rowCells(flat, offset, count), run.info.headers, edit);
      checked = checkRow(edited, row, ctx, stage);
    } else checked = checkRow(flat, row, ctx, stage, offset, count);
    const notes = noteIssues?.get(row);
    let issues = notes ? [...notes, ...checked.issues] : checked.issues;
    const personal = guard === null ? null : guard.scanRow(flat, offset, count, row);
    if (personal !== null) issues = [...issues, ...personal];
    let sendable = checked.sendable;
    if (notes?.some((n) => n.severity === 'blocking')) sendable = false;
    let fate = LEDGER_REJECTED;
    if (sendable) {
      // A row the screen found unique can be neither a duplicate nor the first of one: it need not be remembered.
      const first = shared !== null && !shared.has(row) ? 0 : edit?.cells === undefined ? tracker.seeHashed(hashes[2 * i]!, hashes[2 * i + 1]!, row) : tracker.see(checked.id, row);
      if (first === 0) fate = 0;
      else if (run.duplicates === 'flag') {
        issues = [...issues, makeIssue('duplicate-id', row, mapping.idColumn, { value: checked.id, otherRow: first })];
        sendable = false;
      } else {
        issues = [...issues, makeIssue('duplicate-id-resolved', row, mapping.idColumn, { value: checked.id, otherRow: first, variant: run.duplicates })];
        if (run.duplicates === 'first-wins') fate = LEDGER_DUPLICATE;
        else {
          fate = 0;
          const g = run.groups.get(first);
          if (g) g.push(row);
          else run.groups.set(first, [first, row]);
        }
      }
    }
    for (let k = 0; k < issues.length; k++) sink.add(issues[k]!);
    if (!sendable) {
      stage.pos = start;
      run.rejected++;
      run.report.add(row, issues, applyRowEdit(rowCells(flat, offset, count), run.info.headers, edit));
      run.sourceRows.add(row, blockingWhy(issues), flat, offset, count);
      ledger.pushSync(LEDGER_REJECTED);
    } else if (fate === LEDGER_DUPLICATE) {
      stage.pos = start;
      run.excluded++;
      run.sourceRows.add(row, '', flat, offset, count);
      ledger.pushSync(LEDGER_DUPLICATE);
    } else {
      run.valid++;
      const at = writer.commit(start);
      if (writer.startedBatch) run.firstRows.push(row);
      run.sourceRows.add(row, '', flat, offset, count);
      ledger.pushSync(at);
    }
  }
}
