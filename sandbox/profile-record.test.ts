// The stored profile record stays compact: an ECID and a last-activity time appear only when they say
// something, and survive the writes that must keep them.
import { describe, expect, it } from 'vitest';
import { idleCutoff, liveProfile } from './profile-lifetime.js';
import { afterMboxCall, lastActivity, withAttributes, type ProfileRecord } from './profile-record.js';
import { defaultSettings } from './settings.js';

const DAY = 24 * 3600 * 1000;
const merge = { replace: false, v2Batch: undefined };

describe('profile record', () => {
  it('adds no activity field when an mbox call comes in the same millisecond as the last write', () => {
    const rec: ProfileRecord = { c: 1, m: 5, a: { x: '1' }, v: 'b1' };
    expect(afterMboxCall(rec, 5, undefined)).toEqual({ c: 1, m: 5, a: { x: '1' } });
    expect(afterMboxCall(rec, 9, 'E')).toEqual({ c: 1, m: 5, a: { x: '1' }, l: 9, e: 'E' });
    expect(lastActivity(afterMboxCall(rec, 9, undefined))).toBe(9);
  });

  it('a write keeps the ECID (even when replacing) and drops an activity time it passes', () => {
    const rec: ProfileRecord = { c: 1, m: 5, a: { x: '1' }, e: 'E', l: 9 };
    expect(withAttributes(rec, new Map([['y', '2']]), 20, merge)).toEqual({ c: 1, m: 20, a: { x: '1', y: '2' }, t: { x: 5 }, e: 'E' });
    expect(withAttributes(rec, new Map([['y', '2']]), 20, { replace: true, v2Batch: 'b2' })).toEqual({ c: 1, m: 20, a: { y: '2' }, v: 'b2', e: 'E' });
    // A clock set back (offset cleared) never makes a profile look less recently active.
    expect(lastActivity(withAttributes(rec, new Map([['y', '2']]), 7, merge))).toBe(9);
  });

  it('idle expiry is off by default and takes a profile idle longer than the setting', () => {
    const rec: ProfileRecord = { c: 0, m: 0, a: {}, l: DAY };
    expect(idleCutoff(defaultSettings(), 100 * DAY)).toBeUndefined();
    expect(liveProfile(rec, undefined)).toBe(rec);
    const fourteen = { ...defaultSettings(), profileIdleExpiryDays: 14 };
    expect(liveProfile(rec, idleCutoff(fourteen, 15 * DAY))).toBe(rec);
    expect(liveProfile(rec, idleCutoff(fourteen, 15 * DAY + 1))).toBeUndefined();
  });
});
