import { describe, expect, it } from 'vitest';
import { buildFailureXml, buildSubmitAcceptedXml, parseSubmitResponse } from './submit-response.js';

describe('parseSubmitResponse', () => {
  it('reads the documented success body and takes the batch id from the status URL', () => {
    const xml = `<response>
    <success>true</success>
    <batchStatus>http://mboxedge31.tt.omtrdc.net/m2/acme/profile/batchStatus?batchId=acme-1718012345678-40217733</batchStatus>
    <message>Batch submitted for processing</message>
</response>`;
    expect(parseSubmitResponse(xml)).toEqual({
      kind: 'accepted',
      batchStatusUrl: 'http://mboxedge31.tt.omtrdc.net/m2/acme/profile/batchStatus?batchId=acme-1718012345678-40217733',
      batchId: 'acme-1718012345678-40217733',
      message: 'Batch submitted for processing',
    });
  });

  it('round-trips the builder, including an & in the URL', () => {
    const url = 'http://127.0.0.1:9/m2/a%26b/profile/batchStatus?batchId=x-1-2&extra=1';
    const parsed = parseSubmitResponse(buildSubmitAcceptedXml(url));
    expect(parsed).toMatchObject({ kind: 'accepted', batchStatusUrl: url, batchId: 'x-1-2' });
  });

  it('treats success=false as rejected with its message', () => {
    expect(parseSubmitResponse(buildFailureXml('Unexpected error'))).toEqual({ kind: 'rejected', message: 'Unexpected error' });
    expect(parseSubmitResponse('<response><success>false</success><message>Batch is empty</message></response>')).toEqual({
      kind: 'rejected',
      message: 'Batch is empty',
    });
  });

  it('reports HTML pages, empty bodies and success without a URL as unreadable', () => {
    expect(parseSubmitResponse('<html><body>502 Bad Gateway</body></html>').kind).toBe('unreadable');
    expect(parseSubmitResponse('').kind).toBe('unreadable');
    expect(parseSubmitResponse('not xml at all <').kind).toBe('unreadable');
    expect(parseSubmitResponse('<response><success>true</success></response>').kind).toBe('unreadable');
    expect(parseSubmitResponse('<response><message>hi</message></response>').kind).toBe('unreadable');
  });
});
