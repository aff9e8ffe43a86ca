import { describe, expect, it } from 'vitest';
import { asProfileJson, formatProfileTimestamp, profileNotFoundMessage } from './profile-json.js';
import { buildSingleUpdateAckXml, parseSingleUpdateResponse } from './single-update-response.js';

describe('profile JSON and single update bodies', () => {
  it('writes the documented 404 messages', () => {
    expect(profileNotFoundMessage('acme', 'thirdPartyId', 'CRM-9')).toBe('No profile found for client acme with third party id=CRM-9');
    expect(profileNotFoundMessage('acme', 'pcId', 'p1')).toBe('No profile found for client acme with mboxPC=p1');
  });

  it('formats timestamps with milliseconds and an offset', () => {
    expect(formatProfileTimestamp(Date.UTC(2024, 5, 10, 13, 15, 2, 117))).toBe('2024-06-10T13:15:02.117+00:00');
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
