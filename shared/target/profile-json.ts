import type { ProfileLookupKind } from './urls.js';

/** One attribute in the fetch JSON: every value is a string. */
export interface ProfileAttributeJson {
  readonly value: string;
  readonly modifiedAt: string;
}

/** The E6/E7 (and fetch by ECID) profile body (§8); `visitorId` is the id asked for. */
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

/** Returns the 404 message for `id` looked up by `kind` (documented for tntId and thirdPartyId, §8). */
export function profileNotFoundMessage(client: string, kind: ProfileLookupKind, id: string): string {
  switch (kind) {
    case 'thirdPartyId':
      return `No profile found for client ${client} with third party id=${id}`;
    case 'pcId':
      return `No profile found for client ${client} with mboxPC=${id}`;
    case 'ecid':
      // [I] Adobe documents no 404 text for a fetch by ECID; this follows the pattern of the two it does.
      return `No profile found for client ${client} with marketingCloudVisitorId=${id}`;
  }
}

/** Returns an ISO-8601 timestamp with milliseconds and an explicit `+00:00` offset, as the fetch JSON shows them. */
export function formatProfileTimestamp(epochMillis: number): string {
  return new Date(epochMillis).toISOString().replace(/Z$/, '+00:00');
}
