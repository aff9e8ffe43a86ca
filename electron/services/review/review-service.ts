import { copyFile, mkdir, readFile, rm, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { FileId } from '../../../shared/contract/files.js';
import type { BulkAction, ReviewFilter, ReviewIssue, ReviewPage, ReviewRow, ReviewSummary, RejectedExport, TopValues } from '../../../shared/contract/review.js';
import { mergeRows } from '../../../shared/validation/merge-rows.js';
import { AppCallError } from '../../../shared/contract/errors.js';
import type { MappingSpec } from '../../../shared/domain/mapping-spec.js';
import { applyRowEdit, RowOverlay, type RowEdit } from '../../../shared/domain/row-overlay.js';
import { compileMapping, type CompiledMapping } from '../../../shared/domain/compile-mapping.js';
import { numberReadingsOf } from '../../../shared/validation/check-row.js';
import type { NumberReading } from '../../../shared/validation/number-comma.js';
import { sentCells } from '../../../shared/validation/sent-values.js';
import type { DuplicatePolicy } from '../../../shared/validation/duplicate-policy.js';
import { DEFAULT_VALUE_FIXES, type ValueFixes } from '../../../shared/validation/value-fixes.js';
import { ISSUE_SEVERITY, type IssueCode } from '../../../shared/validation/issue.js';
import type { ReadOptions } from '../../io/table-types.js';
import type { EventBus } from '../event-bus.js';
import type { FileService } from '../files/file-service.js';
import type { HandlerSlice } from '../handlers.js';
import { readLedger } from '../prepare/prepare-ledger.js';
import { LEDGER_FILE, REJECTED_FILE } from '../prepare/prepare-pipeline.js';
import { prepareInWorker } from '../prepare/prepare-runner.js';
import type { PackedPrepareResult } from '../prepare/packed-issues.js';
import { buildRowIndex, type RowIndex } from './review-index.js';
import { countTopValues } from './review-top-values.js';

/** How many issues a run keeps for the grid (counts by code stay exact beyond it). */
export const REVIEW_ISSUE_LIMIT = 200_000;

interface LastRun {
  readonly summary: ReviewSummary;
  readonly index: RowIndex;
  /** The run's mapping against the file's headers and each parameter's number reading (what `sentCells` needs). */
  readonly compiled: CompiledMapping | null;
  readonly readings: readonly (NumberReading | null)[];
}

interface Session {
  readonly fileId: FileId;
  mapping: MappingSpec | null;
  fixes: ValueFixes;
  duplicates: DuplicatePolicy;
  readonly overlay: RowOverlay;
  run: number;
  last: LastRun | null;
  abort: AbortController | null;
  queue: Promise<unknown>;
  /** The last filtered list with kept rows merged in, by run, filter and kept rows. */
  keptList?: { readonly key: string; readonly list: readonly number[] };
}

/**
 * The Review step's Node side: validates an open file with a mapping (through the prepare pipeline in a
 * worker), keeps the user's edits as an overlay, and serves pages of rows with their issues. Every run
 * writes a fresh prepared folder (what `jobs.start` takes); the two newest are kept.
 */
export class ReviewService {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly ctx: { homeDir: string; bus: EventBus; files: FileService; log?: (line: string) => void }) {}

  /** The `review.*` handlers. */
  handlers(): HandlerSlice<'review.run' | 'review.rows' | 'review.edit' | 'review.bulk' | 'review.topValues' | 'review.exportRejected'> {
    return {
      'review.run': ({ fileId, mapping, fixes, duplicates }) => this.run(fileId as FileId, mapping, fixes, duplicates),
      'review.rows': ({ fileId, filter, offset, count, keep }) => this.rows(fileId as FileId, filter, offset, count, keep),
      'review.edit': ({ fileId, edits }) => this.edit(fileId as FileId, edits),
      'review.bulk': ({ fileId, bulk }) => this.bulk(fileId as FileId, bulk),
      'review.topValues': ({ fileId, limit }) => this.topValues(fileId as FileId, limit),
      'review.exportRejected': ({ fileId }) => this.exportRejected(fileId as FileId),
    };
  }

  /** Validates the whole file with `mapping`; a run still going for the same file is cancelled first. */
  run(fileId: FileId, mapping: MappingSpec, fixes?: ValueFixes, duplicates?: DuplicatePolicy): Promise<ReviewSummary> {
    const s = this.session(fileId);
    s.mapping = mapping;
    if (fixes) s.fixes = fixes;
    if (duplicates) s.duplicates = duplicates;
    return this.validate(s);
  }

  /**
   * A page of the filtered rows of the last run, with the `keep` rows merged in (in row order) and marked
   * `kept` when the filter no longer selects them. Rejects `not-validated` before a run.
   */
  async rows(fileId: FileId, filter: ReviewFilter, offset: number, count: number, keep: readonly number[] = []): Promise<ReviewPage> {
    const s = this.session(fileId);
    const last = s.last;
    if (!last) throw new AppCallError('not-validated', { variant: 'not-run' });
    const headers = this.summaryOf(fileId).headers;
    const selected = last.index.select(filter);
    const list = this.withKept(s, last.summary.run, filter, selected, keep, last.summary.rows);
    const matched = selected === null || keep.length === 0 ? null : new Set(selected);
    const total = list === null ? last.summary.rows : list.length;
    const end = Math.min(total, offset + count);
    const wanted: number[] = [];
    for (let i = offset; i < end; i++) wanted.push(list === null ? i + 1 : list[i]!);
    const cells = await this.readRows(fileId, wanted);
    const rows: ReviewRow[] = wanted.map((row, i) => {
      const edit = s.overlay.get(row);
      const edited = applyRowEdit(cells[i] ?? [], headers, edit);
      return {
        row,
        cells: edited,
        sent: last.compiled === null ? edited.map(() => null) : sentCells(edited, last.compiled, last.summary.fixes, last.readings),
        edited: edit?.cells ? Object.keys(edit.cells) : [],
        status: last.index.status(row),
        issues: last.index.issues(row),
        ...(matched !== null && !matched.has(row) ? { kept: true } : {}),
      };
    });
    return { run: last.summary.run, offset, total, rows };
  }

  /** The filter's rows with the kept ones merged in; the merge is remembered per run, filter and keep list (pages ask again and again). */
  private withKept(s: Session, run: number, filter: ReviewFilter, selected: readonly number[] | null, keep: readonly number[], rows: number): readonly number[] | null {
    if (selected === null || keep.length === 0) return selected;
    const wanted = [...new Set(keep)].filter((r) => r <= rows).sort((a, b) => a - b);
    const key = `${run}|${JSON.stringify(filter)}|${wanted.join(',')}`;
    if (s.keptList?.key !== key) s.keptList = { key, list: mergeRows(selected, wanted) };
    return s.keptList.list;
  }

  /** Records edits and exclusions, then validates again. Rejects `not-validated` before the first run. */
  edit(fileId: FileId, edits: readonly RowEdit[]): Promise<ReviewSummary> {
    const s = this.session(fileId);
    for (const e of edits) s.overlay.set(e);
    return this.validate(s);
  }

  /** Applies a bulk action by kind, then validates again. */
  async bulk(fileId: FileId, action: BulkAction): Promise<ReviewSummary> {
    const s = this.session(fileId);
    const last = s.last;
    switch (action.action) {
      case 'strip-commas':
        s.fixes = { ...s.fixes, comma: { kind: 'strip' } };
        break;
      case 'replace-commas':
        s.fixes = { ...s.fixes, comma: { kind: 'replace', with: action.with } };
        break;
      case 'keep-commas-blocked':
        s.fixes = { ...s.fixes, comma: { kind: 'block' } };
        break;
      case 'read-numbers': {
        const columns = { ...s.fixes.numbers.columns };
        if (action.reading === null) delete columns[action.column];
        else columns[action.column] = action.reading;
        s.fixes = { ...s.fixes, numbers: { ...s.fixes.numbers, columns } };
        break;
      }
      case 'cut-long-values':
        s.fixes = { ...s.fixes, longValues: 'cut' };
        break;
      case 'keep-long-values':
        s.fixes = { ...s.fixes, longValues: 'keep' };
        break;
      case 'strip-line-breaks':
        s.fixes = { ...s.fixes, lineBreak: { kind: 'strip' } };
        break;
      case 'exclude-code':
      case 'exclude-blocking': {
        if (!last) throw new AppCallError('not-validated', { variant: 'not-run' });
        const rows = action.action === 'exclude-blocking' ? last.index.select('blocking') : last.index.select({ code: action.code });
        // Hundreds of thousands of rows may go: a slice at a time, so other calls are answered meanwhile.
        await inSlices(rows ?? [], (row) => s.overlay.set({ row, exclude: true }));
        break;
      }
      case 'include-all': {
        const { edits, excluded } = s.overlay.packed();
        // A row that was only left out has no edit left; one with edited cells keeps them.
        await inSlices(Array.from(excluded), (row) => s.overlay.clear(row));
        for (const e of edits) if (e.exclude) s.overlay.set({ row: e.row, exclude: false });
        break;
      }
    }
    return this.validate(s);
  }

  /** Top values of every mapped parameter over the rows that will be sent, as they will be sent (transforms and fixes applied). */
  async topValues(fileId: FileId, limit: number): Promise<readonly TopValues[]> {
    const s = this.session(fileId);
    if (!s.last || !s.mapping) throw new AppCallError('not-validated', { variant: 'not-run' });
    const headers = this.summaryOf(fileId).headers;
    const { compiled, readings, summary, index } = s.last;
    if (compiled === null) return [];
    return countTopValues({
      mapping: compiled,
      sentCells: (cells) => sentCells(cells, compiled, summary.fixes, readings),
      limit,
      readPage: (first, count) => this.ctx.files.rows(fileId, first, count, { wait: true }),
      sent: (row) => index.status(row) === 'ready' || index.status(row) === 'warning',
      edit: (row, cells) => applyRowEdit(cells, headers, s.overlay.get(row)),
    });
  }

  /** Copies the last run's rejected rows into `exports/` and returns where (and the text when small). */
  async exportRejected(fileId: FileId): Promise<RejectedExport> {
    const s = this.session(fileId);
    if (!s.last) throw new AppCallError('not-validated', { variant: 'not-run' });
    const from = join(s.last.summary.preparedDir, REJECTED_FILE);
    const dir = join(this.ctx.homeDir, 'exports');
    await mkdir(dir, { recursive: true });
    const name = basename(this.summaryOf(fileId).name, extname(this.summaryOf(fileId).name));
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const path = join(dir, `${name}-rejected-${stamp}.csv`);
    await copyFile(from, path);
    const size = (await stat(path)).size;
    return { path, rows: s.last.summary.blocking, csv: size <= 5 * 1024 * 1024 ? await readFile(path, 'utf8') : null };
  }

  /** Forgets every session (prepared folders stay: a job may be using them). */
  close(): void {
    for (const s of this.sessions.values()) s.abort?.abort();
    this.sessions.clear();
  }

  private session(fileId: FileId): Session {
    this.summaryOf(fileId);
    let s = this.sessions.get(fileId);
    if (!s) {
      s = { fileId, mapping: null, fixes: DEFAULT_VALUE_FIXES, duplicates: 'flag', overlay: new RowOverlay(), run: 0, last: null, abort: null, queue: Promise.resolve() };
      this.sessions.set(fileId, s);
    }
    return s;
  }

  private summaryOf(fileId: FileId) {
    const summary = this.ctx.files.summary(fileId);
    if (!summary) throw new AppCallError('file-not-open');
    return summary;
  }

  /** Runs one validation at a time per file: a newer request cancels the one in progress. */
  private validate(s: Session): Promise<ReviewSummary> {
    if (!s.mapping) return Promise.reject(new AppCallError('not-validated', { variant: 'no-mapping' }));
    s.abort?.abort();
    const abort = new AbortController();
    s.abort = abort;
    const next = s.queue.catch(() => undefined).then(() => this.validateNow(s, abort));
    s.queue = next;
    return next;
  }

  private async validateNow(s: Session, abort: AbortController): Promise<ReviewSummary> {
    const file = this.summaryOf(s.fileId);
    const mapping = s.mapping!;
    const run = ++s.run;
    const base = join(this.ctx.homeDir, 'prepared', s.fileId);
    const outDir = join(base, `run-${run}`);
    let result: PackedPrepareResult;
    try {
      result = await prepareInWorker(
        {
          path: file.path,
          read: file.options as ReadOptions,
          mapping,
          duplicates: s.duplicates,
          fixes: s.fixes,
          ...s.overlay.packed(),
          outDir,
          issueLimit: REVIEW_ISSUE_LIMIT,
        },
        {
          signal: abort.signal,
          onProgress: (p) =>
            this.ctx.bus.emit({ type: 'review.progress', fileId: s.fileId, rows: p.rows, bytesRead: p.stage === 'reading' ? p.bytesRead : 0, totalBytes: p.stage === 'reading' ? p.totalBytes : 0 }),
        },
      );
    } catch (error) {
      await rm(outDir, { recursive: true, force: true });
      if (error instanceof AppCallError) throw error;
      // Anything unexpected goes to the log; the user gets plain words, not a stack or a variable name.
      this.ctx.log?.(`[review] checking ${file.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      throw new AppCallError('check-failed');
    } finally {
      if (s.abort === abort) s.abort = null;
    }
    // Keep this run and the one before it (a job may have just started from it).
    if (run > 2) await rm(join(base, `run-${run - 2}`), { recursive: true, force: true });
    const ledger = await readLedger(join(outDir, LEDGER_FILE));
    const index = buildRowIndex(ledger, result.rowIssues);
    const m = result.manifest;
    const fileIssues: ReviewIssue[] = [...result.fileIssues];
    const blockingFile = fileIssues.some((i) => i.severity === 'blocking') || m.blockedByFileIssues;
    const uploadBlock = blockingFile ? 'file-issues' : m.rejected > 0 ? 'blocking-rows' : m.valid === 0 ? 'nothing-to-send' : null;
    const summary: ReviewSummary = {
      fileId: s.fileId,
      run,
      preparedDir: outDir,
      mapping,
      fixes: s.fixes,
      duplicates: s.duplicates,
      rows: m.rows,
      ready: m.valid,
      warnings: index.warningRows,
      blocking: m.rejected,
      excluded: m.excluded,
      batches: m.batches.length,
      issueCounts: Object.entries(result.issueCounts)
        .map(([code, count]) => ({ code: code as IssueCode, severity: ISSUE_SEVERITY[code as IssueCode] ?? 'warning', count }))
        .sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || b.count - a.count),
      fileIssues,
      issuesTruncated: result.issuesTruncated,
      findings: result.findings,
      edits: s.overlay.size,
      uploadAllowed: uploadBlock === null,
      uploadBlock,
      personalData: result.personalData,
    };
    // The grid shows what is sent: without the columns the personal-data guard left out.
    const compiled = compileMapping(result.sentMapping, file.headers);
    s.last = { summary, index, compiled: compiled.ok ? compiled.mapping : null, readings: compiled.ok ? numberReadingsOf(compiled.mapping, s.fixes) : [] };
    return summary;
  }

  /** Reads the given rows (ascending) from the file service, one call per run of consecutive rows. */
  private async readRows(fileId: FileId, rows: readonly number[]): Promise<(readonly string[])[]> {
    const out: (readonly string[])[] = [];
    let i = 0;
    while (i < rows.length) {
      let j = i;
      while (j + 1 < rows.length && rows[j + 1] === rows[j]! + 1 && j - i < 999) j++;
      // The file may still be counting (prepare reads it on its own): wait for these rows rather than show them empty.
      const page = await this.ctx.files.rows(fileId, rows[i]!, j - i + 1, { wait: true });
      for (let k = 0; k <= j - i; k++) out.push(page.rows[k] ?? []);
      i = j + 1;
    }
    return out;
  }
}

/** Calls `each` on every item, yielding to the event loop between slices of SLICE items. */
async function inSlices<T>(items: readonly T[], each: (item: T) => void): Promise<void> {
  for (let i = 0; i < items.length; i += SLICE) {
    if (i > 0) await new Promise((resolve) => setImmediate(resolve));
    const end = Math.min(items.length, i + SLICE);
    for (let k = i; k < end; k++) each(items[k] as T);
  }
}

const SLICE = 10_000;

function severityRank(s: string): number {
  return s === 'blocking' ? 0 : s === 'warning' ? 1 : 2;
}

