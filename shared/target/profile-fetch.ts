import type { HttpOutcome } from '../jobs/http-decision.js';
import type { ProfileJson } from './profile-json.js';

/**
 * What a profile fetch (E6/E7, or by ECID; §8, §12.4) answered. `found`: the profile; `not-found`: Target's
 * 404 (by its HTTP status or the body's `status: 404`, since the status line is unconfirmed); `auth`:
 * 401/403; `retry`: throttled, a 5xx or a network failure, worth asking again; `unreadable`: anything else.
 */
export type FetchAnswer =
  | { readonly kind: 'found'; readonly profile: ProfileJson }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'auth'; readonly status: number }
  | { readonly kind: 'retry'; readonly status: number | null; readonly retryAfter: string | null; readonly detail: string }
  | { readonly kind: 'unreadable'; readonly status: number; readonly detail: string };

/**
 * Classifies one profile fetch outcome (pure). Attribute values are read as strings (Target sends
 * strings; anything else is turned into its JSON text so a comparison can name it).
 */
export function readFetchAnswer(outcome: HttpOutcome): FetchAnswer {
  if (outcome.kind === 'network') return { kind: 'retry', status: null, retryAfter: null, detail: outcome.message };
  const { status, body } = outcome;
  if (status === 401 || status === 403) return { kind: 'auth', status };
  if (status === 429 || status >= 500) return { kind: 'retry', status, retryAfter: outcome.retryAfter, detail: `HTTP ${status}` };
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return status === 404 ? { kind: 'not-found' } : { kind: 'unreadable', status, detail: 'not JSON' };
  }
  const said = typeof json === 'object' && json !== null ? (json as { status?: unknown }).status : undefined;
  if (status === 404 || said === 404) return { kind: 'not-found' };
  const profile = status >= 200 && status < 300 ? asProfile(json) : null;
  if (profile === null) return { kind: 'unreadable', status, detail: status >= 200 && status < 300 ? 'not a profile' : `HTTP ${status}` };
  return { kind: 'found', profile };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const optionalText = (v: unknown): v is string | undefined => v === undefined || typeof v === 'string';

/**
 * The profile in a fetch answer's JSON, or null when its shape is not a profile's: optional text fields
 * `client`, `visitorId`, `modifiedAt`, and `profileAttributes` of `{ value, modifiedAt? }`. Checked by
 * hand rather than by a schema library: verification reads thousands of these a second.
 */
function asProfile(json: unknown): ProfileJson | null {
  if (!isRecord(json)) return null;
  const { client, visitorId, modifiedAt, profileAttributes } = json;
  if (!optionalText(client) || !optionalText(visitorId) || !optionalText(modifiedAt)) return null;
  if (profileAttributes !== undefined && !isRecord(profileAttributes)) return null;
  const attrs: Record<string, { value: string; modifiedAt: string }> = {};
  for (const [name, a] of Object.entries(profileAttributes ?? {})) {
    if (!isRecord(a) || !('value' in a) || !optionalText(a.modifiedAt)) return null;
    attrs[name] = { value: typeof a.value === 'string' ? a.value : JSON.stringify(a.value), modifiedAt: a.modifiedAt ?? '' };
  }
  return { client: client ?? '', visitorId: visitorId ?? '', modifiedAt: modifiedAt ?? '', profileAttributes: attrs };
}
