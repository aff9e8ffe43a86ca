import { reason } from '../../shared/contract/errors.js';
import type { ConnectionCheck, ConnectionTestResult } from '../../shared/contract/profiles.js';
import { parseSubmitResponse } from '../../shared/target/submit-response.js';
import { batchUpdateUrl } from '../../shared/target/urls.js';
import type { Transport } from '../upload/http-transport.js';
import type { ClientRateLimiter } from '../upload/rate-limiter.js';

/** What "Test connection" needs: where to send, and the token if one is saved. */
export interface ConnectionCheckInput {
  readonly baseUrl: string;
  readonly clientCode: string;
  readonly apiVersion: 'v1' | 'v2';
  readonly token: string | undefined;
}

/**
 * "Test connection": POSTs a header-only batch (`batch=thirdPartyId`), which Target refuses with
 * `success=false` ("Batch is empty") without creating a batch, and reads the answer for reachability,
 * client code and token. Waits for the client's rate limiter (the call counts). Never throws.
 */
export async function checkConnection(input: ConnectionCheckInput, transport: Transport, limiter: ClientRateLimiter): Promise<ConnectionTestResult> {
  const callEnded = await limiter.acquire();
  const outcome = await transport.send({
    method: 'POST',
    url: batchUpdateUrl(input.baseUrl, input.clientCode, input.apiVersion === 'v2' ? 2 : 1),
    bearer: input.token,
    body: 'batch=thirdPartyId',
    timeoutMs: 30_000,
  });
  callEnded();
  const checks: ConnectionCheck[] = [];
  if (outcome.kind === 'network') {
    checks.push({ check: 'reachable', ok: false, ...reason('check-unreachable', { url: input.baseUrl, detail: outcome.message }) });
    return { ok: false, checks };
  }
  const { status, body } = outcome;
  checks.push({ check: 'reachable', ok: true, ...reason('check-answered', { url: input.baseUrl, status }) });
  if (status === 401 || status === 403) {
    checks.push({ check: 'client-code', ok: true, ...reason('check-client-known', { clientCode: input.clientCode }) });
    checks.push({ check: 'token', ok: false, ...reason(input.token ? 'check-token-refused' : 'check-token-required', { status }) });
    return { ok: false, checks };
  }
  if (status === 404) {
    checks.push({ check: 'client-code', ok: false, ...reason('check-no-endpoint', { clientCode: input.clientCode }) });
    return { ok: false, checks };
  }
  if (status === 503 || status === 429) {
    checks.push({ check: 'client-code', ok: false, ...reason('check-throttled', { clientCode: input.clientCode, status }) });
    return { ok: false, checks };
  }
  const parsed = parseSubmitResponse(body);
  if (status >= 200 && status < 300 && parsed.kind !== 'unreadable') {
    checks.push({ check: 'client-code', ok: true, ...reason('check-endpoint-ok', { clientCode: input.clientCode }) });
    checks.push({ check: 'token', ok: true, ...reason(input.token ? 'check-token-accepted' : 'check-no-token-needed') });
    return { ok: true, checks };
  }
  checks.push({ check: 'client-code', ok: false, ...reason('check-not-target', { status }) });
  return { ok: false, checks };
}
