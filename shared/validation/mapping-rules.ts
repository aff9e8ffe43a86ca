import type { MappingSpec } from '../domain/mapping-spec.js';
import type { Issue } from './issue.js';
import { makeIssue } from './issue.js';
import { foldName, paramNameIssues } from './param-name-rules.js';

/** Checks a mapping against the file's headers and the parameter-name rules; returns file-level issues (row = null). */
export function checkMapping(headers: readonly string[], spec: MappingSpec): readonly Issue[] {
  const issues: Issue[] = [];
  const have = new Set(headers);
  if (!have.has(spec.idColumn)) issues.push(makeIssue('id-column-missing', null, spec.idColumn, { value: spec.idColumn }));
  const ignored = new Set(spec.ignored);
  const sent = spec.columns.filter((c) => !ignored.has(c.column));
  for (const c of sent) {
    if (!have.has(c.column)) issues.push(makeIssue('mapped-column-missing', null, c.column, { value: c.column }));
  }
  const named = [...sent.map((c) => ({ param: c.param, column: c.column })), ...spec.constants.map((k) => ({ param: k.param, column: `(constant ${k.param})` }))];
  if (named.length === 0) issues.push(makeIssue('no-params', null, null));
  const exact = new Map<string, string>();
  const folded = new Map<string, string>();
  for (const { param, column } of named) {
    const firstColumn = exact.get(param);
    if (firstColumn !== undefined && param.trim() !== '') {
      issues.push(makeIssue('param-duplicate', null, column, { value: param, other: firstColumn }));
      continue;
    }
    // A near-duplicate is reported once, on the later column; the first name folded alike stands for them all.
    const key = foldName(param);
    const near = folded.get(key);
    issues.push(...paramNameIssues(param, column, near === undefined ? [] : [near]));
    if (param.trim() === '') continue;
    exact.set(param, column);
    if (near === undefined) folded.set(key, param);
  }
  if (spec.idKind === 'pcId') issues.push(makeIssue('pcid-v2-caveat', null, null));
  return issues;
}
