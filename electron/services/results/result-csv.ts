import { readLedger } from '../prepare/prepare-ledger.js';
import { locateLine } from '../../../shared/batch/batch-planner.js';
import { safeCsvLine } from '../../../shared/jobs/csv-cell.js';
import type { JobEvent } from '../../../shared/jobs/job-events.js';
import type { JobView } from '../../../shared/jobs/job-reducer.js';
import type { JobSpec } from '../../../shared/jobs/job-spec.js';
import { describeRowNote } from '../../messages/outcome-words.js';
import { describeVerifyRow } from '../../messages/verify-words.js';
import { latestRun } from '../../../shared/verify/verify-records.js';
import { readVerifyJournal } from '../../store/verify-journal.js';
import { createAtomicFile } from '../../store/atomic-file.js';
import { readPreparedInput, type PreparedBatch } from '../../upload/prepared-input.js';
import { batchLineOutcomes, type BatchLineOutcomes } from './result-lines.js';
import { rejectedRowCursor } from './result-rejected.js';

/** Ledger values (int32 per input row): ≥ 0 a global data line; these negatives say why not. */
export const LEDGER_EXCLUDED_USER = -1;
export const LEDGER_REJECTED = -2;
export const LEDGER_EXCLUDED_DUPLICATE = -3;
/** Written by "retry failed rows": the row is not part of this (retry) job. */
export const LEDGER_NOT_IN_JOB = -10;

export const RESULT_HEADER = ['row', 'key', 'outcome', 'batch', 'batch_id', 'detail', 'verified', 'verify_detail'] as const;
/** The `verified` and `verify_detail` cells of a row that was never sent, so never read back: every line has the header's cells. */
const NOT_CHECKED = ['', ''] as const;

/** Loads the line outcomes of every batch of a job. */
export async function allLineOutcomes(spec: JobSpec, view: JobView, events: readonly JobEvent[], keepLines = false): Promise<Map<number, BatchLineOutcomes>> {
  const out = new Map<number, BatchLineOutcomes>();
  for (const b of spec.batches) out.set(b.index, await batchLineOutcomes(spec, view, events, b.index, keepLines));
  return out;
}

/** Yields the result CSV's lines (each ending in `\n`), header first; see writeResultCsv. */
async function* resultLines(spec: JobSpec, view: JobView, events: readonly JobEvent[], verifyJournal: string | null): AsyncGenerator<string> {
  const prepared = await readPreparedInput(spec.source.preparedDir);
  const outcomes = await allLineOutcomes(spec, view, events);
  const checked = verifyJournal === null ? undefined : latestRun((await readVerifyJournal(verifyJournal)).records)?.settled;
  const firstLine = new Map(prepared.batches.map((b) => [b.index, b.firstLine]));
  yield `${safeCsvLine([...RESULT_HEADER])}\n`;
  const lineCell = (b: BatchLineOutcomes, line: number, row: number | string) => {
    const i = line - 1;
    const verify = checked?.get((firstLine.get(b.index) ?? 0) + i);
    return `${safeCsvLine([row, b.keys[i] ?? '', b.outcomes[i] ?? 'unknown', b.index, b.batchId ?? '', b.details[i] ?? '', verify?.o ?? '', verify ? describeVerifyRow(verify) : ''])}\n`;
  };
  if (!prepared.ledgerPath) {
    for (const b of outcomes.values()) for (let line = 1; line <= b.keys.length; line++) yield lineCell(b, line, '');
    return;
  }
  const ledger = await readLedger(prepared.ledgerPath);
  const rejected = prepared.rejectedReportPath ? rejectedRowCursor(prepared.rejectedReportPath, prepared.idColumn) : undefined;
  const located = prepared.batches.map((b: PreparedBatch) => ({ index: b.index, firstLine: b.firstLine, rows: b.rows }));
  for (let r = 0; r < ledger.length; r++) {
    const v = ledger[r] as number;
    if (v === LEDGER_NOT_IN_JOB) continue;
    if (v >= 0) {
      const at = locateLine(located, v);
      const b = at ? outcomes.get(at.batch) : undefined;
      yield b && at ? lineCell(b, at.line, r + 1) : `${safeCsvLine([r + 1, '', 'unknown', '', '', describeRowNote({ code: 'ledger-orphan' }), ...NOT_CHECKED])}\n`;
    } else if (v === LEDGER_REJECTED) {
      const why = await rejected?.find(r + 1);
      yield `${safeCsvLine([r + 1, why?.key ?? '', 'rejected', '', '', describeRowNote(why ? { code: 'blocked', reasons: why.reasons } : { code: 'blocked-see-report' }), ...NOT_CHECKED])}\n`;
    } else {
      yield `${safeCsvLine([r + 1, '', 'excluded', '', '', describeRowNote({ code: v === LEDGER_EXCLUDED_DUPLICATE ? 'duplicate-merged' : 'excluded-by-you' }), ...NOT_CHECKED])}\n`;
    }
  }
}

/**
 * Writes the result CSV of a job to `path` (atomically, through a private temp file): one line per
 * input row with its outcome — confirmed, not-found, confirmed-or-not-found, failed, rejected, excluded,
 * unknown, not-sent or pending — and, when the job was verified (`verifyJournal`), what reading the row
 * back found (`verified`, `differs`, `missing`, `not-yet-visible`; empty when not checked) — every cell
 * formula-safe. Without a row ledger, rows are listed per
 * batch line. Resolves to the number of rows written; throws WriteFailedError when the file cannot be
 * written (the temp file is removed and an older results file stays as it was).
 */
export async function writeResultCsv(spec: JobSpec, view: JobView, events: readonly JobEvent[], path: string, verifyJournal: string | null = null): Promise<number> {
  const lines = resultLines(spec, view, events, verifyJournal);
  const out = await createAtomicFile(path);
  let pending: string[] = [];
  let rows = -1; // the header is not a row
  try {
    for await (const line of lines) {
      pending.push(line);
      rows++;
      if (pending.length >= 5000) {
        await out.write(pending.join(''));
        pending = [];
      }
    }
    await out.write(pending.join(''));
    await out.commit();
  } finally {
    await out.abort();
  }
  return rows;
}
