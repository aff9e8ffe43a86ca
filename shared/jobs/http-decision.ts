import { reason } from '../contract/errors.js';
import { parseBatchStatusResponse, parseSubmitResponse } from '../target/index.js';
import type { BatchProfileRow } from '../target/index.js';
import type { Counters, JobError } from './job-events.js';

/** What one HTTP exchange produced, as the transport reports it (no headers beyond Retry-After, never the request). */
export type HttpOutcome =
  | { readonly kind: 'response'; readonly status: number; readonly retryAfter: string | null; readonly body: string }
  /**
   * `mayHaveArrived` is false only when the request provably never left (connection refused, DNS
   * failure). `message`: the errno code (ECONNREFUSED…) or the network library's first line.
   */
  | { readonly kind: 'network'; readonly mayHaveArrived: boolean; readonly message: string };

/** What the engine does after a batchUpdate POST. */
export type SubmitDecision =
  | { readonly kind: 'accepted'; readonly batchId: string; readonly statusUrl: string }
  /** No batch was created and a later attempt may work: wait `waitMs` (throttle: hold every call to this client). */
  | { readonly kind: 'retry'; readonly error: JobError; readonly throttle: boolean; readonly retryAfter: string | null }
  /** No batch was created and sending the same bytes again would fail the same way. */
  | { readonly kind: 'fail'; readonly error: JobError }
  /** The token is missing, wrong or expired: pause the job until a new one is saved. */
  | { readonly kind: 'auth'; readonly error: JobError }
  /** The request may have reached Target and nobody knows whether it created a batch. */
  | { readonly kind: 'unknown'; readonly error: JobError };

function isAuthStatus(status: number): boolean {
  return status === 401 || status === 403;
}

function isThrottleStatus(status: number): boolean {
  return status === 503 || status === 429;
}

function bodyMessage(body: string): string {
  const parsed = parseSubmitResponse(body);
  if (parsed.kind === 'rejected' && parsed.message !== '') return parsed.message;
  return '';
}

function authError(status: number, body: string): JobError {
  const said = bodyMessage(body);
  return { ...reason('auth-failed', { status, ...(said ? { said } : {}) }), httpStatus: status };
}

/**
 * Classifies the outcome of a batchUpdate POST (target-profile-api.md §3.1–3.2, §5): only HTTP 2xx
 * with `success=true` and a status URL is accepted; 2xx with anything else is a failure with Target's
 * message; 401/403 pause for a token; 503/429 are throttles; other 5xx and network errors that never
 * reached Target are retried; a network error after the request may have arrived is `unknown`.
 */
export function decideSubmit(outcome: HttpOutcome): SubmitDecision {
  if (outcome.kind === 'network') {
    if (!outcome.mayHaveArrived) {
      return { kind: 'retry', throttle: false, retryAfter: null, error: reason('network', { variant: 'submit', detail: outcome.message }) };
    }
    return { kind: 'unknown', error: reason('outcome-unknown', { variant: 'connection-broke', detail: outcome.message }) };
  }
  const { status, body } = outcome;
  if (status >= 200 && status < 300) {
    const parsed = parseSubmitResponse(body);
    switch (parsed.kind) {
      case 'accepted':
        return { kind: 'accepted', batchId: parsed.batchId ?? parsed.batchStatusUrl, statusUrl: parsed.batchStatusUrl };
      case 'rejected':
        return { kind: 'fail', error: { ...reason('target-rejected', { said: parsed.message }), httpStatus: status } };
      case 'unreadable':
        return { kind: 'fail', error: { ...reason('target-unreadable', { status, detail: parsed.detail }), httpStatus: status } };
    }
  }
  if (isAuthStatus(status)) return { kind: 'auth', error: authError(status, body) };
  if (isThrottleStatus(status)) {
    return {
      kind: 'retry',
      throttle: true,
      retryAfter: outcome.retryAfter,
      error: { ...reason('rate-limited', { variant: 'submit', status }), httpStatus: status },
    };
  }
  if (status >= 500) {
    return { kind: 'retry', throttle: false, retryAfter: null, error: { ...reason('server-error', { status }), httpStatus: status } };
  }
  const said = bodyMessage(body);
  return { kind: 'fail', error: { ...reason('http-error', { status, ...(said ? { said } : {}) }), httpStatus: status } };
}

/** What the engine does after a batchStatus poll. */
export type PollDecision =
  | { readonly kind: 'progress'; readonly status: string; readonly batchSize: number | null; readonly counters: Counters | null }
  | {
      readonly kind: 'final';
      readonly status: 'complete' | 'stuck';
      readonly batchSize: number | null;
      readonly counters: Counters | null;
      readonly profiles: readonly BatchProfileRow[];
    }
  | { readonly kind: 'retry'; readonly error: JobError; readonly throttle: boolean; readonly retryAfter: string | null }
  /** Target says it does not know the batch (`Batch not found`): aged out when it answered before (§12.3). */
  | { readonly kind: 'not-found'; readonly said: string }
  | { readonly kind: 'auth'; readonly error: JobError };

const BATCH_NOT_FOUND = /not found/i;

/**
 * Classifies a batchStatus poll (§3.3–3.5, §12.3): `complete` and `stuck` are final; `incomplete` and any
 * undocumented status keep polling; `success=false` saying the batch is not found (HTTP 200 or 404) is
 * `not-found`; everything else (5xx, network, other `success=false`, unreadable) is retried until the
 * job's poll deadline; 401/403 pause for a token.
 */
export function decidePoll(outcome: HttpOutcome): PollDecision {
  if (outcome.kind === 'network') {
    return { kind: 'retry', throttle: false, retryAfter: null, error: reason('network', { variant: 'status', detail: outcome.message }) };
  }
  const { status, body } = outcome;
  if (isAuthStatus(status)) return { kind: 'auth', error: authError(status, body) };
  if (isThrottleStatus(status)) {
    return { kind: 'retry', throttle: true, retryAfter: outcome.retryAfter, error: { ...reason('rate-limited', { variant: 'status', status }), httpStatus: status } };
  }
  const parsed = parseBatchStatusResponse(body);
  if ((status === 404 || (status >= 200 && status < 300)) && parsed.kind === 'rejected' && BATCH_NOT_FOUND.test(parsed.message)) {
    return { kind: 'not-found', said: parsed.message };
  }
  if (status < 200 || status >= 300) {
    return { kind: 'retry', throttle: false, retryAfter: null, error: { ...reason('status-http-error', { status }), httpStatus: status } };
  }
  if (parsed.kind === 'rejected') {
    return { kind: 'retry', throttle: false, retryAfter: null, error: reason('status-rejected', { said: parsed.message }) };
  }
  if (parsed.kind === 'unreadable') {
    return { kind: 'retry', throttle: false, retryAfter: null, error: reason('status-unreadable', { detail: parsed.detail }) };
  }
  const batchSize = parsed.batchSize ?? null;
  const counters = parsed.counters ?? null;
  if (parsed.knownStatus === 'complete' || parsed.knownStatus === 'stuck') {
    return { kind: 'final', status: parsed.knownStatus, batchSize, counters, profiles: parsed.profiles };
  }
  return { kind: 'progress', status: parsed.status, batchSize, counters };
}
