import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AppCallError } from '../../../shared/contract/errors.js';
import type { TableInfo } from '../../io/table-types.js';
import { compileMapping, rowId, type CompiledMapping } from '../../../shared/domain/compile-mapping.js';
import { RowOverlay } from '../../../shared/domain/row-overlay.js';
import { batchPrefix } from '../../../shared/batch/batch-header.js';
import { batchLimits, type BatchLimits } from '../../../shared/batch/batch-limits.js';
import { MAX_ROW_BYTES, numberReadingsOf, type RowCheckContext } from '../../../shared/validation/check-row.js';
import type { ColumnFinding } from '../../../shared/validation/column-findings.js';
import { checkMapping } from '../../../shared/validation/mapping-rules.js';
import { DuplicateTracker } from '../../../shared/validation/duplicate-tracker.js';
import { EncodeCache } from '../../../shared/validation/encode-value.js';
import { learnIdShape } from '../../../shared/validation/id-shape.js';
import { headerNoteIssue } from '../../../shared/validation/reader-notes.js';
import type { Issue } from '../../../shared/validation/issue.js';
import { BatchFileWriter, batchFileName } from './prepare-batch-writer.js';
import { IssueSink, processChunk, type PrepareRun } from './prepare-chunk.js';
import { dedupeBatches, type DuplicateGroup } from './prepare-dedupe.js';
import { LedgerWriter } from './prepare-ledger.js';
import { ensurePrivateDir } from '../../store/atomic-file.js';
import { RejectedReportWriter } from './prepare-report.js';
import { SourceRowsWriter, SOURCE_ROWS_FILE } from './prepare-source-rows.js';
import type { SourceChunk } from './prepare-source.js';
import type { ManifestBatch, PrepareRequest } from './prepare-types.js';
import { PrepareGuard } from './prepare-guard.js';
import { screenDuplicates } from './duplicate-screen.js';
import { hashesValues } from '../../../shared/privacy/column-guard.js';
import { neverSendable, type PersonalDataColumn } from '../../../shared/privacy/personal-data-kind.js';
import type { MappingSpec } from '../../../shared/domain/mapping-spec.js';

export const LEDGER_FILE = 'rows.ledger';
export const REJECTED_FILE = 'rejected-rows.csv';
/** Folder under the output folder that holds the duplicate screen's spill files while it runs. */
export const SPILL_DIR = 'duplicate-spill';

/** What the processing side hands back once every row went through it. */
export interface ProcessorOutcome {
  readonly rows: number;
  readonly valid: number;
  readonly rejected: number;
  readonly excluded: number;
  readonly params: readonly string[];
  readonly fileBlocked: boolean;
  readonly batches: readonly ManifestBatch[];
  readonly issues: readonly Issue[];
  readonly issuesTruncated: boolean;
  readonly issueCounts: Readonly<Record<string, number>>;
  readonly findings: readonly ColumnFinding[];
  /** Columns the personal-data guard found, with their fate ([] when the guard is off). */
  readonly personalData: readonly PersonalDataColumn[];
  /** The mapping really sent: the request's, with the columns the guard left out ignored. */
  readonly sentMapping: MappingSpec;
}

/** Returns the compiled mapping or throws AppCallError('mapping-column-missing') naming the missing columns. */
export function compileOrThrow(req: Pick<PrepareRequest, 'mapping'>, headers: readonly string[]): CompiledMapping {
  const compiled = compileMapping(req.mapping, headers);
  if (compiled.ok) return compiled.mapping;
  const missing = [...(compiled.missingId !== null ? [compiled.missingId] : []), ...compiled.missingColumns];
  throw new AppCallError('mapping-column-missing', { columns: missing, headers: [...headers] });
}

/**
 * The processing side of a prepare run (map → validate → encode → write batches, ledger and report),
 * fed chunk by chunk in row order by whoever reads the file.
 */
export class PrepareProcessor {
  private ctx: RowCheckContext | null = null;

  private constructor(
    private readonly req: PrepareRequest,
    private readonly run: PrepareRun,
    private readonly prefix: string,
    private readonly limits: BatchLimits,
    private readonly fileBlocked: boolean,
    private readonly guard: PrepareGuard | null,
    private readonly sentMapping: MappingSpec,
  ) {}

  /**
   * Compiles the mapping (throws `mapping-column-missing` for absent columns), plans the personal-data
   * guard from the headers and `sample` (the first rows; throws `personal-data-refused`), records
   * file-level issues, opens the output files.
   */
  static async create(req: PrepareRequest, info: TableInfo, sample: readonly (readonly string[])[]): Promise<PrepareProcessor> {
    const guard = req.guard === false ? null : PrepareGuard.create(req.mapping, info.headers, sample);
    const sentMapping = guard?.mapping ?? req.mapping;
    const mapping = compileOrThrow({ mapping: sentMapping }, info.headers);
    const sink = new IssueSink(req.issueLimit ?? 10_000);
    for (const note of info.headerNotes) sink.add(headerNoteIssue(note.code, note.column, info.headers[note.column] ?? ''));
    const fileIssues = [...checkMapping(info.headers, sentMapping), ...(guard?.fileIssues() ?? [])];
    for (const i of fileIssues) sink.add(i);
    const hashed = new Set(sentMapping.columns.filter((c) => hashesValues(c.transforms)).map((c) => c.column));
    guard?.bind(mapping, (column) => hashed.has(column));
    await ensurePrivateDir(req.outDir);
    const prefix = batchPrefix(mapping.idKind, mapping.params.map((p) => p.name));
    const limits = batchLimits(req.batchRows, req.batchBytes);
    const run: PrepareRun = {
      info,
      mapping,
      duplicates: req.duplicates,
      sink,
      writer: new BatchFileWriter(req.outDir, prefix, limits),
      ledger: await LedgerWriter.create(join(req.outDir, LEDGER_FILE)),
      report: await RejectedReportWriter.create(join(req.outDir, REJECTED_FILE), info.headers),
      sourceRows: await SourceRowsWriter.create(join(req.outDir, SOURCE_ROWS_FILE), info.headers, neverKept(guard, info.headers)),
      overlay: new RowOverlay(req.edits, req.excluded),
      // Sized from the file (about 64 bytes a row at least) so a large file does not rehash as it grows.
      tracker: new DuplicateTracker(Math.min(1 << 22, Math.max(1 << 12, Math.ceil(info.sizeBytes / 64)))),
      shared: null,
      groups: new Map(),
      firstRows: [],
      rows: 0,
      valid: 0,
      rejected: 0,
      excluded: 0,
      guard,
    };
    return new PrepareProcessor(req, run, prefix, limits, fileIssues.some((i) => i.severity === 'blocking'), guard, sentMapping);
  }

  /** Rows processed so far. */
  get rows(): number {
    return this.run.rows;
  }

  /**
   * Reads `chunks` (the whole file again, from its first row) for the identifiers only, so that the main
   * pass remembers just the rows whose identifier occurs more than once: memory stays flat however many
   * rows the file has. Call before the first `process`; throws `cancelled` or WriteFailedError.
   */
  async screenDuplicates(chunks: AsyncIterable<SourceChunk>, opts: { expectedRows: number; partitions?: number; signal?: AbortSignal; onChunk?: (chunk: SourceChunk) => void }): Promise<void> {
    const { run } = this;
    const shared = await screenDuplicates(chunks, { ...opts, mapping: run.mapping, overlay: run.overlay, headers: run.info.headers, dir: join(this.req.outDir, SPILL_DIR) });
    run.shared = shared;
    // Every marked row shares its id with another, so they hold at most count / 2 distinct ids (slots 3/4 full at most).
    run.tracker = new DuplicateTracker(Math.max(1 << 12, Math.ceil((shared.count * 2) / 3) + 1));
  }

  /** Sends every row of the chunk to its place and lets the writers catch up. */
  async process(chunk: SourceChunk): Promise<void> {
    const { mapping } = this.run;
    this.ctx ??= {
      mapping,
      fixes: this.req.fixes,
      readings: numberReadingsOf(mapping, this.req.fixes),
      maxRowBytes: MAX_ROW_BYTES,
      cache: new EncodeCache(mapping.params.length),
      // Learned from the ids of the first chunk (400 rows, see ROWS_PER_CHUNK; at most 2,000).
      idShape: learnIdShape(Array.from({ length: Math.min(chunk.rowCount, 2000) }, (_, i) => rowId(mapping, chunk.cellsOf(i), chunk.offsetOf(i), chunk.countOf(i)))),
    };
    processChunk(chunk, this.run, this.ctx);
    if (this.run.ledger.needsFlush()) await this.run.ledger.flush();
    await this.run.writer.drain();
    await this.run.report.drain();
    await this.run.sourceRows.drain();
  }

  /** Closes the files after a failure or cancel (partial files stay). */
  async abort(): Promise<void> {
    await Promise.allSettled([this.run.writer.finish(), this.run.ledger.close(), this.run.report.abort(), this.run.sourceRows.abort()]);
  }

  /** Closes the files, resolves duplicates (merge / last-wins) and returns the counts, batches and issues. */
  async finish(): Promise<ProcessorOutcome> {
    const { run, req } = this;
    let planned = await run.writer.finish();
    await run.ledger.close();
    await run.report.close();
    await run.sourceRows.close();
    let { valid, excluded } = run;
    let starts: readonly number[] = run.firstRows;
    const groups: DuplicateGroup[] = [...run.groups.values()];
    if (groups.length > 0 && (req.duplicates === 'merge' || req.duplicates === 'last-wins')) {
      const fixed = await dedupeBatches(req.outDir, planned, this.prefix, this.limits, join(req.outDir, LEDGER_FILE), groups, req.duplicates);
      planned = fixed.batches;
      starts = fixed.firstRows;
      if (req.duplicates === 'last-wins') {
        const dropped = groups.reduce((n, g) => n + g.length - 1, 0);
        valid -= dropped;
        excluded += dropped;
      }
    }
    let batches: ManifestBatch[] = planned.map((b, i) => ({ index: b.index, rows: b.rows, bytes: b.bytes, path: batchFileName(b.index), firstLine: b.firstLine, firstRow: starts[i] ?? 0 }));
    if (this.fileBlocked) {
      // A mapping-level blocking issue (e.g. two columns under one name) makes every line wrong: send nothing.
      for (const b of batches) await rm(join(req.outDir, b.path), { force: true });
      batches = [];
    }
    return {
      rows: run.rows,
      valid,
      rejected: run.rejected,
      excluded,
      params: run.mapping.params.map((p) => p.name),
      fileBlocked: this.fileBlocked,
      batches,
      issues: run.sink.kept,
      issuesTruncated: run.sink.truncated,
      issueCounts: run.sink.counts,
      findings: run.sink.findings.list(),
      personalData: this.guard?.result() ?? [],
      sentMapping: this.sentMapping,
    };
  }
}

/** Indexes of the columns whose values the app may not keep at all (resident registration numbers): the source-row copy leaves them empty. */
function neverKept(guard: PrepareGuard | null, headers: readonly string[]): ReadonlySet<number> {
  const out = new Set<number>();
  for (const c of guard?.plan.columns ?? []) if (neverSendable(c.kind)) headers.forEach((h, i) => h === c.column && out.add(i));
  return out;
}
