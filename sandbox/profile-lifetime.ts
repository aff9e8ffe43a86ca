// Idle expiry (target-profile-api.md §12.4): a profile untouched for profileIdleExpiryDays is gone.
// Decided lazily wherever a profile is read, so no sweeper runs and an expired record simply stays on
// disk until something writes over it.
import { lastActivity, type ProfileRecord } from './profile-record.js';
import type { SandboxSettings } from './settings.js';

const DAY_MS = 24 * 3600 * 1000;

/** Returns the time before which a last activity means the profile is gone, or undefined when idle expiry is off. */
export function idleCutoff(settings: SandboxSettings, now: number): number | undefined {
  return settings.profileIdleExpiryDays === null ? undefined : now - settings.profileIdleExpiryDays * DAY_MS;
}

/** Returns `rec` unless idle expiry has taken it (then undefined: the profile no longer exists). */
export function liveProfile(rec: ProfileRecord | undefined, cutoff: number | undefined): ProfileRecord | undefined {
  return rec !== undefined && cutoff !== undefined && lastActivity(rec) < cutoff ? undefined : rec;
}
