import { describe, expect, it } from 'vitest';
import { BATCH_ID_SHAPE, batchIdFromStatusUrl, formatBatchId } from './batch-id.js';

describe('batch ids', () => {
  it('formats <client>-<13 digits>-<8 digits>', () => {
    const id = formatBatchId('acme', 1718012345678, 42);
    expect(id).toBe('acme-1718012345678-00000042');
    expect(BATCH_ID_SHAPE.test(id)).toBe(true);
    expect(formatBatchId('a-b', 1, 123456789)).toBe('a-b-0000000000001-23456789');
  });

  it('reads batchId from a status URL, decoding it, and nothing from a bad one', () => {
    expect(batchIdFromStatusUrl('http://mboxedge45.tt.omtrdc.net/m2/demo/profile/batchStatus?batchId=demo-1701473848678-13029383')).toBe(
      'demo-1701473848678-13029383',
    );
    expect(batchIdFromStatusUrl(' http://h/m2/c/profile/batchStatus?showDetails=true&batchId=a%2Bb-1 ')).toBe('a+b-1');
    expect(batchIdFromStatusUrl('http://h/m2/c/profile/batchStatus')).toBeUndefined();
    expect(batchIdFromStatusUrl('http://h/x?batchId=')).toBeUndefined();
    expect(batchIdFromStatusUrl('not a url')).toBeUndefined();
  });

  it('treats ids as opaque: the older form without milliseconds, with /v2/ and extra parameters (§12.3)', () => {
    expect(batchIdFromStatusUrl('http://mboxedge19.tt.omtrdc.net/m2/demo/v2/profile/batchStatus?batchId=demo-1845664501&m2Node=00')).toBe('demo-1845664501');
    expect(BATCH_ID_SHAPE.test('demo-1845664501')).toBe(false);
  });
});
