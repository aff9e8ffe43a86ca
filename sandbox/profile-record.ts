/** How the sandbox stores one visitor profile. Compact keys because a million of them sit in LevelDB. */
export interface ProfileRecord {
  /** Created, epoch ms. */
  readonly c: number;
  /** Last modified, epoch ms. */
  readonly m: number;
  /** Attributes: bare name → [string value, modified epoch ms]. */
  readonly a: Readonly<Record<string, readonly [string, number]>>;
  /** The v2 batch that last wrote this profile with no mbox call since (drives `v2Consecutive: 'replace'`). */
  readonly v?: string;
}

const encoder = new TextEncoder();

/** Returns the external data size of a profile: UTF-8 bytes of every attribute name and value. */
export function profileBytes(attrs: ProfileRecord['a']): number {
  let n = 0;
  for (const [name, [value]] of Object.entries(attrs)) {
    n += byteLength(name) + byteLength(value);
  }
  return n;
}

function byteLength(s: string): number {
  // ASCII fast path: most cells are plain ASCII.
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return encoder.encode(s).length;
  return s.length;
}

/** Returns a new record with `updates` written at `now` (empty values are never passed in: blanks do not clear). */
export function withAttributes(
  existing: ProfileRecord | undefined,
  updates: ReadonlyMap<string, string>,
  now: number,
  options: { readonly replace: boolean; readonly v2Batch: string | undefined },
): ProfileRecord {
  const base = existing && !options.replace ? existing.a : {};
  const a: Record<string, readonly [string, number]> = { ...base };
  for (const [name, value] of updates) a[name] = [value, now];
  const rec: ProfileRecord = { c: existing?.c ?? now, m: updates.size > 0 || !existing ? now : existing.m, a };
  return options.v2Batch === undefined ? rec : { ...rec, v: options.v2Batch };
}
