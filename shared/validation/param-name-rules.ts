import type { Issue } from './issue.js';
import { makeIssue } from './issue.js';

const RESERVED = new Set(['pcid', 'thirdpartyid', 'mbox3rdpartyid', 'mboxpc', 'tntid']);
const PLAIN_NAME = /^[A-Za-z0-9_.-]+$/;
// Prefixes of names Target uses itself (spec §12.5); `profile.` is its own, blocking rule.
const TARGET_LIKE = [/^user\./i, /^entity\./i, /^mbox/i] as const;
/** The longest parameter name that is sure to work (spec §12.5: attribute names up to 128 characters). */
export const MAX_PARAM_NAME = 128;

/** A name with case, spaces, `_` and `-` taken out: `Loyalty_Tier`, `loyalty tier` and `loyaltyTier` fold alike. */
export function foldName(name: string): string {
  return name.toLowerCase().replace(/[\s_-]+/g, '');
}

/**
 * Every rule about one parameter name, as issues on `column` (row = null): empty, reserved for the
 * identifier, written with `profile.`, looking like Target's own (`user.`, `entity.`, `mbox`…), a comma
 * or line break, other characters, longer than 128, and differing only in case or spacing from one of
 * `others` (other columns' names in the same file; a caller may add names already in Target). A name
 * equal to one of `others` is not reported here (that is `param-duplicate`, the caller's). Pure.
 */
export function paramNameIssues(param: string, column: string, others: readonly string[]): Issue[] {
  const issues: Issue[] = [];
  if (param.trim() === '') return [makeIssue('param-name-empty', null, column)];
  const reserved = RESERVED.has(param.toLowerCase());
  if (reserved) issues.push(makeIssue('param-name-reserved', null, column, { value: param }));
  if (/^profile\./i.test(param)) issues.push(makeIssue('param-name-prefixed', null, column, { value: param.slice(8), other: param }));
  else if (!reserved) {
    const prefix = TARGET_LIKE.map((p) => p.exec(param)?.[0]).find((m) => m !== undefined);
    if (prefix !== undefined) issues.push(makeIssue('param-name-target-like', null, column, { value: param, other: prefix }));
  }
  if (/[,\r\n]/.test(param)) issues.push(makeIssue('param-name-delimiter', null, column, { value: param }));
  else if (!PLAIN_NAME.test(param)) issues.push(makeIssue('param-name-chars', null, column, { value: param }));
  if (param.length > MAX_PARAM_NAME) issues.push(makeIssue('param-name-too-long', null, column, { value: param }));
  const folded = foldName(param);
  const near = others.find((o) => o !== param && foldName(o) === folded);
  if (near !== undefined) {
    const variant = near.toLowerCase() === param.toLowerCase() ? 'case' : 'spacing';
    issues.push(makeIssue('param-case-collision', null, column, { value: param, other: near, variant }));
  }
  return issues;
}
