import { AppCallError } from '../../../shared/contract/errors.js';
import { backoffDelay, throttleWait, type BackoffPolicy } from '../../../shared/jobs/backoff.js';
import { readFetchAnswer } from '../../../shared/target/profile-fetch.js';
import type { ProfileJson } from '../../../shared/target/profile-json.js';
import { secureRequestUrl, type SecureUrlDecision } from '../../../shared/target/secure-url.js';
import { fetchProfileUrl, type ProfileLookupKind } from '../../../shared/target/urls.js';
import type { Transport } from '../../upload/http-transport.js';
import { sleep } from '../../upload/sleep.js';
import type { TlsTrust } from '../../upload/tls-trust.js';

/** How reads reach one connection's Target: its address, client code, token and trust. */
export interface ProfileReach {
  readonly baseUrl: string;
  readonly clientCode: string;
  readonly trust: TlsTrust;
  token(): Promise<string | undefined>;
  /** After Target refused `refused`: true once a newer token is kept, false when nothing can be done. */
  renewToken(refused: string | undefined): Promise<boolean>;
}

/** Retries of one read on a 5xx, a throttle or a network failure before it gives up (and the caller pauses). */
export interface ReadPolicy {
  readonly attempts: number;
  readonly backoff: BackoffPolicy;
  readonly timeoutMs: number;
}

/** Five attempts, 1 s doubling up to 30 s; 30 s per request. */
export const DEFAULT_READ_POLICY: ReadPolicy = { attempts: 5, backoff: { baseMs: 1000, maxMs: 30_000, jitter: 0.3 }, timeoutMs: 30_000 };

/**
 * Reads one profile from Target (a fetch: it writes nothing and is not rate-limited). Resolves to the
 * profile, or null for Target's 404. A refused token is renewed once when the connection can (Adobe
 * sign-in); 5xx, throttles and network failures are retried per `policy`. Throws AppCallError:
 * `auth-failed`, `network` (variant fetch), `target-unreadable`, `insecure-url`; and the signal's reason.
 */
export async function readProfile(transport: Transport, reach: ProfileReach, kind: ProfileLookupKind, id: string, policy: ReadPolicy = DEFAULT_READ_POLICY, signal?: AbortSignal): Promise<ProfileJson | null> {
  let renewed = false;
  for (let attempt = 1; ; attempt++) {
    const token = await reach.token();
    const verdict = originVerdict(reach.baseUrl, token !== undefined);
    if (verdict.kind === 'refuse') throw new AppCallError('insecure-url', verdict.reason.params);
    const url = fetchProfileUrl(reach.baseUrl, reach.clientCode, kind, id);
    const outcome = await transport.send({ method: 'GET', url, bearer: token, headers: { Accept: 'application/json' }, trust: reach.trust, timeoutMs: policy.timeoutMs, signal });
    signal?.throwIfAborted();
    const answer = readFetchAnswer(outcome);
    switch (answer.kind) {
      case 'found':
        return answer.profile;
      case 'not-found':
        return null;
      case 'auth':
        if (!renewed && (await reach.renewToken(token))) {
          renewed = true;
          attempt--;
          continue;
        }
        throw new AppCallError('auth-failed', { status: answer.status });
      case 'unreadable':
        throw new AppCallError('target-unreadable', { status: answer.status, detail: answer.detail });
      case 'retry': {
        if (attempt >= policy.attempts) {
          if (answer.status !== null) throw new AppCallError('server-error', { status: answer.status });
          throw new AppCallError('network', { variant: 'fetch', detail: answer.detail });
        }
        const wait = answer.status === 429 || answer.status === 503 ? throttleWait(answer.retryAfter, Date.now(), backoffDelay(attempt, policy.backoff)) : backoffDelay(attempt, policy.backoff);
        await sleep(wait, signal);
      }
    }
  }
}

const verdicts = new Map<string, SecureUrlDecision>();

/**
 * Whether a token may travel to the connection's own address (a fetch URL is always on it, with its
 * scheme): decided once per address and token presence rather than parsing two URLs per row.
 */
function originVerdict(baseUrl: string, carriesToken: boolean): SecureUrlDecision {
  const key = `${carriesToken ? 1 : 0}${baseUrl}`;
  let verdict = verdicts.get(key);
  if (verdict === undefined) {
    verdict = secureRequestUrl(baseUrl, baseUrl, carriesToken);
    if (verdicts.size > 100) verdicts.clear();
    verdicts.set(key, verdict);
  }
  return verdict;
}
