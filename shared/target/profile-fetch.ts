import { z } from 'zod';
import type { HttpOutcome } from '../jobs/http-decision.js';
import type { ProfileJson } from './profile-json.js';

const profileJsonSchema = z.object({
  client: z.string().optional(),
  visitorId: z.string().optional(),
  modifiedAt: z.string().optional(),
  profileAttributes: z.record(z.string(), z.object({ value: z.unknown(), modifiedAt: z.string().optional() })).optional(),
});

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
  const parsed = profileJsonSchema.safeParse(json);
  if (status < 200 || status >= 300 || !parsed.success) return { kind: 'unreadable', status, detail: parsed.success ? `HTTP ${status}` : 'not a profile' };
  const attrs: Record<string, { value: string; modifiedAt: string }> = {};
  for (const [name, a] of Object.entries(parsed.data.profileAttributes ?? {})) {
    attrs[name] = { value: typeof a.value === 'string' ? a.value : JSON.stringify(a.value), modifiedAt: a.modifiedAt ?? '' };
  }
  const p = parsed.data;
  return { kind: 'found', profile: { client: p.client ?? '', visitorId: p.visitorId ?? '', modifiedAt: p.modifiedAt ?? '', profileAttributes: attrs } };
}
