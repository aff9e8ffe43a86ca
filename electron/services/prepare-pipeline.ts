import { mkdir, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { openTable } from '../io/open-table.js';
import { TableReadError, type TableInfo } from '../io/table-types.js';
import { compileMapping, type CompiledMapping } from '../../shared/domain/compile-mapping.js';
import { RowOverlay } from '../../shared/domain/row-overlay.js';
import { batchPrefix } from '../../shared/batch/batch-header.js';
import { batchLimits } from '../../shared/batch/batch-limits.js';
import { MAX_ROW_BYTES, type RowCheckContext } from '../../shared/validation/check-row.js';
import { checkMapping } from '../../shared/validation/mapping-rules.js';
import { EncodeCache } from '../../shared/validation/encode-value.js';
import { DuplicateTracker } from '../../shared/validation/duplicate-tracker.js';
import { learnIdShape } from '../../shared/validation/id-shape.js';
import { headerNoteIssue } from '../../shared/validation/reader-notes.js';
import { BatchFileWriter, batchFileName } from './prepare-batch-writer.js';
import { readInProcess } from './prepare-source.js';
import { dedupeBatches, type DuplicateGroup } from './prepare-dedupe.js';
import { LedgerWriter } from './prepare-ledger.js';
import { IssueSink, processChunk, type PrepareRun } from './prepare-chunk.js';
import { RejectedReportWriter } from './prepare-report.js';
import { PrepareError, type ManifestBatch, type PrepareManifest, type PrepareProgress, type PrepareRequest, type PrepareResult } from './prepare-types.js';

export const MANIFEST_FILE = 'manifest.json';
export const LEDGER_FILE = 'rows.ledger';
export const REJECTED_FILE = 'rejected-rows.csv';

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
  const run: PrepareRun = {
    info,
    mapping,
    duplicates: req.duplicates,
    sink,
    writer: new BatchFileWriter(req.outDir, prefix, limits),
    ledger: await LedgerWriter.create(join(req.outDir, LEDGER_FILE)),
    report: RejectedReportWriter.create(join(req.outDir, REJECTED_FILE), info.headers),
    overlay: new RowOverlay(req.edits),
    tracker: new DuplicateTracker(),
    groups: new Map(),
    firstRows: [],
    rows: 0,
    valid: 0,
    rejected: 0,
    excluded: 0,
  };
  const { writer, ledger, report } = run;
  let ctx: RowCheckContext | null = null;

  try {
    for await (const chunk of readInProcess(req.path, info, { signal: opts.signal })) {
      opts.onProgress?.({ stage: 'reading', bytesRead: chunk.bytesRead, totalBytes: chunk.totalBytes, rows: run.rows + chunk.rowCount });
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
      processChunk(chunk, run, ctx);
      if (ledger.needsFlush()) await ledger.flush();
      await writer.drain();
      await report.drain();
      if (opts.signal?.aborted) throw new TableReadError('cancelled', 'Preparing the file was cancelled.', '파일 준비가 취소되었습니다.');
    }
  } catch (e) {
    await Promise.allSettled([writer.finish(), ledger.close(), report.close()]);
    if (e instanceof TableReadError) throw new PrepareError(e.code, e.message, e.messageKo);
    throw e;
  }
  const { rows } = run;
  let { valid, excluded } = run;
  const { rejected, firstRows, groups } = run;
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
