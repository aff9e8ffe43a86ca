import { describe, expect, it } from 'vitest';
import { buildSingleUpdateAckXml } from '../../shared/target/single-update-response.js';
import { matchTargetRoute } from '../../shared/target/urls.js';
import { asProfileJson, parseSingleUpdateResponse, singleUpdateUrl } from './target-client.js';

describe('the test client of the single-profile endpoints', () => {
  it('builds E4/E5 URLs that the sandbox matcher reads back', () => {
    const base = 'https://acme.tt.omtrdc.net/';
    expect(singleUpdateUrl(base, 'acme', 'thirdPartyId', 'CRM 1', { 'a b': 'x&y' })).toBe(
      'https://acme.tt.omtrdc.net/m2/acme/profile/update?mbox3rdPartyId=CRM%201&profile.a%20b=x%26y',
    );
    expect(matchTargetRoute(new URL(singleUpdateUrl(base, 'acme', 'pcId', 'p1', {})).pathname)).toEqual({ kind: 'singleUpdate', client: 'acme' });
  });

  it('recognises the fetch shape and rejects others', () => {
    const ok = { client: 'a', visitorId: 'v', modifiedAt: 't', profileAttributes: { x: { value: '1', modifiedAt: 't' } } };
    expect(asProfileJson(ok)).toBe(ok);
    expect(asProfileJson({ status: 404, message: 'No profile' })).toBeUndefined();
    expect(asProfileJson({ ...ok, profileAttributes: { x: { value: 1 } } })).toBeUndefined();
  });

  it('round-trips the single update acknowledgement', () => {
    expect(parseSingleUpdateResponse(buildSingleUpdateAckXml())).toEqual({ success: true, message: 'Request successfully submitted' });
    expect(parseSingleUpdateResponse('trueRequest successfully submitted')).toBeUndefined();
  });
});
