/**
 * URL patterns of the profile endpoints E1–E7 (target-profile-api.md §1): builders for clients and a
 * path matcher for servers. `base` is a scheme + host (+ port) such as `https://acme.tt.omtrdc.net` or
 * `http://127.0.0.1:4010`, without a trailing path.
 */

/** Bulk API version: v1 updates existing profiles only, v2 creates missing ones. */
export type BulkApiVersion = 1 | 2;

/** Which profile-key space a batch file or a single update addresses (an ECID is never an update key, §1). */
export type ProfileKeyKind = 'pcId' | 'thirdPartyId';

/** Which id a profile fetch looks up: an update key space, or the ECID (Marketing Cloud visitor id, §12.4). */
export type ProfileLookupKind = ProfileKeyKind | 'ecid';

/** A request path recognised as one of the profile endpoints. */
export type TargetRoute =
  | { readonly kind: 'batchUpdate'; readonly client: string; readonly version: BulkApiVersion }
  | { readonly kind: 'batchStatus'; readonly client: string }
  | { readonly kind: 'singleUpdate'; readonly client: string }
  | { readonly kind: 'fetchProfile'; readonly keyKind: ProfileLookupKind; readonly id: string };

function trimBase(base: string): string {
  return base.replace(/\/+$/, '');
}

/** Returns the E1 (v1) or E2 (v2) batchUpdate URL for `client` on `base`. */
export function batchUpdateUrl(base: string, client: string, version: BulkApiVersion): string {
  const c = encodeURIComponent(client);
  return version === 2 ? `${trimBase(base)}/m2/${c}/v2/profile/batchUpdate` : `${trimBase(base)}/m2/${c}/profile/batchUpdate`;
}

/** Returns the E3 batchStatus URL (never with `/v2/`); clients should follow the URL the server returned instead. */
export function batchStatusUrl(edgeBase: string, client: string, batchId: string, showDetails = false): string {
  const url = `${trimBase(edgeBase)}/m2/${encodeURIComponent(client)}/profile/batchStatus?batchId=${encodeURIComponent(batchId)}`;
  return showDetails ? `${url}&showDetails=true` : url;
}

/** Returns the E3 URL in the older form Adobe's examples show (§12.3): `/v2/` in the path and `&m2Node=00`. */
export function legacyBatchStatusUrl(edgeBase: string, client: string, batchId: string): string {
  return `${trimBase(edgeBase)}/m2/${encodeURIComponent(client)}/v2/profile/batchStatus?batchId=${encodeURIComponent(batchId)}&m2Node=00`;
}

/**
 * Returns `statusUrl` with `showDetails=true`, keeping every other byte as the server sent it (§12.3:
 * extra query parameters such as `m2Node=00` or `mboxPC=…` must travel verbatim, so the query is edited
 * as text, never re-encoded).
 */
export function withShowDetails(statusUrl: string): string {
  const hash = statusUrl.indexOf('#');
  const head = hash < 0 ? statusUrl : statusUrl.slice(0, hash);
  const q = head.indexOf('?');
  if (q < 0) return `${head}?showDetails=true`;
  const params = head.slice(q + 1).split('&');
  const i = params.findIndex((p) => p === 'showDetails' || p.startsWith('showDetails='));
  if (i >= 0) params[i] = 'showDetails=true';
  else params.push('showDetails=true');
  return `${head.slice(0, q)}?${params.filter((p) => p !== '').join('&')}`;
}

const FETCH_PATH_SEGMENT: Readonly<Record<ProfileLookupKind, string>> = { pcId: '', thirdPartyId: 'thirdPartyId/', ecid: 'marketingCloudVisitorId/' };

/** Returns the profile fetch URL: E6 (by tntId/pcId), E7 (by thirdPartyId) or by ECID (§12.4). */
export function fetchProfileUrl(base: string, client: string, kind: ProfileLookupKind, id: string): string {
  return `${trimBase(base)}/rest/v1/profiles/${FETCH_PATH_SEGMENT[kind]}${encodeURIComponent(id)}?client=${encodeURIComponent(client)}`;
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** Returns the endpoint a request path (without query) addresses, or undefined when it is none of E1–E7 or the ECID fetch. */
export function matchTargetRoute(pathname: string): TargetRoute | undefined {
  const raw = pathname.split('/');
  if (raw[0] !== '') return undefined;
  const parts = raw.slice(1).map(decodeSegment);
  if (parts.some((p) => p === undefined || p === '')) return undefined;
  const seg = parts as string[];
  if (seg[0] === 'm2' && seg.length >= 4) {
    const client = seg[1] as string;
    const rest = seg.slice(2).join('/');
    if (rest === 'profile/batchUpdate') return { kind: 'batchUpdate', client, version: 1 };
    if (rest === 'v2/profile/batchUpdate') return { kind: 'batchUpdate', client, version: 2 };
    // The older status form carries `/v2/` (§12.3); both address the same batch.
    if (rest === 'profile/batchStatus' || rest === 'v2/profile/batchStatus') return { kind: 'batchStatus', client };
    if (rest === 'profile/update') return { kind: 'singleUpdate', client };
    return undefined;
  }
  if (seg[0] === 'rest' && seg[1] === 'v1' && seg[2] === 'profiles') {
    if (seg.length === 4) return { kind: 'fetchProfile', keyKind: 'pcId', id: seg[3] as string };
    if (seg.length === 5 && seg[3] === 'thirdPartyId') return { kind: 'fetchProfile', keyKind: 'thirdPartyId', id: seg[4] as string };
    if (seg.length === 5 && seg[3] === 'marketingCloudVisitorId') return { kind: 'fetchProfile', keyKind: 'ecid', id: seg[4] as string };
  }
  return undefined;
}
