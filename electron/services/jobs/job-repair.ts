import { AppCallError, reason } from '../../../shared/contract/errors.js';
import type { JobEvent } from '../../../shared/jobs/job-events.js';
import { replayJob } from '../../../shared/jobs/job-reducer.js';
import { JournalCorruptError, readJournal, rewriteJournal } from '../../store/journal.js';
import type { UsageLedger } from '../../store/usage-ledger.js';

/** What a repair did. */
export interface JournalRepair {
  /** The first damaged line. */
  readonly line: number;
  /** Records kept (those before the damaged line). */
  readonly kept: number;
  /** Where the damaged journal was copied. */
  readonly damagedCopy: string;
  /** Batches whose POST the ledger knows of but the kept records do not: their outcome is now unknown. */
  readonly unknownBatches: readonly number[];
}

/**
 * Repairs a job journal damaged in the middle (call it under the job's lock): keeps the intact records
 * before the damaged line; a batch the usage ledger shows was about to be POSTed but the kept records
 * do not show sent is marked as having an unknown outcome (so the unknown-outcome rule decides — never
 * a blind re-send); the repair is recorded as an alert and the damaged file is kept beside the journal.
 * Throws AppCallError `journal-intact` when there is nothing to repair and `journal-unrecoverable` when
 * not even the job's description survived.
 */
export async function repairJournal(path: string, jobId: string, usage: UsageLedger): Promise<JournalRepair> {
  let damage: JournalCorruptError;
  try {
    await readJournal(path);
    throw new AppCallError('journal-intact', { jobId });
  } catch (error) {
    if (!(error instanceof JournalCorruptError)) throw error;
    damage = error;
  }
  const first = damage.intact[0];
  if (first?.type !== 'job.started') {
    throw new AppCallError('journal-unrecoverable', { jobId, line: damage.line });
  }
  const view = replayJob(jobId, damage.intact);
  const at = new Date().toISOString();
  const posted = (await usage.since(first.spec.connection.clientCode, Date.parse(first.spec.createdAt) - 60_000)).filter((e) => e.jobId === jobId && e.batch !== undefined);
  const unknownBatches: number[] = [];
  const added: JobEvent[] = [];
  for (const b of view.batches) {
    const attempt = posted.filter((e) => e.batch === b.index).reduce((n, e) => Math.max(n, e.attempt ?? 0), 0);
    if (attempt === 0 || (b.phase !== 'pending' && b.phase !== 'waiting-retry')) continue;
    unknownBatches.push(b.index);
    added.push({ type: 'batch.outcome-unknown', jobId, at, index: b.index, attempt, reason: reason('outcome-unknown', { variant: 'record-lost', batch: b.index }) });
  }
  const damagedCopy = await rewriteJournal(path, [
    ...damage.intact,
    ...added,
    {
      type: 'job.alert',
      jobId,
      at,
      index: null,
      level: 'warning',
      ...reason('journal-repaired', { line: damage.line, kept: damage.intact.length, batches: unknownBatches }),
    },
  ]);
  return { line: damage.line, kept: damage.intact.length, damagedCopy, unknownBatches };
}
