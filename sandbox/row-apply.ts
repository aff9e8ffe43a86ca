import type { ProfileKeyKind } from '../shared/target/urls.js';
import { profileFits, withAttributes, type ProfileRecord } from './profile-record.js';
import type { SandboxSettings } from './settings.js';

/** What happened to one batch row. */
export type RowOutcome = 'success' | 'notFound' | 'failed';

/** Returns why a key value is refused (thirdPartyId with `+` or `/`, over the length limit, or empty), or undefined when it is fine. */
export function keyProblem(keyKind: ProfileKeyKind, key: string, settings: SandboxSettings): string | undefined {
  if (key === '') return 'empty key';
  if (keyKind === 'thirdPartyId') {
    if (key.includes('+') || key.includes('/')) return 'thirdPartyId contains + or /';
    if (key.length > settings.maxThirdPartyIdLength) return 'thirdPartyId too long';
  }
  return undefined;
}

/** Returns the non-empty cells of a row by header name (blank cells never clear a value; cells past the header are ignored). */
export function rowUpdates(header: readonly string[], cells: readonly string[]): Map<string, string> {
  const updates = new Map<string, string>();
  const n = Math.min(header.length, cells.length);
  for (let i = 1; i < n; i++) {
    const value = cells[i] as string;
    const name = header[i] as string;
    if (value !== '' && name !== '') updates.set(name, value);
  }
  return updates;
}

/**
 * Applies one row to the profile currently known for its key and returns the outcome plus the new
 * record (undefined when nothing is written). v1 never creates; v2 does. A row that would take the
 * profile past `maxProfileBytes` fails and changes nothing.
 */
export function applyRow(
  current: ProfileRecord | undefined,
  updates: ReadonlyMap<string, string>,
  ctx: { readonly version: 1 | 2; readonly batchId: string; readonly now: number; readonly settings: SandboxSettings },
): { readonly outcome: RowOutcome; readonly next: ProfileRecord | undefined } {
  if (current === undefined && ctx.version === 1) return { outcome: 'notFound', next: undefined };
  const v2Replace = ctx.version === 2 && ctx.settings.v2Consecutive === 'replace';
  const replace = v2Replace && current?.v !== undefined && current.v !== ctx.batchId;
  if (updates.size === 0 && current !== undefined) return { outcome: 'success', next: undefined };
  const next = withAttributes(current, updates, ctx.now, { replace, v2Batch: v2Replace ? ctx.batchId : undefined });
  if (!profileFits(next.a, ctx.settings.maxProfileBytes)) return { outcome: 'failed', next: undefined };
  return { outcome: 'success', next };
}

/**
 * Applies one batch row given as cells under `header`. Same outcome as {@link applyRow} with
 * {@link rowUpdates}, with a fast path for the common case of a new profile (no intermediate map).
 */
export function applyCells(
  current: ProfileRecord | undefined,
  header: readonly string[],
  cells: readonly string[],
  ctx: { readonly version: 1 | 2; readonly batchId: string; readonly now: number; readonly settings: SandboxSettings },
): { readonly outcome: RowOutcome; readonly next: ProfileRecord | undefined } {
  if (current !== undefined || ctx.version === 1 || ctx.settings.v2Consecutive === 'replace') {
    return applyRow(current, rowUpdates(header, cells), ctx);
  }
  const a: Record<string, string> = {};
  const n = Math.min(header.length, cells.length);
  for (let i = 1; i < n; i++) {
    const value = cells[i] as string;
    const name = header[i] as string;
    if (value !== '' && name !== '') a[name] = value;
  }
  if (!profileFits(a, ctx.settings.maxProfileBytes)) return { outcome: 'failed', next: undefined };
  return { outcome: 'success', next: { c: ctx.now, m: ctx.now, a } };
}
