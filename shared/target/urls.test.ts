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

  it('builds and reads the fetch by ECID (§12.4), a lookup kind beside the two update key spaces', () => {
    const ecid = '08376148963208612344287146713958911352';
    const url = fetchProfileUrl('https://acme.tt.omtrdc.net', 'acme', 'ecid', ecid);
    expect(url).toBe(`https://acme.tt.omtrdc.net/rest/v1/profiles/marketingCloudVisitorId/${ecid}?client=acme`);
    expect(matchTargetRoute(new URL(url).pathname)).toEqual({ kind: 'fetchProfile', keyKind: 'ecid', id: ecid });
    // The id is one path segment: anything that could leave it is encoded, and decoded back by the matcher.
    const odd = 'a/b?c#d e%';
    const oddUrl = new URL(fetchProfileUrl('http://127.0.0.1:4010/', 'ac me', 'ecid', odd));
    expect(oddUrl.searchParams.get('client')).toBe('ac me');
    expect(matchTargetRoute(oddUrl.pathname)).toEqual({ kind: 'fetchProfile', keyKind: 'ecid', id: odd });
    // A tntId that happens to read "marketingCloudVisitorId" is still a tntId (E6 has one segment).
    expect(matchTargetRoute('/rest/v1/profiles/marketingCloudVisitorId')).toEqual({ kind: 'fetchProfile', keyKind: 'pcId', id: 'marketingCloudVisitorId' });
  });

  it('matches nothing else', () => {
    for (const p of ['/', '/m2/acme/v3/profile/batchStatus', '/m2//profile/batchUpdate', '/m2/acme/profile/batchUpdate/x', '/rest/v1/profiles', '/rest/v1/profiles/%E0%A4%A', '/rest/v1/profiles/marketingCloudVisitorId/', '/rest/v1/profiles/marketingCloudVisitorId/a/b', '/rest/v1/profiles/ecid/x']) {
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
