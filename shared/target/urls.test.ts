import { describe, expect, it } from 'vitest';
import { batchStatusUrl, batchUpdateUrl, fetchProfileUrl, legacyBatchStatusUrl, matchTargetRoute, withShowDetails } from './urls.js';

describe('Target URLs', () => {
  it('builds E1–E7 and the matcher reads them back', () => {
    const base = 'https://acme.tt.omtrdc.net/';
    expect(batchUpdateUrl(base, 'acme', 1)).toBe('https://acme.tt.omtrdc.net/m2/acme/profile/batchUpdate');
    expect(batchUpdateUrl(base, 'acme', 2)).toBe('https://acme.tt.omtrdc.net/m2/acme/v2/profile/batchUpdate');
    expect(batchStatusUrl('http://edge', 'acme', 'acme-1-2', true)).toBe('http://edge/m2/acme/profile/batchStatus?batchId=acme-1-2&showDetails=true');
    expect(fetchProfileUrl(base, 'acme', 'pcId', 'abc')).toBe('https://acme.tt.omtrdc.net/rest/v1/profiles/abc?client=acme');
    expect(fetchProfileUrl(base, 'acme', 'thirdPartyId', 'c-1')).toBe('https://acme.tt.omtrdc.net/rest/v1/profiles/thirdPartyId/c-1?client=acme');

    const path = (u: string) => new URL(u).pathname;
    expect(matchTargetRoute(path(batchUpdateUrl(base, 'acme', 1)))).toEqual({ kind: 'batchUpdate', client: 'acme', version: 1 });
    expect(matchTargetRoute(path(batchUpdateUrl(base, 'ac me', 2)))).toEqual({ kind: 'batchUpdate', client: 'ac me', version: 2 });
    expect(matchTargetRoute('/m2/acme/profile/batchStatus')).toEqual({ kind: 'batchStatus', client: 'acme' });
    expect(matchTargetRoute(path(legacyBatchStatusUrl('http://edge', 'acme', 'x')))).toEqual({ kind: 'batchStatus', client: 'acme' });
    expect(matchTargetRoute('/m2/acme/profile/update')).toEqual({ kind: 'singleUpdate', client: 'acme' });
    expect(matchTargetRoute('/rest/v1/profiles/abc')).toEqual({ kind: 'fetchProfile', keyKind: 'pcId', id: 'abc' });
    expect(matchTargetRoute('/rest/v1/profiles/thirdPartyId/c%201')).toEqual({ kind: 'fetchProfile', keyKind: 'thirdPartyId', id: 'c 1' });
  });

  it('matches nothing else', () => {
    for (const p of ['/', '/m2/acme/v3/profile/batchStatus', '/m2//profile/batchUpdate', '/m2/acme/profile/batchUpdate/x', '/rest/v1/profiles', '/rest/v1/profiles/%E0%A4%A']) {
      expect(matchTargetRoute(p)).toBeUndefined();
    }
  });

  it('adds showDetails to a returned status URL', () => {
    expect(withShowDetails('http://e:1/m2/a/profile/batchStatus?batchId=a-1-2')).toBe('http://e:1/m2/a/profile/batchStatus?batchId=a-1-2&showDetails=true');
  });

  it('keeps every other byte of the query verbatim (§12.3) and sets an existing showDetails once', () => {
    const legacy = 'http://mboxedge19.tt.omtrdc.net/m2/demo/v2/profile/batchStatus?batchId=demo-1845664501&m2Node=00&mboxPC=a%7Cb~c+d%20e';
    expect(withShowDetails(legacy)).toBe(`${legacy}&showDetails=true`);
    expect(withShowDetails('https://e/s?showDetails=false&batchId=x%2Fy')).toBe('https://e/s?showDetails=true&batchId=x%2Fy');
    expect(withShowDetails('https://e/s')).toBe('https://e/s?showDetails=true');
    expect(withShowDetails('https://e/s?batchId=1&')).toBe('https://e/s?batchId=1&showDetails=true');
  });
});
