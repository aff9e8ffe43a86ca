import { readLedger } from '../prepare/prepare-ledger.js';
import { locateLine } from '../../../shared/batch/batch-planner.js';
import { safeCsvLine } from '../../../shared/jobs/csv-cell.js';
import type { ResultWords } from '../../../shared/contract/result-words.js';
import type { JobEvent } from '../../../shared/jobs/job-events.js';
import type { JobView } from '../../../shared/jobs/job-reducer.js';
import type { JobSpec } from '../../../shared/jobs/job-spec.js';
import type { RowNote, RowOutcome } from '../../../shared/jobs/row-outcome.js';
import { machineHeader, RESULT_MACHINE_HEADER } from '../../../shared/jobs/result-columns.js';
import { describeVerifyRow } from '../../messages/verify-words.js';
import { latestRun, type SettledRow } from '../../../shared/verify/verify-records.js';
import { readVerifyJournal } from '../../store/verify-journal.js';
import { createAtomicFile } from '../../store/atomic-file.js';
import { readPreparedInput, type PreparedBatch } from '../../upload/prepared-input.js';
import { batchLineOutcomes, type BatchLineOutcomes } from './result-lines.js';
import { rejectedRowCursor } from './result-rejected.js';
import { openSourceRows, type SourceRow } from './result-source-rows.js';
import { resultSpeaker, type ResultSpeaker } from './result-words.js';

/** Ledger values (int32 per input row): ≥ 0 a global data line; these negatives say why not. */
export const LEDGER_EXCLUDED_USER = -1;
export const LEDGER_REJECTED = -2;
export const LEDGER_EXCLUDED_DUPLICATE = -3;
/** Written by "retry failed rows": the row is not part of this (retry) job. */
export const LEDGER_NOT_IN_JOB = -10;

export { RESULT_MACHINE_HEADER };

/** What one line of the result CSV says, before its cells are laid out. */
interface ResultLine {
  readonly row: number | '';
  readonly key: string;
  readonly outcome: RowOutcome;
  readonly reason: string;
  readonly batch: number | '';
  readonly batchId: string;
  readonly verify: SettledRow | undefined;
  readonly source: SourceRow | undefined;
}

/** Loads the line outcomes of every batch of a job. */
export async function allLineOutcomes(spec: JobSpec, view: JobView, events: readonly JobEvent[], keepLines = false): Promise<Map<number, BatchLineOutcomes>> {
  const out = new Map<number, BatchLineOutcomes>();
  for (const b of spec.batches) out.set(b.index, await batchLineOutcomes(spec, view, events, b.index, keepLines));
  return out;
}

/** Joins the non-empty reasons of a line. */
function joinReasons(speak: ResultSpeaker, parts: readonly string[]): string {
  return parts.filter((p) => p !== '').join(speak.words.separator);
}

/** Yields the result CSV's lines (each ending in `\n`), BOM and header first; see writeResultCsv. */
async function* resultLines(spec: JobSpec, view: JobView, events: readonly JobEvent[], verifyJournal: string | null, speak: ResultSpeaker): AsyncGenerator<string> {
  const prepared = await readPreparedInput(spec.source.preparedDir);
  const outcomes = await allLineOutcomes(spec, view, events);
  const checked = verifyJournal === null ? undefined : latestRun((await readVerifyJournal(verifyJournal)).records)?.settled;
  const firstLine = new Map(prepared.batches.map((b) => [b.index, b.firstLine]));
  const source = prepared.sourceRowsPath && prepared.ledgerPath ? await openSourceRows(prepared.sourceRowsPath) : null;
  const headers = source?.headers ?? [];
  const keyAt = prepared.idColumn === null ? -1 : headers.indexOf(prepared.idColumn);
  const noSource = source === null ? speak.note({ code: 'no-source-rows' }) : '';
  yield `\uFEFF${safeCsvLine([speak.words.outcomeHeader, speak.words.reasonHeader, ...headers, ...machineHeader([speak.words.outcomeHeader, speak.words.reasonHeader, ...headers])])}\n`;
  const layout = (l: ResultLine): string => {
    const cells = headers.map((_, k) => l.source?.cells[k] ?? '');
    const reason = joinReasons(speak, [l.reason, l.verify ? speak.verify(l.verify) : '', noSource]);
    return `${safeCsvLine([speak.outcome(l.outcome), reason, ...cells, l.row, l.key, l.outcome, l.batch, l.batchId, l.verify?.o ?? '', l.verify ? describeVerifyRow(l.verify) : ''])}\n`;
  };
  const sentLine = (b: BatchLineOutcomes, line: number, row: number | '', src: SourceRow | undefined): ResultLine => {
    const i = line - 1;
    const verify = checked?.get((firstLine.get(b.index) ?? 0) + i);
    const outcome = b.outcomes[i] ?? 'unknown';
    return { row, key: b.keys[i] ?? '', outcome, reason: speak.note(b.notes[i] ?? null), batch: b.index, batchId: b.batchId ?? '', verify, source: src };
  };
  if (!prepared.ledgerPath) {
    for (const b of outcomes.values()) for (let line = 1; line <= b.keys.length; line++) yield layout(sentLine(b, line, '', undefined));
    return;
  }
  const ledger = await readLedger(prepared.ledgerPath);
  const rejected = prepared.rejectedReportPath ? rejectedRowCursor(prepared.rejectedReportPath, prepared.idColumn) : undefined;
  const located = prepared.batches.map((b: PreparedBatch) => ({ index: b.index, firstLine: b.firstLine, rows: b.rows }));
  const notSent = (row: number, outcome: RowOutcome, note: RowNote, src: SourceRow | undefined, key = ''): ResultLine => ({
    row,
    key: key || (keyAt >= 0 ? (src?.cells[keyAt] ?? '') : ''),
    outcome,
    reason: speak.note(note),
    batch: '',
    batchId: '',
    verify: undefined,
    source: src,
  });
  for (let r = 0; r < ledger.length; r++) {
    const v = ledger[r] as number;
    if (v === LEDGER_NOT_IN_JOB) continue;
    const row = r + 1;
    const src = await source?.find(row);
    if (v >= 0) {
      const at = locateLine(located, v);
      const b = at ? outcomes.get(at.batch) : undefined;
      yield layout(b && at ? sentLine(b, at.line, row, src) : notSent(row, 'unknown', { code: 'ledger-orphan' }, src));
    } else if (v === LEDGER_REJECTED) {
      const reasons = src ? speak.issues(src.why) : '';
      const report = reasons === '' ? await rejected?.find(row) : undefined;
      const note: RowNote = reasons !== '' ? { code: 'blocked', reasons } : report ? { code: 'blocked', reasons: report.reasons } : { code: 'blocked-see-report' };
      yield layout(notSent(row, 'rejected', note, src, report?.key ?? ''));
    } else if (v === LEDGER_EXCLUDED_DUPLICATE) {
      yield layout(notSent(row, 'excluded', { code: 'duplicate-dropped' }, src));
    } else {
      const reasons = src ? speak.issues(src.why) : '';
      yield layout(notSent(row, 'excluded', reasons === '' ? { code: 'excluded-by-you' } : { code: 'excluded-blocked', reasons }, src));
    }
  }
}

/**
 * Writes the result CSV of a job to `path` (atomically, through a private temp file), UTF-8 with a BOM
 * so Excel reads Korean: one line per input row in input order — sent, blocked, left out by the user
 * or as a duplicate — with, in this order, its outcome and reason in plain words (`words`, the UI
 * language; the CLI's English without), every cell of the row as read from the source file (so the
 * file can be fixed and loaded again; absent for a job prepared before source rows were kept), then
 * the machine columns (RESULT_MACHINE_HEADER): row number, key, outcome code (confirmed, not-found,
 * confirmed-or-not-found, failed, rejected, excluded, unknown, not-sent, pending), batch, batch id and,
 * when the job was verified (`verifyJournal`), the read-back code (verified, differs, missing,
 * not-yet-visible; empty when not checked) and its English detail. Every cell is formula-safe. Without
 * a row ledger, rows are listed per batch line. Resolves to the number of rows written; throws
 * WriteFailedError when the file cannot be written (the temp file is removed and an older results
 * file stays as it was).
 */
export async function writeResultCsv(spec: JobSpec, view: JobView, events: readonly JobEvent[], path: string, verifyJournal: string | null = null, words?: ResultWords): Promise<number> {
  const lines = resultLines(spec, view, events, verifyJournal, resultSpeaker(words));
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
