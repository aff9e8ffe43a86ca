// Unit tests of the sandbox's pure parts: form decoding, header and row scanning, settings patches,
// command-line arguments, the sliding-window limiter and the fault dice.
import { describe, expect, it } from 'vitest';
import { lineNumberAt, parseHeader, scanRows } from './batch-text.js';
import { parseCliArgs } from './cli-args.js';
import { rollFaults } from './faults.js';
import { formDecode, readBatchField } from './form-body.js';
import { SlidingWindowLimiter } from './rate-limiter.js';
import { seededRandom } from './rng.js';
import { defaultSettings, noRouteFaults } from './settings.js';
import { applyPatches, checkSettingsPatch, faultProfilePatch, patchFromAssignment } from './settings-patch.js';

describe('form decoding', () => {
  it('decodes once, turns + into space, refuses malformed %', () => {
    expect(formDecode('a+b%2Bc%2525')).toBe('a b+c%25');
    expect(formDecode('50%')).toBeUndefined();
    expect(formDecode('%ZZ')).toBeUndefined();
    expect(formDecode('%FF')).toBeUndefined();
  });

  it('takes the first batch field, stops at &, reports missing and malformed', () => {
    expect(readBatchField('x=1&batch=a%0Ab&batch=c')).toEqual({ kind: 'ok', text: 'a\nb' });
    expect(readBatchField('batch')).toEqual({ kind: 'ok', text: '' });
    expect(readBatchField('nothing=here')).toEqual({ kind: 'missing' });
    expect(readBatchField('batch=%E0%A4%A')).toEqual({ kind: 'malformed' });
  });
});

describe('header and rows', () => {
  it('recognises the key header and counts non-empty rows and values', () => {
    expect(parseHeader('pcId,a\n1,2', false, false)).toEqual({ kind: 'ok', header: ['pcId', 'a'], keyKind: 'pcId', bodyStart: 7 });
    expect(parseHeader('thirdPartyId', false, false)).toMatchObject({ kind: 'ok', keyKind: 'thirdPartyId', bodyStart: 12 });
    expect(parseHeader('pcid,a', false, false)).toEqual({ kind: 'bad' });
    expect(parseHeader('PCID,a', false, true)).toMatchObject({ kind: 'ok', keyKind: 'pcId' });
    expect(scanRows('h\nk1,,\n\nk2\n', 2, false)).toEqual({ rows: 2, anyValue: false });
    expect(scanRows('h\nk1,,\nk2,,x', 2, false)).toEqual({ rows: 2, anyValue: true });
    expect(scanRows('h\r\nk1\r\n\r\n', 3, true)).toEqual({ rows: 1, anyValue: false });
  });

  it('numbers lines from 1 (the header), counting empty ones, wherever processing resumes', () => {
    const text = 'h\nk1\n\nk2\nk3';
    expect(lineNumberAt(text, 0)).toBe(1);
    expect(lineNumberAt(text, 2)).toBe(2);
    expect(lineNumberAt(text, text.indexOf('k2'))).toBe(4);
    expect(lineNumberAt(text, text.indexOf('k3'))).toBe(5);
    expect(lineNumberAt(text, text.length)).toBe(5);
  });
});

describe('settings patches', () => {
  it('accepts known settings and lists every problem otherwise', () => {
    expect(checkSettingsPatch({ requireAuth: true, faults: { fetch: { errorRate: 0.5 } }, dailyRowCap: null }).ok).toBe(true);
    const bad = checkSettingsPatch({ requireAuth: 'yes', nope: 1, duplicateKeys: 'random', faults: { fetch: { errorStatuses: [] } }, edgeBaseUrl: 3 });
    expect(bad).toEqual({
      ok: false,
      errors: [
        'requireAuth: expected a boolean',
        'nope: unknown setting',
        'duplicateKeys: expected one of fileOrder, firstWins',
        'faults.fetch.errorStatuses: expected a non-empty array of integers',
        'edgeBaseUrl: expected a string or null',
      ],
    });
    expect(checkSettingsPatch([1])).toEqual({ ok: false, errors: ['settings: expected a JSON object'] });
  });

  it('merges deeply and reads --set assignments as JSON or text', () => {
    const merged = applyPatches(defaultSettings(), patchFromAssignment('faults.batchUpdate.errorRate=0.25'), patchFromAssignment('badHeaderMessage=Nope, bad'));
    expect(merged.faults.batchUpdate).toEqual({ ...noRouteFaults(), errorRate: 0.25 });
    expect(merged.badHeaderMessage).toBe('Nope, bad');
    expect(() => patchFromAssignment('novalue')).toThrow('--set expects name=value');
    expect(faultProfilePatch('flaky').faults?.batchStatus).toMatchObject({ errorRate: 0.1, throttleRate: 0.05, resetRate: 0.02, retryAfterSeconds: 1 });
  });

  it('reads the issue-10 settings as the docs spell them on the command line', () => {
    const settings = parseCliArgs(
      ['oauth.clientId=cid', 'oauth.clientSecret=s3cret', 'oauth.tenantId=acme', 'statusUrlScheme=http', 'statusVariant=legacy', 'statusRetention.maxBatches=1', 'knownClients=a,b'].flatMap((a) => ['--set', a]),
    ).settings;
    expect(checkSettingsPatch(settings)).toMatchObject({ ok: true });
    const merged = applyPatches(defaultSettings(), settings);
    expect(merged.oauth).toEqual({ clientId: 'cid', clientSecret: 's3cret', tenantId: 'acme', imsTokenTtlSeconds: 86_399 });
    expect(merged).toMatchObject({ statusUrlScheme: 'http', statusVariant: 'legacy', statusRetention: { maxBatches: 1, maxAgeMs: null }, knownClients: 'a,b' });
    expect(checkSettingsPatch({ statusVariant: 'old', statusRetention: { maxBatches: 'x' }, oauth: { clientId: 5 } })).toEqual({
      ok: false,
      errors: ['statusVariant: expected one of current, legacy', 'statusRetention.maxBatches: expected a number or null', 'oauth.clientId: expected a string or null'],
    });
  });
});

describe('command line', () => {
  it('reads every flag, in both --flag value and --flag=value forms', () => {
    expect(
      parseCliArgs(['--port', '0', '--host=0.0.0.0', '--data-dir', 'd', '--processing-delay-ms', '250', '--fault-profile', 'flaky', '--config', 'c.json', '--set', 'requireAuth=true']),
    ).toEqual({
      port: 0,
      host: '0.0.0.0',
      dataDir: 'd',
      processingDelayMs: 250,
      faultProfile: 'flaky',
      configFile: 'c.json',
      keepDataDir: true,
      settings: { requireAuth: true },
    });
    expect(parseCliArgs([])).toEqual({ port: 4010, keepDataDir: true });
  });

  it('names the bad argument', () => {
    expect(() => parseCliArgs(['--port', 'x'])).toThrow('--port expects a whole number, got "x"');
    expect(() => parseCliArgs(['--data-dir'])).toThrow('--data-dir needs a value');
    expect(() => parseCliArgs(['--bogus'])).toThrow('Unknown argument "--bogus"');
    expect(() => parseCliArgs(['--tls-key', 'k.pem'])).toThrow('--tls-key and --tls-cert go together');
    expect(parseCliArgs(['--tls-key', 'k.pem', '--tls-cert', 'c.pem'])).toMatchObject({ tlsKeyFile: 'k.pem', tlsCertFile: 'c.pem' });
  });
});

describe('limiter and dice', () => {
  it('allows limit calls per sliding window per key', () => {
    const l = new SlidingWindowLimiter();
    for (let i = 0; i < 50; i++) expect(l.take('a', 50, 60_000, 1000 + i).allowed).toBe(true);
    expect(l.take('a', 50, 60_000, 2000)).toEqual({ allowed: false, retryAfterMs: 59_000 });
    expect(l.take('b', 50, 60_000, 2000).allowed).toBe(true);
    expect(l.take('a', 50, 60_000, 61_000).allowed).toBe(true);
  });

  it('rolls exact fault rates from one draw', () => {
    const random = seededRandom(1);
    const f = { ...noRouteFaults(), resetRate: 0.02, errorRate: 0.1, errorStatuses: [500], throttleRate: 0.05 };
    const tally: Record<string, number> = {};
    for (let i = 0; i < 100_000; i++) {
      const k = rollFaults(f, random).kind;
      tally[k] = (tally[k] ?? 0) + 1;
    }
    expect((tally['reset'] ?? 0) / 1000).toBeCloseTo(2, 0);
    expect((tally['error'] ?? 0) / 1000).toBeCloseTo(10, 0);
    expect((tally['throttle'] ?? 0) / 1000).toBeCloseTo(5, 0);
  });
});
