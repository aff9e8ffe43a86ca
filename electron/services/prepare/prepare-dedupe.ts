import { createReadStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { mergeEncodedLines } from '../../../shared/batch/merge-lines.js';
import type { BatchLimits } from '../../../shared/batch/batch-limits.js';
import type { PlannedBatch } from '../../../shared/batch/batch-planner.js';
import { writeFileAtomic } from '../../store/atomic-file.js';
import { BatchFileWriter, batchFileName } from './prepare-batch-writer.js';
import { LEDGER_DUPLICATE, readLedger } from './prepare-ledger.js';

/** Rows (1-based, file order) that share one identifier; every one of them was written in the first pass. */
export type DuplicateGroup = readonly number[];

export interface DedupeResult {
  readonly batches: readonly PlannedBatch[];
  /** Input row of each batch's first line. */
  readonly firstRows: readonly number[];
}

/**
 * Rewrites the first pass's batch files so each duplicated identifier is sent once: under `merge` the
 * last occurrence's line carries every non-empty value (later rows win) and earlier rows point to it;
 * under `last-wins` earlier rows are dropped and marked as duplicates in the ledger. Runs only when the
 * file had duplicates; reads and writes the batch files sequentially.
 */
export async function dedupeBatches(
  dir: string,
  firstPass: readonly PlannedBatch[],
  prefix: string,
  limits: BatchLimits,
  ledgerPath: string,
  groups: readonly DuplicateGroup[],
  policy: 'merge' | 'last-wins',
): Promise<DedupeResult> {
  const ledger = await readLedger(ledgerPath);
  const winnerOf = new Map<number, number>(); // dropped old line -> winner old line
  const membersOf = new Map<number, number[]>(); // winner old line -> all old lines of its group
  const memberLines = new Set<number>();
  for (const rows of groups) {
    const lines = rows.map((r) => ledger[r - 1] ?? -1).filter((l) => l >= 0);
    const winner = lines[lines.length - 1];
    if (winner === undefined || lines.length < 2) continue;
    membersOf.set(winner, lines);
    for (const l of lines) {
      memberLines.add(l);
      if (l !== winner) winnerOf.set(l, winner);
    }
  }
  const dropped = [...winnerOf.keys()].sort((a, b) => a - b);
  const newLine = (old: number): number => old - countBelow(dropped, old);

  const oldNames = firstPass.map((b) => batchFileName(b.index));
  for (const name of oldNames) await rename(join(dir, name), join(dir, `${name}.pass1`));
  const writer = new BatchFileWriter(dir, prefix, limits);
  const texts = new Map<number, string>();
  let g = 0;
  for (const name of oldNames) {
    const rl = createInterface({ input: createReadStream(join(dir, `${name}.pass1`), { encoding: 'latin1' }), crlfDelay: Infinity });
    let header = true;
    for await (const line of rl) {
      if (header) {
        header = false;
        continue;
      }
      const old = g++;
      if (memberLines.has(old)) texts.set(old, line);
      if (winnerOf.has(old)) continue;
      const members = membersOf.get(old);
      if (members && policy === 'merge') writer.add(mergeEncodedLines(members.map((l) => texts.get(l) ?? '')));
      else writer.add(line);
      await writer.drain();
    }
  }
  const batches = await writer.finish();
  for (const name of oldNames) await rm(join(dir, `${name}.pass1`), { force: true });

  const starts = new Map(batches.map((b, i) => [b.firstLine, i]));
  const firstRows = batches.map(() => 0);
  for (let r = 0; r < ledger.length; r++) {
    const v = ledger[r]!;
    if (v < 0) continue;
    const winner = winnerOf.get(v);
    const mapped = winner === undefined ? newLine(v) : policy === 'merge' ? newLine(winner) : LEDGER_DUPLICATE;
    ledger[r] = mapped;
    const bi = mapped >= 0 ? starts.get(mapped) : undefined;
    if (bi !== undefined && firstRows[bi] === 0) firstRows[bi] = r + 1;
  }
  await writeFileAtomic(ledgerPath, toLittleEndian(ledger));
  return { batches, firstRows };
}

function countBelow(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function toLittleEndian(values: Int32Array): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) view.setInt32(i * 4, values[i]!, true);
  return out;
}
