import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { readFile, rename } from 'node:fs/promises';
import { locateLine } from '../../shared/batch/batch-planner.js';
import { safeCsvLine } from '../../shared/jobs/csv-cell.js';
import type { JobEvent } from '../../shared/jobs/job-events.js';
import type { JobView } from '../../shared/jobs/job-reducer.js';
import type { JobSpec } from '../../shared/jobs/job-spec.js';
import { describeRowNote } from '../messages/outcome-words.js';
import { readPreparedInput, type PreparedBatch } from '../upload/prepared-input.js';
import { batchLineOutcomes, type BatchLineOutcomes } from './result-lines.js';
import { rejectedRowCursor } from './result-rejected.js';

/** Ledger values (int32 per input row): ≥ 0 a global data line; these negatives say why not. */
export const LEDGER_EXCLUDED_USER = -1;
export const LEDGER_REJECTED = -2;
export const LEDGER_EXCLUDED_DUPLICATE = -3;
/** Written by "retry failed rows": the row is not part of this (retry) job. */
export const LEDGER_NOT_IN_JOB = -10;

export const RESULT_HEADER = ['row', 'key', 'outcome', 'batch', 'batch_id', 'detail'] as const;

/** Reads a ledger file into an Int32Array (little-endian int32 per input row). */
export async function readLedgerFile(path: string): Promise<Int32Array> {
  const bytes = await readFile(path);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Int32Array(Math.floor(bytes.byteLength / 4));
  for (let i = 0; i < out.length; i++) out[i] = view.getInt32(i * 4, true);
  return out;
}

/** Loads the line outcomes of every batch of a job. */
export async function allLineOutcomes(spec: JobSpec, view: JobView, events: readonly JobEvent[], keepLines = false): Promise<Map<number, BatchLineOutcomes>> {
  const out = new Map<number, BatchLineOutcomes>();
  for (const b of spec.batches) out.set(b.index, await batchLineOutcomes(spec, view, events, b.index, keepLines));
  return out;
}

/**
 * Writes the result CSV of a job to `path` (through a temp file): one line per input row with its
 * outcome — confirmed, not-found, confirmed-or-not-found, failed, rejected, excluded, unknown, not-sent
 * or pending — every cell formula-safe. Without a row ledger, rows are listed per batch line.
 * Resolves to the number of rows written.
 */
export async function writeResultCsv(spec: JobSpec, view: JobView, events: readonly JobEvent[], path: string): Promise<number> {
  const prepared = await readPreparedInput(spec.source.preparedDir);
  const outcomes = await allLineOutcomes(spec, view, events);
  // A unique temp name: the job writes its results when it ends, and a download may ask at the same moment.
  const tmp = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  const out = createWriteStream(tmp, { encoding: 'utf8' });
  let pending: string[] = [];
  let written = 0;
  const flush = async (force = false) => {
    if (pending.length < 5000 && !force) return;
    if (!out.write(pending.join(''))) await once(out, 'drain');
    pending = [];
  };
  pending.push(`${safeCsvLine([...RESULT_HEADER])}\n`);
  const lineCell = (b: BatchLineOutcomes, line: number, row: number | string) => {
    const i = line - 1;
    return `${safeCsvLine([row, b.keys[i] ?? '', b.outcomes[i] ?? 'unknown', b.index, b.batchId ?? '', b.details[i] ?? ''])}\n`;
  };
  if (prepared.ledgerPath) {
    const ledger = await readLedgerFile(prepared.ledgerPath);
    const rejected = prepared.rejectedReportPath ? rejectedRowCursor(prepared.rejectedReportPath, prepared.idColumn) : undefined;
    const located = prepared.batches.map((b: PreparedBatch) => ({ index: b.index, firstLine: b.firstLine, rows: b.rows }));
    for (let r = 0; r < ledger.length; r++) {
      const v = ledger[r] as number;
      if (v === LEDGER_NOT_IN_JOB) continue;
      written++;
      if (v >= 0) {
        const at = locateLine(located, v);
        const b = at ? outcomes.get(at.batch) : undefined;
        pending.push(b && at ? lineCell(b, at.line, r + 1) : `${safeCsvLine([r + 1, '', 'unknown', '', '', describeRowNote({ code: 'ledger-orphan' })])}\n`);
      } else if (v === LEDGER_REJECTED) {
        const why = await rejected?.find(r + 1);
        const note = describeRowNote(why ? { code: 'blocked', reasons: why.reasons } : { code: 'blocked-see-report' });
        pending.push(`${safeCsvLine([r + 1, why?.key ?? '', 'rejected', '', '', note])}\n`);
      } else {
        const note = describeRowNote({ code: v === LEDGER_EXCLUDED_DUPLICATE ? 'duplicate-merged' : 'excluded-by-you' });
        pending.push(`${safeCsvLine([r + 1, '', 'excluded', '', '', note])}\n`);
      }
      await flush();
    }
  } else {
    for (const b of outcomes.values()) {
      for (let line = 1; line <= b.keys.length; line++) {
        written++;
        pending.push(lineCell(b, line, ''));
        await flush();
      }
    }
  }
  await flush(true);
  out.end();
  await once(out, 'close');
  await rename(tmp, path);
  return written;
}
