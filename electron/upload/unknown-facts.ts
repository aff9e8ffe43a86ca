import { readFile } from 'node:fs/promises';
import { batchKeyHashes, resolveUnknownOutcome, type UnknownResolution } from '../../shared/jobs/unknown-outcome.js';
import type { RunContext } from './run-context.js';

/** What the user chose for batches whose POST outcome is unknown. */
export type UnknownChoice = 'auto' | 'resend' | 'give-up';

const keyCache = new WeakMap<RunContext, Map<number, Promise<Set<number>>>>();

function keysOf(ctx: RunContext, index: number): Promise<Set<number>> {
  let cache = keyCache.get(ctx);
  if (!cache) {
    cache = new Map();
    keyCache.set(ctx, cache);
  }
  let keys = cache.get(index);
  if (!keys) {
    keys = readFile(ctx.batch(index).path, 'latin1').then(batchKeyHashes);
    cache.set(index, keys);
  }
  return keys;
}

/**
 * Gathers the facts of the unknown-outcome rule for batch `index` (which of this job's batches were
 * acknowledged after its last attempt started and share a key with it; whether other jobs wrote to
 * the same client code since) and applies the rule of shared/jobs/unknown-outcome.ts.
 */
export async function resolveUnknown(ctx: RunContext, index: number, choice: UnknownChoice): Promise<UnknownResolution> {
  if (choice !== 'auto') return resolveUnknownOutcome({ overlappingLaterBatches: [], otherJobsSince: 0, choice });
  const since = ctx.submittingAt(index) ?? 0;
  const later = ctx.spec.batches.filter((b) => b.index !== index && (ctx.submittedAt(b.index) ?? -1) >= since);
  const overlapping: number[] = [];
  if (later.length > 0) {
    const mine = await keysOf(ctx, index);
    for (const b of later) {
      const theirs = await keysOf(ctx, b.index);
      for (const k of theirs) {
        if (mine.has(k)) {
          overlapping.push(b.index);
          break;
        }
      }
    }
  }
  const others = (await ctx.usage.since(ctx.spec.connection.clientCode, since)).filter((e) => e.jobId !== ctx.spec.jobId).length;
  return resolveUnknownOutcome({ overlappingLaterBatches: overlapping, otherJobsSince: others, choice });
}
