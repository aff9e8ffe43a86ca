import { z } from 'zod';
import { defineCall } from './define.js';
import { mappingSpecSchema, type MappingSpec } from '../domain/mapping-spec.js';
import { rowEditSchema } from '../domain/row-overlay.js';
import { duplicatePolicySchema, type DuplicatePolicy } from '../validation/duplicate-policy.js';
import { valueFixesSchema, type ValueFixes } from '../validation/value-fixes.js';
import type { IssueCode, IssueParamBag, Severity } from '../validation/issue.js';
import type { ColumnFinding } from '../validation/column-findings.js';
import { numberReadingSchema } from '../validation/number-comma.js';
import type { ReadOverrides } from './files.js';
import type { NameReason } from '../domain/param-name-suggest.js';
import type { PersonalDataColumn } from '../privacy/personal-data-kind.js';
import type { ColumnDetection } from '../privacy/column-guard.js';

/** One suggested parameter for a column: where the name came from and how sure the match is (0..1). */
export interface ColumnSuggestion {
  readonly column: string;
  readonly param: string;
  readonly confidence: number;
  /** Where the name came from (`glossary`, `romanised`, `accents`…; see NameReason); the Map step says it beside the header. */
  readonly reason: NameReason;
}

/** `mapping.suggest` result: a ready mapping, the confidence of each part, and the template applied (if any). */
export interface MappingSuggestion {
  readonly mapping: MappingSpec;
  /** 0 when no column looks like an identifier (the first column is proposed). */
  readonly idConfidence: number;
  readonly columns: readonly ColumnSuggestion[];
  /** The name suggested for the identifier column, used when the user picks another column as the identifier (null for an empty header). */
  readonly idParam: ColumnSuggestion | null;
  readonly fingerprint: string;
  /** The saved template whose headers match this file; its mapping is the one suggested. */
  readonly template: { readonly name: string } | null;
  /**
   * Columns holding personal data (by header words or by the values of the file's first rows): the Map
   * step shows them as not sent, with the reason, until the user chooses otherwise. Absent: none found.
   */
  readonly personalData?: readonly ColumnDetection[];
  /** When a template was applied: the suggestion without it (what "Undo" goes back to). */
  readonly untemplated: { readonly mapping: MappingSpec; readonly idConfidence: number; readonly columns: readonly ColumnSuggestion[]; readonly idParam: ColumnSuggestion | null } | null;
}

/** A saved mapping template as listed. */
export interface TemplateView {
  readonly name: string;
  readonly fingerprint: string;
  readonly headers: readonly string[];
  readonly mapping: MappingSpec;
  readonly createdAt: string | null;
}

/** A recently opened file (kept on the Node side under the state folder). */
export interface RecentFile {
  readonly path: string;
  readonly name: string;
  readonly format: 'csv' | 'xlsx';
  readonly sizeBytes: number;
  readonly openedAt: string;
  readonly options: ReadOverrides;
  /** False when the file is no longer where it was. */
  readonly exists: boolean;
}

/** Issues of one code across the file. */
export interface IssueCount {
  readonly code: IssueCode;
  readonly severity: Severity;
  readonly count: number;
}

/** An issue as the Review grid shows it: a code and the params its words quote (the renderer puts it into words). */
export interface ReviewIssue {
  readonly code: IssueCode;
  readonly severity: Severity;
  readonly row: number | null;
  readonly column: string | null;
  readonly params: IssueParamBag;
}

/** Why Upload is not allowed yet, or null when it is. */
export type UploadBlock = 'not-validated' | 'blocking-rows' | 'file-issues' | 'nothing-to-send';

/** The outcome of validating the whole file with a mapping, the user's edits and fixes. */
export interface ReviewSummary {
  readonly fileId: string;
  /** Increases with every run; pages carry it so stale pages can be told apart. */
  readonly run: number;
  /** Folder with manifest.json and the batch files; what `jobs.start` takes as `preparedDir`. */
  readonly preparedDir: string;
  readonly mapping: MappingSpec;
  readonly fixes: ValueFixes;
  readonly duplicates: DuplicatePolicy;
  readonly rows: number;
  /** Rows that will be sent (warnings included). */
  readonly ready: number;
  /** Rows that will be sent but have a warning. */
  readonly warnings: number;
  /** Rows held back by a blocking issue. */
  readonly blocking: number;
  /** Rows the user left out, and later duplicates left out by the duplicate rule. */
  readonly excluded: number;
  readonly batches: number;
  readonly issueCounts: readonly IssueCount[];
  /** Issues about the whole file or the mapping (row = null). */
  readonly fileIssues: readonly ReviewIssue[];
  /** True when more issues exist than the review keeps per row (counts stay exact). */
  readonly issuesTruncated: boolean;
  /** Value issues per column with real examples from the file, for previews of the fixes (before → after). */
  readonly findings: readonly ColumnFinding[];
  readonly edits: number;
  readonly uploadAllowed: boolean;
  readonly uploadBlock: UploadBlock | null;
  /** Columns the personal-data guard found: kind, evidence, rows with a value, and whether each is sent. */
  readonly personalData: readonly PersonalDataColumn[];
}

/** Which rows a Review page lists. */
export const reviewFilterSchema = z.union([z.enum(['all', 'issues', 'blocking', 'warnings', 'excluded']), z.object({ code: z.string().min(1).max(60) })]);
export type ReviewFilter = z.infer<typeof reviewFilterSchema>;

/** One row of the Review grid: its cells (edits applied), what happens to it, and its issues. */
export interface ReviewRow {
  readonly row: number;
  readonly cells: readonly string[];
  /**
   * By column: the value as it will be sent (after transforms and fixes; `sentCells`), or null for a
   * column that is not sent. The grid shows these; `cells` is what the file (or the user's edit) says.
   */
  readonly sent: readonly (string | null)[];
  /** True for a row shown only because it was kept in view (it no longer matches the filter: fixed or left out). */
  readonly kept?: boolean;
  /** Header names of the cells the user edited. */
  readonly edited: readonly string[];
  readonly status: 'ready' | 'warning' | 'blocked' | 'excluded';
  readonly issues: readonly ReviewIssue[];
}

/** A page of a filtered row list; `offset` is 0-based in that list, `total` its length. */
export interface ReviewPage {
  readonly run: number;
  readonly offset: number;
  readonly total: number;
  readonly rows: readonly ReviewRow[];
}

/** The most common values of one mapped parameter, as the audience will look in Target. */
export interface TopValues {
  readonly param: string;
  readonly column: string;
  /** Distinct values seen (a lower bound when `capped`). */
  readonly distinct: number;
  readonly capped: boolean;
  readonly empty: number;
  readonly top: readonly { readonly value: string; readonly count: number }[];
}

/** Bulk actions the Review offers by kind of issue. */
export const bulkActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('strip-commas') }),
  z.object({ action: z.literal('replace-commas'), with: z.string().max(8).refine((s) => !/[,\r\n]/.test(s)) }),
  z.object({ action: z.literal('strip-line-breaks') }),
  z.object({ action: z.literal('keep-commas-blocked') }),
  /** Values over 256 characters: send the first 256 (`cut`), or send them whole with a warning again (`keep`). */
  z.object({ action: z.literal('cut-long-values') }),
  z.object({ action: z.literal('keep-long-values') }),
  /** How one column's numbers written with a comma are read; null puts them back to blocked. */
  z.object({ action: z.literal('read-numbers'), column: z.string().max(1000), reading: numberReadingSchema.nullable() }),
  z.object({ action: z.literal('exclude-code'), code: z.string().min(1).max(60) }),
  z.object({ action: z.literal('exclude-blocking') }),
  z.object({ action: z.literal('include-all') }),
]);
export type BulkAction = z.infer<typeof bulkActionSchema>;

/** Where exported rejected rows went; `csv` holds the text too when it is small (≤ 5 MB), for a browser download. */
export interface RejectedExport {
  readonly path: string;
  readonly rows: number;
  readonly csv: string | null;
}

const fileId = z.string().min(1).max(100);
const templateName = z.string().trim().min(1).max(100);

/** Calls for the Load extras, the Map step and the Review step. */
export const reviewCalls = {
  'files.recent': defineCall<readonly RecentFile[]>()(z.object({}).strict(), 'The last files opened (newest first, at most 10), with the overrides they were opened with.'),
  'files.sample': defineCall<{ readonly path: string }>()(z.object({}).strict(), 'The path of the bundled sample file (loyalty data with a few deliberate problems) for `files.open`.'),
  'mapping.suggest': defineCall<MappingSuggestion>()(
    z.object({ fileId }).strict(),
    "Suggests the identifier column and kind and a parameter for every column, with confidences; a saved template whose headers match the file's is applied instead.",
  ),
  'templates.list': defineCall<readonly TemplateView[]>()(z.object({}).strict(), 'Saved mapping templates, newest first.'),
  'templates.save': defineCall<TemplateView>()(
    z.object({ name: templateName, headers: z.array(z.string().max(1000)).max(2000), mapping: mappingSpecSchema }).strict(),
    'Saves (or replaces, by name) a mapping template for these headers; it is applied automatically to files with the same headers.',
  ),
  'templates.remove': defineCall<void>()(z.object({ name: templateName }).strict(), 'Deletes a saved template; an unknown name is ignored.'),
  'review.run': defineCall<ReviewSummary>()(
    z.object({ fileId, mapping: mappingSpecSchema, fixes: valueFixesSchema.optional(), duplicates: duplicatePolicySchema.optional() }).strict(),
    'Validates and prepares the whole open file with this mapping (and the edits made so far) in a worker; resolves with the counts. Rejects `mapping-column-missing` when the mapping names a column the file lacks.',
  ),
  'review.rows': defineCall<ReviewPage>()(
    z
      .object({
        fileId,
        filter: reviewFilterSchema.default('all'),
        offset: z.number().int().min(0),
        count: z.number().int().min(1).max(500),
        /** Rows kept in the filtered list although they no longer match (just fixed or left out), until the list is refreshed. */
        keep: z.array(z.number().int().min(1)).max(10_000).optional(),
      })
      .strict(),
    'A page of the rows the filter selects (plus the `keep` rows, in row order, marked `kept` when they no longer match), each with its cells (edits applied), status and issues. Rejects `not-validated` before the first `review.run`.',
  ),
  'review.edit': defineCall<ReviewSummary>()(
    z.object({ fileId, edits: z.array(rowEditSchema).min(1).max(10_000) }).strict(),
    'Records cell edits and exclusions (the source file is never rewritten), then validates again and resolves with the new counts.',
  ),
  'review.bulk': defineCall<ReviewSummary>()(
    z.object({ fileId, bulk: bulkActionSchema }).strict(),
    'Applies a fix to every row of one kind (strip commas, exclude every row with an issue code…), then validates again.',
  ),
  'review.topValues': defineCall<readonly TopValues[]>()(
    z.object({ fileId, limit: z.number().int().min(1).max(50).default(5) }).strict(),
    'For each mapped parameter, its most common values (after transforms and edits) and their counts, over the whole file.',
  ),
  'review.exportRejected': defineCall<RejectedExport>()(
    z.object({ fileId }).strict(),
    'Copies the rejected rows of the last run (row number, reasons, original cells; formula-safe) to the exports folder and returns its path.',
  ),
} as const;

/** Events about a running validation. */
export type ReviewEvent = { readonly type: 'review.progress'; readonly fileId: string; readonly rows: number; readonly bytesRead: number; readonly totalBytes: number };
