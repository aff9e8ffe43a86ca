import type { ProfileKeyKind } from './urls.js';

/** One attribute in the fetch JSON: every value is a string. */
export interface ProfileAttributeJson {
  readonly value: string;
  readonly modifiedAt: string;
}

/** The E6/E7 profile fetch body (§8). */
export interface ProfileJson {
  readonly client: string;
  readonly visitorId: string;
  readonly modifiedAt: string;
  readonly profileAttributes: Readonly<Record<string, ProfileAttributeJson>>;
}

/** The E6/E7 body for an unknown or expired id. */
export interface ProfileNotFoundJson {
  readonly status: 404;
  readonly message: string;
}

/** Returns the documented 404 message for `id` in the given key space. */
export function profileNotFoundMessage(client: string, keyKind: ProfileKeyKind, id: string): string {
  return keyKind === 'thirdPartyId'
    ? `No profile found for client ${client} with third party id=${id}`
    : `No profile found for client ${client} with mboxPC=${id}`;
}

/** Returns an ISO-8601 timestamp with milliseconds and an explicit `+00:00` offset, as the fetch JSON shows them. */
export function formatProfileTimestamp(epochMillis: number): string {
  return new Date(epochMillis).toISOString().replace(/Z$/, '+00:00');
}
