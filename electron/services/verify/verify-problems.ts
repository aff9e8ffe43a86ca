import type { VerifyProblemRow } from '../../../shared/contract/verify.js';
import { locateLine } from '../../../shared/batch/batch-planner.js';
import type { VerifyRun } from '../../../shared/verify/verify-records.js';
import { readPreparedInput } from '../../upload/prepared-input.js';
import { readLedger } from '../prepare/prepare-ledger.js';
import { loadBatchRows } from './verify-plan.js';

/**
 * Returns the settled rows of a run that did not verify, in line order (`offset`, `limit` page them):
 * each with its input row number (from the row ledger; null without one), batch, key and what differed.
 */
export async function problemRows(preparedDir: string, run: VerifyRun, offset: number, limit: number): Promise<{ total: number; rows: VerifyProblemRow[] }> {
  const all = [...run.settled.values()].filter((r) => r.o !== 'verified').sort((a, b) => a.l - b.l);
  const page = all.slice(offset, offset + limit);
  if (page.length === 0) return { total: all.length, rows: [] };
  const prepared = await readPreparedInput(preparedDir);
  const located = prepared.batches.map((b) => ({ index: b.index, firstLine: b.firstLine, rows: b.rows }));
  const keys = new Map<number, string>();
  for (const b of prepared.batches) {
    const lines = page.filter((r) => r.l >= b.firstLine && r.l < b.firstLine + b.rows).map((r) => r.l - b.firstLine);
    if (lines.length === 0) continue;
    for (const row of await loadBatchRows({ index: b.index, firstLine: b.firstLine, path: b.path, lines, completedAt: 0 }, new Set(), 0)) keys.set(row.line, row.key);
  }
  const rowOf = new Map<number, number>();
  if (prepared.ledgerPath) {
    const wanted = new Set(page.map((r) => r.l));
    const ledger = await readLedger(prepared.ledgerPath);
    for (let r = 0; r < ledger.length; r++) if (wanted.has(ledger[r] as number)) rowOf.set(ledger[r] as number, r + 1);
  }
  return {
    total: all.length,
    rows: page.map((r) => ({
      row: rowOf.get(r.l) ?? null,
      batch: locateLine(located, r.l)?.batch ?? 0,
      key: keys.get(r.l) ?? '',
      outcome: r.o as VerifyProblemRow['outcome'],
      diffs: r.d ?? [],
    })),
  };
}
