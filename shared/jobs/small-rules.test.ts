import { describe, expect, it } from 'vitest';
import { checkDailyBudget, DAY_MS, rowsInLastDay } from './daily-budget.js';
import { defaultStatusHosts, isStatusHostAllowed } from './status-host.js';
import { batchKeyHashes, hashKey, resolveUnknownOutcome } from './unknown-outcome.js';

describe('daily row budget', () => {
  const now = 10 * DAY_MS;
  const entries = [
    { at: now - DAY_MS - 1, rows: 900, jobId: 'old' },
    { at: now - 3600_000, rows: 600, jobId: 'a' },
    { at: now - 60_000, rows: 300, jobId: 'b' },
  ];
  it('counts only the rolling 24 h', () => {
    expect(rowsInLastDay(entries, now)).toBe(900);
  });
  it('lets a batch through under the budget and says when an over-budget one fits', () => {
    expect(checkDailyBudget(null, entries, 0, 10_000, now)).toEqual({ ok: true });
    expect(checkDailyBudget(1000, entries, 0, 100, now)).toEqual({ ok: true });
    expect(checkDailyBudget(1000, entries, 0, 200, now)).toEqual({ ok: false, used: 900, fitsAt: now - 3600_000 + DAY_MS });
    expect(checkDailyBudget(1000, entries, 50, 100, now)).toMatchObject({ ok: false, used: 950 });
    expect(checkDailyBudget(1000, [], 0, 1001, now)).toEqual({ ok: false, used: 0, fitsAt: null });
  });
});

describe('status host allow-list', () => {
  it('accepts exact hosts and *.suffix, rejects others and non-http URLs', () => {
    const allowed = ['*.tt.omtrdc.net', '127.0.0.1:4010'];
    expect(isStatusHostAllowed('https://mboxedge31.tt.omtrdc.net/m2/a/profile/batchStatus?batchId=x', allowed)).toBe(true);
    expect(isStatusHostAllowed('http://127.0.0.1:4010/m2/a/profile/batchStatus?batchId=x', allowed)).toBe(true);
    expect(isStatusHostAllowed('http://127.0.0.1:4011/x', allowed)).toBe(false);
    expect(isStatusHostAllowed('https://evil.example/tt.omtrdc.net', allowed)).toBe(false);
    expect(isStatusHostAllowed('ftp://mboxedge31.tt.omtrdc.net/x', allowed)).toBe(false);
    expect(isStatusHostAllowed('not a url', allowed)).toBe(false);
  });
  it('defaults to the connection host plus Target edges', () => {
    expect(defaultStatusHosts('http://127.0.0.1:9999')).toEqual(['127.0.0.1:9999', '*.tt.omtrdc.net']);
    expect(defaultStatusHosts('https://acme.tt.omtrdc.net')).toEqual(['*.tt.omtrdc.net']);
  });
});

describe('unknown outcome rule', () => {
  it('resends only when no newer write to the same keys exists; asks otherwise; the user choice wins', () => {
    expect(resolveUnknownOutcome({ overlappingLaterBatches: [], otherJobsSince: 0, choice: 'auto' }).kind).toBe('resend');
    expect(resolveUnknownOutcome({ overlappingLaterBatches: [3], otherJobsSince: 0, choice: 'auto' })).toMatchObject({ kind: 'ask' });
    expect(resolveUnknownOutcome({ overlappingLaterBatches: [], otherJobsSince: 2, choice: 'auto' }).kind).toBe('ask');
    expect(resolveUnknownOutcome({ overlappingLaterBatches: [3], otherJobsSince: 0, choice: 'resend' }).kind).toBe('resend');
    expect(resolveUnknownOutcome({ overlappingLaterBatches: [], otherJobsSince: 0, choice: 'give-up' }).kind).toBe('give-up');
  });
  it('hashes the key column of every data row', () => {
    const keys = batchKeyHashes('batch=thirdPartyId,a\nK1,x\nK2\nK1,y\n');
    expect(keys).toEqual(new Set([hashKey('K1'), hashKey('K2')]));
    expect(batchKeyHashes('batch=thirdPartyId').size).toBe(0);
  });
});
