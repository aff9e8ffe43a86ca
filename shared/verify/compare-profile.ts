import type { VerifyDiff } from '../contract/verify.js';
import type { ProfileJson } from '../target/profile-json.js';

/** What one read-back shows for one row: every sent value is there, or the attributes that are not. */
export type ProfileMatch = { readonly kind: 'verified' } | { readonly kind: 'differs'; readonly diffs: readonly VerifyDiff[] };

/**
 * Compares the values a row sent (bare attribute name → value, as decoded from its batch line) with the
 * profile Target returned (pure). Only non-empty sent values count (an empty cell clears nothing in
 * Target, so there is nothing to find); a value matches when it is the same string.
 */
export function compareProfile(sent: Readonly<Record<string, string>>, profile: ProfileJson): ProfileMatch {
  const diffs: VerifyDiff[] = [];
  for (const [name, value] of Object.entries(sent)) {
    if (value === '') continue;
    const found = profile.profileAttributes[name];
    if (found?.value === value) continue;
    diffs.push({ name, sent: value, found: found?.value ?? null, modifiedAt: found?.modifiedAt || null });
  }
  return diffs.length === 0 ? { kind: 'verified' } : { kind: 'differs', diffs };
}
