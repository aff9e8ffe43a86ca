import { mkdir, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { openTable } from '../io/open-table.js';
import { TableReadError, type TableInfo } from '../io/table-types.js';
import { compileMapping, type CompiledMapping } from '../../shared/domain/compile-mapping.js';
import { applyRowEdit, RowOverlay } from '../../shared/domain/row-overlay.js';
import { batchPrefix } from '../../shared/batch/batch-header.js';
import { batchLimits } from '../../shared/batch/batch-limits.js';
import { checkRow, MAX_ROW_BYTES, type RowCheckContext } from '../../shared/validation/check-row.js';
import { checkMapping } from '../../shared/validation/mapping-rules.js';
import { EncodeCache } from '../../shared/validation/encode-value.js';
import { DuplicateTracker } from '../../shared/validation/duplicate-tracker.js';
import { learnIdShape } from '../../shared/validation/id-shape.js';
import { makeIssue, plainIssue } from '../../shared/validation/messages.js';
import { headerNoteIssue, readerNoteIssue } from '../../shared/validation/reader-notes.js';
import type { Issue } from '../../shared/validation/issue.js';
import { BatchFileWriter, batchFileName } from './prepare-batch-writer.js';
import { readInProcess } from './prepare-source.js';
import { dedupeBatches, type DuplicateGroup } from './prepare-dedupe.js';
import { LEDGER_DUPLICATE, LEDGER_EXCLUDED, LEDGER_REJECTED, LedgerWriter } from './prepare-ledger.js';
import { RejectedReportWriter } from './prepare-report.js';
import { PrepareError, type ManifestBatch, type PrepareManifest, type PrepareProgress, type PrepareRequest, type PrepareResult } from './prepare-types.js';

export const MANIFEST_FILE = 'manifest.json';
export const LEDGER_FILE = 'rows.ledger';
export const REJECTED_FILE = 'rejected-rows.csv';

function rowCells(flat: readonly string[], offset: number, count: number): readonly string[] {
  return offset === 0 && count === flat.length ? flat : flat.slice(offset, offset + count);
}

/** Collects issues: counts every code, keeps the first `limit` issues. */
class IssueSink {
  readonly counts: Record<string, number> = {};
  readonly kept: Issue[] = [];
  truncated = false;
  constructor(private readonly limit: number) {}
  add(issue: Issue): void {
    this.counts[issue.code] = (this.counts[issue.code] ?? 0) + 1;
    if (this.kept.length < this.limit) this.kept.push(plainIssue(issue));
    else this.truncated = true;
  }
}

/** Opens the file, turning reader errors into PrepareError values. */
async function openInput(req: PrepareRequest): Promise<TableInfo> {
  try {
    return await openTable(req.path, req.read);
  } catch (e) {
    if (e instanceof TableReadError) throw new PrepareError(e.code, e.message, e.messageKo);
    throw e;
  }
}

/** Returns the compiled mapping or throws PrepareError('mapping-column-missing') naming the missing columns. */
function compileOrThrow(req: PrepareRequest, headers: readonly string[]): CompiledMapping {
  const compiled = compileMapping(req.mapping, headers);
  if (compiled.ok) return compiled.mapping;
  const missing = [...(compiled.missingId !== null ? [compiled.missingId] : []), ...compiled.missingColumns];
  const list = missing.map((m) => `"${m}"`).join(', ');
  throw new PrepareError(
    'mapping-column-missing',
    `The file has no column named ${list}. Its columns are: ${headers.map((h) => `"${h}"`).join(', ')}.`,
    `파일에 ${list} 열이 없습니다. 파일의 열: ${headers.map((h) => `"${h}"`).join(', ')}.`,
  );
}

/**
 * Runs read → map → validate → encode → write for one file: batch files, `rows.ledger`, `rejected-rows.csv`
 * and `manifest.json` land in `req.outDir`. Every input row ends in exactly one place (a batch line,
 * excluded, or rejected). Throws PrepareError for unusable input or a mapping naming absent columns, and
 * PrepareError('cancelled') when the signal aborts (partial files may remain in outDir).
 */
export async function runPrepare(req: PrepareRequest, opts: { signal?: AbortSignal; onProgress?: (p: PrepareProgress) => void } = {}): Promise<PrepareResult> {
  const info = await openInput(req);
  const mapping = compileOrThrow(req, info.headers);
  const sink = new IssueSink(req.issueLimit ?? 10_000);
  for (const note of info.headerNotes) sink.add(headerNoteIssue(note.code, note.column, info.headers[note.column] ?? ''));
  const fileIssues = checkMapping(info.headers, req.mapping);
  for (const i of fileIssues) sink.add(i);
  const fileBlocked = fileIssues.some((i) => i.severity === 'blocking');

  await mkdir(req.outDir, { recursive: true });
  const paramNames = mapping.params.map((p) => p.name);
  const prefix = batchPrefix(mapping.idKind, paramNames);
  const limits = batchLimits(req.batchRows, req.batchBytes);
  const writer = new BatchFileWriter(req.outDir, prefix, limits);
  const ledger = await LedgerWriter.create(join(req.outDir, LEDGER_FILE));
  const report = RejectedReportWriter.create(join(req.outDir, REJECTED_FILE), info.headers);
  const overlay = new RowOverlay(req.edits);
  const tracker = new DuplicateTracker();
  const groups = new Map<number, number[]>();
  const firstRows: number[] = [];
  let ctx: RowCheckContext | null = null;
  let rows = 0;
  let valid = 0;
  let rejected = 0;
  let excluded = 0;

  try {
    const source = readInProcess(req.path, info, { signal: opts.signal });
    for await (const chunk of source) {
      opts.onProgress?.({ stage: 'reading', bytesRead: chunk.bytesRead, totalBytes: chunk.totalBytes, rows: rows + chunk.rowCount });
      ctx ??= {
        mapping,
        fixes: req.fixes,
        maxRowBytes: MAX_ROW_BYTES,
        cache: new EncodeCache(mapping.params.length),
        idShape: learnIdShape(
          Array.from({ length: Math.min(chunk.rowCount, 2000) }, (_, i) => {
            const raw = mapping.idIndex < chunk.countOf(i) ? (chunk.cellsOf(i)[chunk.offsetOf(i) + mapping.idIndex] ?? '') : '';
            return mapping.idTransform ? (mapping.idTransform(raw) ?? raw) : raw;
          }),
        ),
      };
      const noteIssues = new Map<number, Issue[]>();
      for (const note of chunk.notes) {
        const issue = readerNoteIssue(note.code, note.row, { value: info.encoding?.encoding ?? '' });
        if (note.row > 0) (noteIssues.get(note.row) ?? noteIssues.set(note.row, []).get(note.row)!).push(issue);
        else sink.add(issue);
      }
      for (let i = 0; i < chunk.rowCount; i++) {
        const row = chunk.firstRow + i;
        rows++;
        const edit = overlay.size > 0 ? overlay.get(row) : undefined;
        if (edit?.exclude) {
          excluded++;
          if (ledger.pushSync(LEDGER_EXCLUDED)) await ledger.flush();
          continue;
        }
        const flat = chunk.cellsOf(i);
        const offset = chunk.offsetOf(i);
        const count = chunk.countOf(i);
        const checked = edit?.cells ? checkRow(applyRowEdit(rowCells(flat, offset, count), info.headers, edit), row, ctx) : checkRow(flat, row, ctx, offset, count);
        const notes = noteIssues.get(row);
        let issues = notes ? [...notes, ...checked.issues] : checked.issues;
        let line = checked.line;
        if (notes?.some((n) => n.severity === 'blocking')) line = null;
        let fate = LEDGER_REJECTED;
        if (line !== null) {
          const first = tracker.see(checked.id, row);
          if (first === 0) fate = 0;
          else if (req.duplicates === 'flag') {
            issues = [...issues, makeIssue('duplicate-id', row, mapping.idColumn, { value: checked.id, otherRow: first })];
            line = null;
          } else {
            const text = req.duplicates === 'first-wins' ? 'kept the first row' : req.duplicates === 'last-wins' ? 'kept the last row' : 'merged the non-empty values';
            issues = [...issues, makeIssue('duplicate-id-resolved', row, mapping.idColumn, { value: checked.id, otherRow: first, text })];
            if (req.duplicates === 'first-wins') fate = LEDGER_DUPLICATE;
            else {
              fate = 0;
              const g = groups.get(first);
              if (g) g.push(row);
              else groups.set(first, [first, row]);
            }
          }
        }
        for (const issue of issues) sink.add(issue);
        if (line === null) {
          rejected++;
          report.add(row, issues, applyRowEdit(rowCells(flat, offset, count), info.headers, edit));
          if (ledger.pushSync(LEDGER_REJECTED)) await ledger.flush();
        } else if (fate === LEDGER_DUPLICATE) {
          excluded++;
          if (ledger.pushSync(LEDGER_DUPLICATE)) await ledger.flush();
        } else {
          valid++;
          const at = writer.add(line);
          if (writer.startedBatch) firstRows.push(row);
          if (ledger.pushSync(at)) await ledger.flush();
        }
      }
      await writer.drain();
      await report.drain();
      if (opts.signal?.aborted) throw new TableReadError('cancelled', 'Preparing the file was cancelled.', '파일 준비가 취소되었습니다.');
    }
  } catch (e) {
    await Promise.allSettled([writer.finish(), ledger.close(), report.close()]);
    if (e instanceof TableReadError) throw new PrepareError(e.code, e.message, e.messageKo);
    throw e;
  }
  opts.onProgress?.({ stage: 'finishing', rows });
  let planned = await writer.finish();
  await ledger.close();
  await report.close();
  let starts: readonly number[] = firstRows;
  const dupGroups: DuplicateGroup[] = [...groups.values()];
  if (dupGroups.length > 0 && (req.duplicates === 'merge' || req.duplicates === 'last-wins')) {
    const fixed = await dedupeBatches(req.outDir, planned, prefix, limits, join(req.outDir, LEDGER_FILE), dupGroups, req.duplicates);
    planned = fixed.batches;
    starts = fixed.firstRows;
    if (req.duplicates === 'last-wins') {
      const dropped = dupGroups.reduce((n, g) => n + g.length - 1, 0);
      valid -= dropped;
      excluded += dropped;
    }
  }
  let batches: ManifestBatch[] = planned.map((b, i) => ({ index: b.index, rows: b.rows, bytes: b.bytes, path: batchFileName(b.index), firstLine: b.firstLine, firstRow: starts[i] ?? 0 }));
  if (fileBlocked) {
    // A mapping-level blocking issue (e.g. two columns under one name) makes every line wrong: send nothing.
    for (const b of batches) await rm(join(req.outDir, b.path), { force: true });
    batches = [];
  }
  const manifest: PrepareManifest = {
    version: 1,
    file: basename(req.path),
    format: info.format,
    encoding: info.encoding?.encoding ?? null,
    delimiter: info.delimiter,
    headerRow: info.headerRow,
    sheet: info.sheet,
    idType: mapping.idKind,
    params: paramNames,
    rows,
    valid,
    rejected,
    excluded,
    blockedByFileIssues: fileBlocked,
    duplicates: req.duplicates,
    batches,
    ledger: LEDGER_FILE,
    rejectedReport: REJECTED_FILE,
    createdAt: new Date().toISOString(),
  };
  await writeFile(join(req.outDir, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n');
  return { manifest, info, issues: sink.kept, issuesTruncated: sink.truncated, issueCounts: sink.counts };
}
