import { describe, expect, it } from 'vitest';
import { readFetchAnswer } from './profile-fetch.js';

const answer = (status: number, body: unknown, retryAfter: string | null = null) =>
  readFetchAnswer({ kind: 'response', status, retryAfter, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('readFetchAnswer', () => {
  it('reads a profile, turning non-text values into their JSON text', () => {
    const a = answer(200, { client: 'acme', visitorId: 'v1', modifiedAt: '2026-01-01', profileAttributes: { tier: { value: 'gold', modifiedAt: 't1' }, points: { value: 12 } } });
    expect(a).toEqual({ kind: 'found', profile: { client: 'acme', visitorId: 'v1', modifiedAt: '2026-01-01', profileAttributes: { tier: { value: 'gold', modifiedAt: 't1' }, points: { value: '12', modifiedAt: '' } } } });
  });

  it('reads a profile without attributes or optional fields', () => {
    expect(answer(200, {})).toEqual({ kind: 'found', profile: { client: '', visitorId: '', modifiedAt: '', profileAttributes: {} } });
  });

  it('takes a 404 by status line or by the body status, JSON or not', () => {
    expect(answer(404, 'Not Found')).toEqual({ kind: 'not-found' });
    expect(answer(404, { status: 404, message: 'profile not found' })).toEqual({ kind: 'not-found' });
    expect(answer(200, { status: 404, message: 'profile not found' })).toEqual({ kind: 'not-found' });
  });

  it('separates refusals, retryable answers and unreadable ones', () => {
    expect(answer(401, '')).toEqual({ kind: 'auth', status: 401 });
    expect(answer(403, {})).toEqual({ kind: 'auth', status: 403 });
    expect(answer(429, '', '3')).toEqual({ kind: 'retry', status: 429, retryAfter: '3', detail: 'HTTP 429' });
    expect(answer(503, 'down')).toMatchObject({ kind: 'retry', status: 503 });
    expect(readFetchAnswer({ kind: 'network', mayHaveArrived: false, message: 'ECONNREFUSED' })).toEqual({ kind: 'retry', status: null, retryAfter: null, detail: 'ECONNREFUSED' });
    expect(answer(200, '<html>')).toEqual({ kind: 'unreadable', status: 200, detail: 'not JSON' });
    expect(answer(400, { error: 'bad' })).toEqual({ kind: 'unreadable', status: 400, detail: 'HTTP 400' });
  });

  it('calls an answer of the wrong shape not a profile', () => {
    for (const body of [[], '"text"', 7, { client: 3 }, { profileAttributes: [] }, { profileAttributes: { tier: 'gold' } }, { profileAttributes: { tier: { modifiedAt: 't' } } }, { profileAttributes: { tier: { value: 'x', modifiedAt: 5 } } }]) {
      expect(answer(200, body)).toEqual({ kind: 'unreadable', status: 200, detail: 'not a profile' });
    }
  });
});
