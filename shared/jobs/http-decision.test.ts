import { describe, expect, it } from 'vitest';
import { buildBatchStatusXml, buildFailureXml, buildSubmitAcceptedXml } from '../target/index.js';
import { decidePoll, decideSubmit } from './http-decision.js';

const res = (status: number, body: string, retryAfter: string | null = null) => ({ kind: 'response', status, body, retryAfter }) as const;

describe('decideSubmit', () => {
  it('accepts only success=true with a status URL, taking the batchId from the URL', () => {
    const d = decideSubmit(res(200, buildSubmitAcceptedXml('http://edge.example/m2/acme/profile/batchStatus?batchId=acme-1718012345678-00000001')));
    expect(d).toEqual({ kind: 'accepted', batchId: 'acme-1718012345678-00000001', statusUrl: 'http://edge.example/m2/acme/profile/batchStatus?batchId=acme-1718012345678-00000001' });
  });
  it('treats HTTP 200 with success=false as a failure carrying Target\'s message, not retried', () => {
    const d = decideSubmit(res(200, buildFailureXml('Unexpected error')));
    expect(d.kind).toBe('fail');
    if (d.kind === 'fail') expect(d.error).toMatchObject({ code: 'target-rejected', params: { said: 'Unexpected error' }, httpStatus: 200 });
  });
  it('treats HTTP 200 with an unreadable body as a failure', () => {
    expect(decideSubmit(res(200, '<html>ok</html>')).kind).toBe('fail');
  });
  it('pauses on 401/403, throttles on 503/429, retries other 5xx, fails other 4xx', () => {
    expect(decideSubmit(res(403, '')).kind).toBe('auth');
    expect(decideSubmit(res(401, '')).kind).toBe('auth');
    const t = decideSubmit(res(503, '', '3'));
    expect(t).toMatchObject({ kind: 'retry', throttle: true, retryAfter: '3' });
    expect(decideSubmit(res(500, ''))).toMatchObject({ kind: 'retry', throttle: false });
    expect(decideSubmit(res(400, buildFailureXml('bad header')))).toMatchObject({ kind: 'fail', error: { code: 'http-error' } });
  });
  it('retries a network error that never reached Target, and calls one after sending unknown', () => {
    expect(decideSubmit({ kind: 'network', mayHaveArrived: false, message: 'ECONNREFUSED' }).kind).toBe('retry');
    expect(decideSubmit({ kind: 'network', mayHaveArrived: true, message: 'socket hang up' }).kind).toBe('unknown');
  });
});

describe('decidePoll', () => {
  it('keeps polling while incomplete and reports counters', () => {
    const c = { consumedCount: 1, successfulUpdates: 1, profilesNotFound: 0, failedUpdates: 0 };
    const d = decidePoll(res(200, buildBatchStatusXml({ batchId: 'b', status: 'incomplete', batchSize: 3, counters: c })));
    expect(d).toEqual({ kind: 'progress', status: 'incomplete', batchSize: 3, counters: c });
  });
  it('ends on complete and stuck with the v2 failed rows', () => {
    const c = { consumedCount: 3, successfulUpdates: 2, profilesNotFound: 0, failedUpdates: 1 };
    const d = decidePoll(res(200, buildBatchStatusXml({ batchId: 'b', status: 'complete', batchSize: 3, counters: c, profiles: [{ id: 'k2', status: 'failed' }] })));
    expect(d).toMatchObject({ kind: 'final', status: 'complete', counters: c, profiles: [{ id: 'k2', status: 'failed' }] });
    expect(decidePoll(res(200, buildBatchStatusXml({ batchId: 'b', status: 'stuck', batchSize: 3 }))).kind).toBe('final');
  });
  it('keeps polling on an undocumented status, retries errors, pauses on auth', () => {
    expect(decidePoll(res(200, buildBatchStatusXml({ batchId: 'b', status: 'incomplete', batchSize: 1 }).replace('incomplete', 'queued'))).kind).toBe('progress');
    expect(decidePoll(res(502, '')).kind).toBe('retry');
    expect(decidePoll(res(200, buildFailureXml('Unexpected error'))).kind).toBe('retry');
    expect(decidePoll(res(403, '')).kind).toBe('auth');
  });

  it('says not-found when Target does not know the batch (HTTP 200 or 404 with success=false), and nothing else', () => {
    expect(decidePoll(res(200, buildFailureXml('Batch not found')))).toEqual({ kind: 'not-found', said: 'Batch not found' });
    expect(decidePoll(res(404, buildFailureXml('Batch not found')))).toEqual({ kind: 'not-found', said: 'Batch not found' });
    expect(decidePoll(res(500, buildFailureXml('Batch not found'))).kind).toBe('retry');
    expect(decidePoll(res(404, '<html>Not Found</html>')).kind).toBe('retry');
  });
});
