import type { MappingSpec } from '../domain/mapping-spec.js';
import type { Issue } from './issue.js';
import { makeIssue } from './issue.js';

const RESERVED = new Set(['pcid', 'thirdpartyid', 'mbox3rdpartyid', 'mboxpc', 'tntid']);
const PLAIN_NAME = /^[A-Za-z0-9_.-]+$/;

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
    if (param.trim() === '') {
      issues.push(makeIssue('param-name-empty', null, column));
      continue;
    }
    if (RESERVED.has(param.toLowerCase())) issues.push(makeIssue('param-name-reserved', null, column, { value: param }));
    if (/^profile\./i.test(param)) issues.push(makeIssue('param-name-prefixed', null, column, { value: param.slice(8), other: param }));
    if (/[,\r\n]/.test(param)) issues.push(makeIssue('param-name-delimiter', null, column, { value: param }));
    else if (!PLAIN_NAME.test(param)) issues.push(makeIssue('param-name-chars', null, column, { value: param }));
    if (param.length > 128) issues.push(makeIssue('param-name-too-long', null, column, { value: param }));
    const firstColumn = exact.get(param);
    if (firstColumn !== undefined) {
      issues.push(makeIssue('param-duplicate', null, column, { value: param, other: firstColumn }));
      continue;
    }
    exact.set(param, column);
    const variant = folded.get(param.toLowerCase());
    if (variant !== undefined) issues.push(makeIssue('param-case-collision', null, column, { value: param, other: variant }));
    else folded.set(param.toLowerCase(), param);
  }
  if (spec.idKind === 'pcId') issues.push(makeIssue('pcid-v2-caveat', null, null));
  return issues;
}
