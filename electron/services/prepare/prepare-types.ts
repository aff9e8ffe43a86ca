import type { ReadOptions, TableInfo } from '../../io/table-types.js';
import type { MappingSpec } from '../../../shared/domain/mapping-spec.js';
import type { IdKind } from '../../../shared/domain/id-kind.js';
import type { RowEdit } from '../../../shared/domain/row-overlay.js';
import type { DuplicatePolicy } from '../../../shared/validation/duplicate-policy.js';
import type { ValueFixes } from '../../../shared/validation/value-fixes.js';
import type { Issue } from '../../../shared/validation/issue.js';
import type { ColumnFinding } from '../../../shared/validation/column-findings.js';
import type { PersonalDataColumn } from '../../../shared/privacy/personal-data-kind.js';

/** Everything one prepare run needs; plain data, so it crosses to the worker thread unchanged. */
export interface PrepareRequest {
  readonly path: string;
  readonly read: ReadOptions;
  readonly mapping: MappingSpec;
  readonly duplicates: DuplicatePolicy;
  readonly fixes: ValueFixes;
  /** The user's edits and exclusions, applied on the fly (the source file is not rewritten). */
  readonly edits: readonly RowEdit[];
  /** More rows left out, besides `edits` (RowOverlay.packed(): a bulk exclusion crosses to the worker as one array). */
  readonly excluded?: Int32Array;
  /** Folder that receives the batch files, manifest.json, rows.ledger, rejected-rows.csv and source-rows.csv (created if missing). */
  readonly outDir: string;
  readonly batchRows?: number;
  readonly batchBytes?: number;
  /** How many issues to return in the result (all are counted by code). Default 10,000. */
  readonly issueLimit?: number;
  /** The personal-data guard; on unless false, which only the benchmark that measures its cost passes. */
  readonly guard?: boolean;
  /**
   * Estimated rows above which duplicates are screened on disk first (see duplicate-screen.ts); default
   * DUPLICATE_MEMORY_ROWS. Tests pass 0 so small files take that path.
   */
  readonly duplicateMemoryRows?: number;
  /** Spill partitions of the duplicate screen; default from the estimated rows. Tests force several. */
  readonly duplicateSpillPartitions?: number;
}

/** One batch file as written. `firstLine` is the global 0-based data line of its first row. */
export interface ManifestBatch {
  readonly index: number;
  readonly rows: number;
  readonly bytes: number;
  /** File name inside the output folder. */
  readonly path: string;
  readonly firstLine: number;
  /** The input row (1 = first data row) of the batch's first line. */
  readonly firstRow: number;
}

/** `manifest.json` of an output folder: what was read and where every row went. */
export interface PrepareManifest {
  readonly version: 1;
  readonly file: string;
  readonly format: 'csv' | 'xlsx';
  readonly encoding: string | null;
  readonly delimiter: string | null;
  readonly headerRow: number;
  readonly sheet: string | null;
  readonly idType: IdKind;
  /** The header of the identifier column (so reports can name each row's key). */
  readonly idColumn: string;
  readonly params: readonly string[];
  /** The header each parameter was sent from, aligned with `params` (null for a constant); for the attribute catalog. */
  readonly paramColumns: readonly (string | null)[];
  readonly rows: number;
  readonly valid: number;
  readonly rejected: number;
  readonly excluded: number;
  /** True when a file-level blocking issue (mapping) stopped every batch from being written. */
  readonly blockedByFileIssues: boolean;
  readonly duplicates: DuplicatePolicy;
  readonly batches: readonly ManifestBatch[];
  /** Row ledger: one little-endian int32 per input row (see prepare-ledger.ts). */
  readonly ledger: string;
  readonly rejectedReport: string;
  /** Every input row as read, with what blocked it (see prepare-source-rows.ts): the result CSV's original columns. */
  readonly sourceRows: string;
  readonly createdAt: string;
  /** Columns the personal-data guard found and whether each was sent (absent in folders prepared before the guard). */
  readonly personalData?: readonly PersonalDataColumn[];
}

/** What a prepare run returns to its caller. */
export interface PrepareResult {
  readonly manifest: PrepareManifest;
  readonly info: TableInfo;
  /** File-level issues first, then row issues in row order, at most `issueLimit`. */
  readonly issues: readonly Issue[];
  readonly issuesTruncated: boolean;
  readonly issueCounts: Readonly<Record<string, number>>;
  /** Per value-issue kind and column: the count and a few real values (what the Review step previews fixes on). */
  readonly findings: readonly ColumnFinding[];
  /** Columns the personal-data guard found: kind, evidence, rows with a value, sent or not. */
  readonly personalData: readonly PersonalDataColumn[];
  /** The mapping really sent (the request's, with the columns the guard left out ignored). */
  readonly sentMapping: MappingSpec;
}

/** Progress of a run: reading (bytes and rows so far), then finishing (files being closed and fixed up). */
export type PrepareProgress =
  | { readonly stage: 'reading'; readonly bytesRead: number; readonly totalBytes: number; readonly rows: number }
  | { readonly stage: 'finishing'; readonly rows: number };
