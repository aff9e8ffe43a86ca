import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { AppCallError } from '../../shared/contract/errors.js';
import { personalDataColumnSchema, type PersonalDataColumn } from '../../shared/privacy/personal-data-kind.js';

/** The manifest fields the upload engine relies on (the pipeline writes more; extra fields are ignored). */
const manifestSchema = z.object({
  file: z.string(),
  idType: z.string(),
  rows: z.number().int().min(0),
  valid: z.number().int().min(0).optional(),
  rejected: z.number().int().min(0),
  excluded: z.number().int().min(0),
  blockedByFileIssues: z.boolean().optional(),
  batches: z.array(
    z.object({
      index: z.number().int().min(0),
      rows: z.number().int().min(0),
      bytes: z.number().int().min(0),
      path: z.string().min(1),
      firstLine: z.number().int().min(0).optional(),
      firstRow: z.number().int().min(0).optional(),
    }),
  ),
  ledger: z.string().optional(),
  rejectedReport: z.string().optional(),
  sourceRows: z.string().optional(),
  idColumn: z.string().optional(),
  personalData: z.array(personalDataColumnSchema).optional(),
});

/** One batch of a prepared folder with an absolute path and its first global data line. */
export interface PreparedBatch {
  readonly index: number;
  readonly rows: number;
  readonly bytes: number;
  readonly path: string;
  readonly firstLine: number;
}

/** A prepared output folder as the engine sees it. */
export interface PreparedInput {
  readonly dir: string;
  readonly file: string;
  readonly idType: string;
  readonly rows: number;
  readonly rejected: number;
  readonly excluded: number;
  readonly blocked: boolean;
  readonly batches: readonly PreparedBatch[];
  /** Absolute path of the row ledger (int32 per input row), when the folder has one. */
  readonly ledgerPath: string | null;
  readonly rejectedReportPath: string | null;
  /** Absolute path of `source-rows.csv` (every input row as read), when the folder has one. */
  readonly sourceRowsPath: string | null;
  /** Header of the identifier column, when the folder records it. */
  readonly idColumn: string | null;
  /** The personal-data guard's columns and their fate ([] for a folder prepared before the guard). */
  readonly personalData: readonly PersonalDataColumn[];
}

export const MANIFEST_NAME = 'manifest.json';

/** Reads `manifest.json` of a prepared folder; throws AppCallError `prepared-missing` or `prepared-invalid`. */
export async function readPreparedInput(dir: string): Promise<PreparedInput> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(join(dir, MANIFEST_NAME), 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new AppCallError('prepared-missing', { dir });
    throw new AppCallError('prepared-invalid', { variant: 'not-json', path: join(dir, MANIFEST_NAME) });
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) throw new AppCallError('prepared-invalid', { variant: 'not-manifest', path: join(dir, MANIFEST_NAME), field: parsed.error.issues[0]?.path.join('.') ?? '' });
  const m = parsed.data;
  const abs = (p: string) => (isAbsolute(p) ? p : join(dir, p));
  let line = 0;
  const batches = m.batches.map((b) => {
    const firstLine = b.firstLine ?? line;
    line = firstLine + b.rows;
    return { index: b.index, rows: b.rows, bytes: b.bytes, path: abs(b.path), firstLine };
  });
  return {
    dir,
    file: m.file,
    idType: m.idType,
    rows: m.rows,
    rejected: m.rejected,
    excluded: m.excluded,
    blocked: m.blockedByFileIssues ?? false,
    batches,
    ledgerPath: m.ledger ? abs(m.ledger) : null,
    rejectedReportPath: m.rejectedReport ? abs(m.rejectedReport) : null,
    sourceRowsPath: m.sourceRows ? abs(m.sourceRows) : null,
    idColumn: m.idColumn ?? null,
    personalData: m.personalData ?? [],
  };
}
