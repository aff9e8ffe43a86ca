import { describe, expect, it } from 'vitest';
import { isFailedRowStatus } from './batch-status.js';
import { buildBatchStatusXml, parseBatchStatusResponse } from './batch-status-response.js';

describe('parseBatchStatusResponse', () => {
  it('reads the default 3-element body without counters', () => {
    const r = parseBatchStatusResponse(
      '<response><batchId>acme-1718012345678-40217733</batchId><status>incomplete</status><batchSize>3</batchSize></response>',
    );
    expect(r).toEqual({
      kind: 'status',
      batchId: 'acme-1718012345678-40217733',
      status: 'incomplete',
      knownStatus: 'incomplete',
      batchSize: 3,
      counters: undefined,
      profiles: [],
    });
  });

  it('reads showDetails counters', () => {
    const r = parseBatchStatusResponse(`<response>
    <batchId>acme-1-2</batchId><status>complete</status><batchSize>3</batchSize>
    <consumedCount>3</consumedCount><successfulUpdates>2</successfulUpdates>
    <profilesNotFound>1</profilesNotFound><failedUpdates>0</failedUpdates></response>`);
    expect(r.kind === 'status' && r.counters).toEqual({ consumedCount: 3, successfulUpdates: 2, profilesNotFound: 1, failedUpdates: 0 });
  });

  it('reads one and many v2 <profile> rows as an array', () => {
    const one = parseBatchStatusResponse(
      '<response><batchId>b</batchId><status>complete</status><batchSize>164</batchSize><profile><id>1514187733806-729395</id><status>failed</status></profile></response>',
    );
    expect(one.kind === 'status' && one.profiles).toEqual([{ id: '1514187733806-729395', status: 'failed' }]);
    const xml = buildBatchStatusXml({
      batchId: 'b',
      status: 'complete',
      batchSize: 3,
      counters: { consumedCount: 3, successfulUpdates: 1, profilesNotFound: 0, failedUpdates: 2 },
      profiles: [
        { id: 'a+b<&>', status: 'failed' },
        { id: '007', status: 'failed' },
      ],
    });
    const many = parseBatchStatusResponse(xml);
    expect(many.kind === 'status' && many.profiles).toEqual([
      { id: 'a+b<&>', status: 'failed' },
      { id: '007', status: 'failed' },
    ]);
  });

  it('keeps an undocumented status as text without knownStatus', () => {
    const r = parseBatchStatusResponse('<response><batchId>b</batchId><status>error</status><batchSize>1</batchSize></response>');
    expect(r).toMatchObject({ kind: 'status', status: 'error', knownStatus: undefined });
  });

  it('reports success=false as rejected and junk as unreadable', () => {
    expect(parseBatchStatusResponse('<response><success>false</success><message>Batch not found</message></response>')).toEqual({
      kind: 'rejected',
      message: 'Batch not found',
    });
    expect(parseBatchStatusResponse('<html>oops</html>').kind).toBe('unreadable');
    expect(parseBatchStatusResponse('').kind).toBe('unreadable');
  });

  it('leaves counters undefined when one is missing or not a number', () => {
    const r = parseBatchStatusResponse(
      '<response><batchId>b</batchId><status>complete</status><batchSize>x</batchSize><consumedCount>1</consumedCount></response>',
    );
    expect(r).toMatchObject({ kind: 'status', batchSize: undefined, counters: undefined });
  });
});

describe('status variants (§12.3)', () => {
  it('derives consumedCount from the three outcome counters when the answer has none', () => {
    const r = parseBatchStatusResponse(
      '<response><batchId>demo-1845664501</batchId><status>incomplete</status><batchSize>9</batchSize><successfulUpdates>4</successfulUpdates><profilesNotFound>1</profilesNotFound><failedUpdates>2</failedUpdates></response>',
    );
    expect(r).toMatchObject({ kind: 'status', batchId: 'demo-1845664501', counters: { consumedCount: 7, successfulUpdates: 4, profilesNotFound: 1, failedUpdates: 2 } });
    const built = buildBatchStatusXml({ batchId: 'b', status: 'complete', batchSize: 2, counters: { consumedCount: 2, successfulUpdates: 2, profilesNotFound: 0, failedUpdates: 0 }, omitConsumedCount: true });
    expect(built).not.toContain('consumedCount');
    expect(parseBatchStatusResponse(built)).toMatchObject({ counters: { consumedCount: 2 } });
  });

  it('keeps a present but broken consumedCount unreadable instead of deriving it', () => {
    const r = parseBatchStatusResponse('<response><batchId>b</batchId><status>complete</status><consumedCount>x</consumedCount><successfulUpdates>1</successfulUpdates><profilesNotFound>0</profilesNotFound><failedUpdates>0</failedUpdates></response>');
    expect(r).toMatchObject({ counters: undefined });
  });

  it('reads per-row success, error and pending; only error and failed are failures', () => {
    const r = parseBatchStatusResponse(
      '<response><batchId>b</batchId><status>incomplete</status><profile><id>1</id><status>success</status></profile><profile><id>2</id><status>error</status></profile><profile><id>3</id><status>pending</status></profile></response>',
    );
    expect(r.kind === 'status' && r.profiles.map((p) => [p.id, isFailedRowStatus(p.status)])).toEqual([
      ['1', false],
      ['2', true],
      ['3', false],
    ]);
    expect(isFailedRowStatus('failed')).toBe(true);
    expect(isFailedRowStatus('PENDING')).toBe(false);
  });
});
