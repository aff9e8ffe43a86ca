import { AppCallError } from '../../../shared/contract/errors.js';
import { join } from 'node:path';
import type { JobEvent } from '../../../shared/jobs/job-events.js';
import type { JobView } from '../../../shared/jobs/job-reducer.js';
import { RETRYABLE_OUTCOMES } from '../../../shared/jobs/row-outcome.js';
import type { JobSpec } from '../../../shared/jobs/job-spec.js';
import { ensurePrivateDir, writeFileAtomic } from '../../store/atomic-file.js';
import { readPreparedInput } from '../../upload/prepared-input.js';
import { readLedger } from '../prepare/prepare-ledger.js';
import { allLineOutcomes, LEDGER_NOT_IN_JOB } from '../results/result-csv.js';
import { splitBatchBody } from '../results/result-lines.js';
import { readFile } from 'node:fs/promises';

/**
 * Writes a prepared folder (batch files, manifest.json, rows.ledger) holding only the lines of `spec`
 * whose rows failed, ended unknown or were not sent, one batch per original batch that has any. The
 * ledger keeps the original row numbers (rows not retried are marked "not in this job"). Throws
 * AppCallError `nothing-to-retry` when there is nothing to send again.
 */
export async function writeRetryPrepared(spec: JobSpec, view: JobView, events: readonly JobEvent[], outDir: string): Promise<{ batches: number; lines: number }> {
  if (view.batches.some((b) => b.phase !== 'finished')) throw new AppCallError('nothing-to-retry', { variant: 'not-finished' });
  const outcomes = await allLineOutcomes(spec, view, events, false);
  const pick = (batch: number, line: number) => {
    const outcome = outcomes.get(batch)?.outcomes[line];
    return outcome !== undefined && RETRYABLE_OUTCOMES.has(outcome);
  };
  return writeLinesPrepared(spec, pick, outDir, 'none-failed');
}

/**
 * Writes a prepared folder (batch files, manifest.json, rows.ledger) of the lines of `spec` that `pick`
 * chooses (batch index, 0-based line in the batch), exactly as they were sent, one batch per original
 * batch that has any; the ledger keeps the original row numbers (other rows are "not in this job").
 * Throws AppCallError `nothing-to-retry` (`empty`) when `pick` chooses no line.
 */
export async function writeLinesPrepared(spec: JobSpec, pick: (batch: number, line: number) => boolean, outDir: string, empty: 'none-failed' | 'none-missing'): Promise<{ batches: number; lines: number }> {
  const source = await readPreparedInput(spec.source.preparedDir);
  await ensurePrivateDir(outDir);
  const newLineOf = new Map<number, number>(); // old global line -> new global line
  const manifestBatches: { index: number; rows: number; bytes: number; path: string; firstLine: number }[] = [];
  let nextLine = 0;
  for (const b of source.batches) {
    const picked: number[] = [];
    for (let i = 0; i < b.rows; i++) if (pick(b.index, i)) picked.push(i);
    if (picked.length === 0) continue;
    const { header, lines } = splitBatchBody(await readFile(b.path, 'latin1'));
    const body = `${header}\n${picked.map((i) => lines[i]).join('\n')}`;
    const index = manifestBatches.length + 1;
    const name = `batch-${String(index).padStart(4, '0')}.txt`;
    await writeFileAtomic(join(outDir, name), Buffer.from(body, 'latin1'));
    manifestBatches.push({ index, rows: picked.length, bytes: Buffer.byteLength(body, 'latin1'), path: name, firstLine: nextLine });
    picked.forEach((i, k) => newLineOf.set(b.firstLine + i, nextLine + k));
    nextLine += picked.length;
  }
  if (manifestBatches.length === 0) throw new AppCallError('nothing-to-retry', { variant: empty });
  let rows = 0;
  let ledger: Int32Array;
  if (source.ledgerPath) {
    const old = await readLedger(source.ledgerPath);
    ledger = new Int32Array(old.length);
    for (let r = 0; r < old.length; r++) {
      const v = old[r] as number;
      const mapped = v >= 0 ? newLineOf.get(v) : undefined;
      ledger[r] = mapped ?? LEDGER_NOT_IN_JOB;
      if (mapped !== undefined) rows++;
    }
  } else {
    ledger = Int32Array.from({ length: nextLine }, (_, i) => i);
    rows = nextLine;
  }
  await writeFileAtomic(join(outDir, 'rows.ledger'), new Uint8Array(ledger.buffer, ledger.byteOffset, ledger.byteLength));
  const manifest = {
    version: 1,
    file: spec.source.file,
    idType: spec.source.idType,
    rows,
    valid: rows,
    rejected: 0,
    excluded: rows - nextLine,
    batches: manifestBatches,
    ledger: 'rows.ledger',
    // The first job's copy of the rows as read, so the retry's result CSV has the original columns too.
    ...(source.sourceRowsPath ? { sourceRows: source.sourceRowsPath } : {}),
    ...(source.idColumn ? { idColumn: source.idColumn } : {}),
    retryOf: spec.jobId,
    createdAt: new Date().toISOString(),
    // The lines are re-sent as they were: so are the personal-data choices they were made with.
    personalData: spec.source.personalData,
  };
  await writeFileAtomic(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return { batches: manifestBatches.length, lines: nextLine };
}
