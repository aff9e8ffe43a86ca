import { reason, type Reason } from '../contract/errors.js';

/**
 * The rule for a batch whose POST outcome is unknown (the app died mid-request, or the connection
 * broke after the body was sent). Target offers no way to look a batch up by content, so the choice is
 * between sending it again and asking the user. Sending again is safe for the profiles only when no
 * later write to the same keys could be overwritten by the older values: re-applying the same values
 * to the same keys is idempotent, and our counts never include the lost attempt (we only count the
 * batchId we hold), so no row is counted twice. See docs/upload-and-jobs.md.
 */

/** What the engine knows when it meets an unknown outcome. */
export interface UnknownOutcomeFacts {
  /** Indexes of this job's batches acknowledged after the unknown attempt started whose keys overlap this batch's keys. */
  readonly overlappingLaterBatches: readonly number[];
  /** Batches other jobs got acknowledged for the same client code after the unknown attempt started. */
  readonly otherJobsSince: number;
  /** What the user chose for unknown outcomes, if anything. */
  readonly choice: 'auto' | 'resend' | 'give-up';
}

/** The engine's resolution of an unknown outcome, with why (an `unknown-resolution` reason). */
export type UnknownResolution = { readonly kind: 'resend' | 'give-up' | 'ask'; readonly reason: Reason<'unknown-resolution'> };

/** Applies the rule: the user's explicit choice wins; otherwise resend only when no later write could be overwritten, else ask. */
export function resolveUnknownOutcome(facts: UnknownOutcomeFacts): UnknownResolution {
  if (facts.choice === 'resend') return { kind: 'resend', reason: reason('unknown-resolution', { variant: 'chosen-resend' }) };
  if (facts.choice === 'give-up') return { kind: 'give-up', reason: reason('unknown-resolution', { variant: 'chosen-give-up' }) };
  if (facts.overlappingLaterBatches.length > 0) {
    // Batches are numbered from 1 where people read them.
    return { kind: 'ask', reason: reason('unknown-resolution', { variant: 'overlap', batches: facts.overlappingLaterBatches.map((i) => i + 1) }) };
  }
  if (facts.otherJobsSince > 0) return { kind: 'ask', reason: reason('unknown-resolution', { variant: 'other-jobs' }) };
  return { kind: 'resend', reason: reason('unknown-resolution', { variant: 'safe' }) };
}

/** Returns a 32-bit FNV-1a hash of `text` (collisions only make the rule more cautious). */
export function hashKey(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Returns the hashes of the key column (first cell) of every data row of a `batch=` body. */
export function batchKeyHashes(body: string): Set<number> {
  const keys = new Set<number>();
  let start = body.indexOf('\n');
  if (start < 0) return keys;
  start += 1;
  while (start < body.length) {
    let end = body.indexOf('\n', start);
    if (end < 0) end = body.length;
    let comma = body.indexOf(',', start);
    if (comma < 0 || comma > end) comma = end;
    if (comma > start) keys.add(hashKey(body.slice(start, comma)));
    start = end + 1;
  }
  return keys;
}
