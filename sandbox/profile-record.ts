/**
 * How the sandbox stores one visitor profile. Compact because a million of them sit in LevelDB:
 * attribute times are kept only where they differ from the profile's own modified time.
 */
export interface ProfileRecord {
  /** Created, epoch ms. */
  readonly c: number;
  /** Last modified, epoch ms. */
  readonly m: number;
  /** Attributes: bare name → string value. */
  readonly a: Readonly<Record<string, string>>;
  /** Modified time of attributes whose time is not `m`. */
  readonly t?: Readonly<Record<string, number>>;
  /** The v2 batch that last wrote this profile with no mbox call since (drives `v2Consecutive: 'replace'`). */
  readonly v?: string;
  /** The ECID an mbox call last tied to this profile (the store also indexes ECID → key). */
  readonly e?: string;
  /** Last activity (an mbox call), epoch ms, kept only when later than `m`. */
  readonly l?: number;
}

const encoder = new TextEncoder();

/** Returns when an attribute of `rec` was last modified. */
export function attributeTime(rec: ProfileRecord, name: string): number {
  return rec.t?.[name] ?? rec.m;
}

/** Returns when the profile was last active: its last write or its last mbox call, whichever is later. */
export function lastActivity(rec: ProfileRecord): number {
  return rec.l ?? rec.m;
}

/** Returns the profile as an mbox call at `now` leaves it: active now, no longer "written by a v2 batch since the last mbox call", tied to `ecid` when given. */
export function afterMboxCall(rec: ProfileRecord, now: number, ecid: string | undefined): ProfileRecord {
  const { v: _v, l, e, ...rest } = rec;
  const last = Math.max(now, l ?? rec.m);
  const active: ProfileRecord = last > rec.m ? { ...rest, l: last } : rest;
  const tie = ecid ?? e;
  return tie === undefined ? active : { ...active, e: tie };
}

/** Returns true when the profile's external data (UTF-8 bytes of every name and value) is at most `max`. */
export function profileFits(attrs: ProfileRecord['a'], max: number): boolean {
  // A UTF-16 code unit never takes more than 3 UTF-8 bytes, so a cheap bound settles most profiles.
  let units = 0;
  for (const name in attrs) units += name.length + (attrs[name] as string).length;
  if (units * 3 <= max) return true;
  if (units > max) return false;
  let bytes = 0;
  for (const name in attrs) bytes += encoder.encode(name).length + encoder.encode(attrs[name] as string).length;
  return bytes <= max;
}

/**
 * Returns a new record with `updates` written at `now` (empty values are never passed in: blanks do not
 * clear). The profile's ECID tie and creation time survive even a `replace`; a later activity time stays.
 */
export function withAttributes(
  existing: ProfileRecord | undefined,
  updates: ReadonlyMap<string, string>,
  now: number,
  options: { readonly replace: boolean; readonly v2Batch: string | undefined },
): ProfileRecord {
  const keep = existing && !options.replace ? existing : undefined;
  if (keep && updates.size === 0) return options.v2Batch === undefined ? keep : { ...keep, v: options.v2Batch };
  const a: Record<string, string> = {};
  let t: Record<string, number> | undefined;
  if (keep) {
    for (const name in keep.a) {
      a[name] = keep.a[name] as string;
      if (updates.has(name)) continue;
      const at = attributeTime(keep, name);
      if (at !== now) (t ??= {})[name] = at;
    }
  }
  for (const [name, value] of updates) a[name] = value;
  let rec: ProfileRecord = t === undefined ? { c: existing?.c ?? now, m: now, a } : { c: existing?.c ?? now, m: now, a, t };
  if (options.v2Batch !== undefined) rec = { ...rec, v: options.v2Batch };
  if (existing?.e !== undefined) rec = { ...rec, e: existing.e };
  if (existing?.l !== undefined && existing.l > now) rec = { ...rec, l: existing.l };
  return rec;
}
