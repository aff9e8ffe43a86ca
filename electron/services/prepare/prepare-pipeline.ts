import { basename, join } from 'node:path';
import { openTable } from '../../io/open-table.js';
import { writeFileAtomic } from '../../store/atomic-file.js';
import { TableReadError } from '../../io/table-types.js';
import { tuneHeapForStreaming } from '../heap-tuning.js';
import { compileOrThrow, LEDGER_FILE, PrepareProcessor, REJECTED_FILE } from './prepare-processor.js';
import { readInProcess, type SourceChunk } from './prepare-source.js';
import { GUARD_SAMPLE_ROWS } from '../../../shared/privacy/column-guard.js';
import { SOURCE_ROWS_FILE } from './prepare-source-rows.js';
import { DUPLICATE_MEMORY_ROWS, estimateRows } from './duplicate-screen.js';
import type { PrepareManifest, PrepareProgress, PrepareRequest, PrepareResult } from './prepare-types.js';
import type { MappingSpec } from '../../../shared/domain/mapping-spec.js';

export { LEDGER_FILE, REJECTED_FILE };
export const MANIFEST_FILE = 'manifest.json';

/**
 * Runs read → map → validate → encode → write for one file: batch files, `rows.ledger`, `rejected-rows.csv`,
 * `source-rows.csv` (every row as read, for the result CSV) and `manifest.json` land in `req.outDir`. Every input row ends in exactly one place (a batch line,
 * excluded, or rejected). Throws AppCallError for unusable input (TableReadError) or a mapping naming
 * absent columns, and `cancelled` when the signal aborts (partial files may remain).
 */
export async function runPrepare(req: PrepareRequest, opts: { signal?: AbortSignal; onProgress?: (p: PrepareProgress) => void } = {}): Promise<PrepareResult> {
  tuneHeapForStreaming();
  const info = await openTable(req.path, req.read);
  compileOrThrow(req, info.headers);
  // The personal-data guard decides from the first rows, before the batch header is written: read them first.
  const source = readInProcess(req.path, info, { signal: opts.signal });
  const early: SourceChunk[] = [];
  let sampled = 0;
  while (sampled < GUARD_SAMPLE_ROWS) {
    const next = await source.next();
    if (next.done) break;
    early.push(next.value);
    sampled += next.value.rowCount;
  }
  const sample = early.flatMap((c) => Array.from({ length: c.rowCount }, (_, i) => c.cellsOf(i).slice(c.offsetOf(i), c.offsetOf(i) + c.countOf(i)))).slice(0, GUARD_SAMPLE_ROWS);
  const processor = await PrepareProcessor.create(req, info, sample).catch(async (e: unknown) => {
    await source.return(undefined);
    throw e;
  });
  let rows = 0;
  // A large file is read twice (identifiers first, see duplicate-screen.ts): progress counts both halves.
  const expectedRows = estimateRows(info.sizeBytes, sample);
  const screened = expectedRows > (req.duplicateMemoryRows ?? DUPLICATE_MEMORY_ROWS);
  const share = (bytes: number, pass: 0 | 1): number => (screened ? Math.floor((pass * info.sizeBytes + bytes) / 2) : bytes);
  try {
    if (screened) {
      await processor.screenDuplicates(readInProcess(req.path, info, { signal: opts.signal }), {
        expectedRows,
        partitions: req.duplicateSpillPartitions,
        signal: opts.signal,
        onChunk: (c) => opts.onProgress?.({ stage: 'reading', bytesRead: share(c.bytesRead, 0), totalBytes: c.totalBytes, rows: 0 }),
      });
    }
    for await (const chunk of prependChunks(early, source)) {
      rows += chunk.rowCount;
      opts.onProgress?.({ stage: 'reading', bytesRead: share(chunk.bytesRead, 1), totalBytes: chunk.totalBytes, rows });
      await processor.process(chunk);
      if (opts.signal?.aborted) throw new TableReadError('cancelled', { variant: 'prepare' });
    }
  } catch (e) {
    await processor.abort();
    await source.return(undefined).catch(() => undefined);
    throw e;
  }
  opts.onProgress?.({ stage: 'finishing', rows });
  const out = await processor.finish().catch(async (e: unknown) => {
    await processor.abort();
    throw e;
  });
  const manifest: PrepareManifest = {
    version: 1,
    file: basename(req.path),
    format: info.format,
    encoding: info.encoding?.encoding ?? null,
    delimiter: info.delimiter,
    headerRow: info.headerRow,
    sheet: info.sheet,
    idType: req.mapping.idKind,
    idColumn: req.mapping.idColumn,
    params: out.params,
    paramColumns: paramColumnsOf(req.mapping, out.params),
    rows: out.rows,
    valid: out.valid,
    rejected: out.rejected,
    excluded: out.excluded,
    blockedByFileIssues: out.fileBlocked,
    duplicates: req.duplicates,
    batches: out.batches,
    ledger: LEDGER_FILE,
    rejectedReport: REJECTED_FILE,
    sourceRows: SOURCE_ROWS_FILE,
    createdAt: new Date().toISOString(),
    personalData: out.personalData,
  };
  await writeFileAtomic(join(req.outDir, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n');
  return { manifest, info, issues: out.issues, issuesTruncated: out.issuesTruncated, issueCounts: out.issueCounts, findings: out.findings, personalData: out.personalData, sentMapping: out.sentMapping };
}

async function* prependChunks(first: readonly SourceChunk[], rest: AsyncGenerator<SourceChunk>): AsyncGenerator<SourceChunk> {
  yield* first;
  yield* rest;
}

/** The source header of each parameter name (null for a constant), in the order of `params`. */
function paramColumnsOf(mapping: MappingSpec, params: readonly string[]): (string | null)[] {
  const ignored = new Set(mapping.ignored);
  const from = new Map<string, string>();
  for (const c of mapping.columns) if (!ignored.has(c.column) && !from.has(c.param)) from.set(c.param, c.column);
  return params.map((p) => from.get(p) ?? null);
}
