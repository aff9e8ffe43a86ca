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
    checks.push({ check: 'reachable', ok: false, message: `Could not reach ${input.baseUrl} (${outcome.message}). Check the base URL and your network or proxy.` });
    return { ok: false, checks };
  }
  const { status, body } = outcome;
  checks.push({ check: 'reachable', ok: true, message: `${input.baseUrl} answered (HTTP ${status}).` });
  if (status === 401 || status === 403) {
    checks.push({ check: 'client-code', ok: true, message: `Client code ${input.clientCode} is known to the server.` });
    checks.push({
      check: 'token',
      ok: false,
      message: input.token ? `The saved token was refused (HTTP ${status}); it may have been regenerated or may have expired.` : `This client requires a Profile API token (HTTP ${status}); save one.`,
    });
    return { ok: false, checks };
  }
  if (status === 404) {
    checks.push({ check: 'client-code', ok: false, message: `No batchUpdate endpoint for client code ${input.clientCode} at this base URL (HTTP 404).` });
    return { ok: false, checks };
  }
  if (status === 503 || status === 429) {
    checks.push({ check: 'client-code', ok: false, message: `Target is throttling calls for ${input.clientCode} right now (HTTP ${status}); try again in a minute.` });
    return { ok: false, checks };
  }
  const parsed = parseSubmitResponse(body);
  if (status >= 200 && status < 300 && parsed.kind !== 'unreadable') {
    checks.push({ check: 'client-code', ok: true, message: `The batchUpdate endpoint of ${input.clientCode} answered as Target does.` });
    checks.push({ check: 'token', ok: true, message: input.token ? 'The saved token was accepted.' : 'No token is saved and the server did not ask for one.' });
    return { ok: true, checks };
  }
  checks.push({ check: 'client-code', ok: false, message: `The server's answer (HTTP ${status}) does not look like Target's batchUpdate.` });
  return { ok: false, checks };
}
