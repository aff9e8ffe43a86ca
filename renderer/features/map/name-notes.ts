import type { MappingSpec } from '../../../shared/domain/mapping-spec.js';
import { makeIssue, type Issue } from '../../../shared/validation/issue.js';
import { foldName, paramNameIssues } from '../../../shared/validation/param-name-rules.js';

/**
 * The name problems to show under each sent column's parameter name, by column: a name used twice, and
 * every rule of `paramNameIssues` against the other names sent (constants included). Unlike Review, a
 * near-duplicate is shown on both columns. Linear in the number of columns (names are grouped by their
 * folded form first), so it can run on every keystroke of a wide file. Pure.
 */
export function nameNotesByColumn(mapping: MappingSpec): ReadonlyMap<string, readonly Issue[]> {
  const ignored = new Set(mapping.ignored);
  const sent = mapping.columns.filter((c) => !ignored.has(c.column));
  const names = [...sent.map((c) => ({ column: c.column as string | null, param: c.param })), ...mapping.constants.map((k) => ({ column: null, param: k.param }))];
  const byFold = new Map<string, { column: string | null; param: string }[]>();
  for (const n of names) {
    const key = foldName(n.param);
    const group = byFold.get(key);
    if (group) group.push(n);
    else byFold.set(key, [n]);
  }
  const out = new Map<string, readonly Issue[]>();
  for (const c of sent) {
    const alike = (byFold.get(foldName(c.param)) ?? []).filter((n) => n.column !== c.column);
    const twin = c.param.trim() === '' ? undefined : alike.find((n) => n.param === c.param);
    const issues = paramNameIssues(c.param, c.column, alike.map((n) => n.param));
    out.set(c.column, twin ? [makeIssue('param-duplicate', null, c.column, { value: c.param, other: twin.column ?? c.param }), ...issues] : issues);
  }
  return out;
}
