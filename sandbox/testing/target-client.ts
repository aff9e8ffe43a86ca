// The client side of Target's single-profile endpoints that the app never uses (the E4/E5 update, reading
// E4–E7 answers): only the sandbox's own tests speak it, so it lives with them rather than in the shared
// wire model. (The app does build the E6/E7 URL, for its connection test: that stays in shared/target.)
import type { ProfileJson } from '../../shared/target/profile-json.js';
import type { ProfileKeyKind } from '../../shared/target/urls.js';
import { parseResponseElement, textOf } from '../../shared/target/xml-util.js';

const trimBase = (base: string): string => base.replace(/\/+$/, '');

/** Returns the E4/E5 single update URL: `mboxPC` for a pcId, `mbox3rdPartyId` for a thirdPartyId, one `profile.<name>` per attribute. */
export function singleUpdateUrl(
  base: string,
  client: string,
  keyKind: ProfileKeyKind,
  id: string,
  attributes: Readonly<Record<string, string>>,
): string {
  const params = [`${keyKind === 'pcId' ? 'mboxPC' : 'mbox3rdPartyId'}=${encodeURIComponent(id)}`];
  for (const [name, value] of Object.entries(attributes)) {
    params.push(`profile.${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
  }
  return `${trimBase(base)}/m2/${encodeURIComponent(client)}/profile/update?${params.join('&')}`;
}

/** Returns the parsed body when `value` has the profile fetch shape, else undefined. */
export function asProfileJson(value: unknown): ProfileJson | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v['client'] !== 'string' || typeof v['visitorId'] !== 'string' || typeof v['modifiedAt'] !== 'string') return undefined;
  const attrs = v['profileAttributes'];
  if (typeof attrs !== 'object' || attrs === null) return undefined;
  for (const a of Object.values(attrs as Record<string, unknown>)) {
    if (typeof a !== 'object' || a === null || typeof (a as Record<string, unknown>)['value'] !== 'string') return undefined;
  }
  return value as ProfileJson;
}

/** Parses an E4/E5 body: `{ success, message }`, or undefined when it is not the XML form. Never throws. */
export function parseSingleUpdateResponse(xml: string): { readonly success: boolean; readonly message: string } | undefined {
  const el = parseResponseElement(xml);
  const success = el === undefined ? undefined : textOf(el, 'success')?.toLowerCase();
  if (el === undefined || (success !== 'true' && success !== 'false')) return undefined;
  return { success: success === 'true', message: textOf(el, 'message') ?? '' };
}
