import type { CompiledMapping } from '../domain/compile-mapping.js';
import { isAlreadyEncoded } from '../batch/url-encode.js';
import type { Issue } from './issue.js';
import { makeIssue } from './messages.js';
import type { IdShape } from './id-shape.js';
import type { ValueFix, ValueFixes } from './value-fixes.js';

/** Everything a row check needs besides the row. */
export interface RowCheckContext {
  readonly mapping: CompiledMapping;
  readonly fixes: ValueFixes;
  readonly idShape: IdShape | null;
  /** A row whose encoded line is longer than this is blocked (Target keeps 64 KB per profile). */
  readonly maxRowBytes: number;
}

/** The outcome for one row: its issues, the identifier as sent, and its encoded batch line (null when it is not sent). */
export interface RowCheck {
  readonly issues: readonly Issue[];
  readonly id: string;
  readonly line: string | null;
  readonly blocked: boolean;
}

export const MAX_ROW_BYTES = 64 * 1024;
const NO_ISSUES: readonly Issue[] = [];
// eslint-disable-next-line no-control-regex -- control characters are exactly what this rule looks for
const CONTROL = /[\x00-\x09\x0b\x0c\x0e-\x1f\x7f]/;
const LINE_BREAK = /[\r\n\u2028\u2029]/;
const LINE_BREAKS = /\r\n|[\r\n\u2028\u2029]/g;
const PCID_CHARS = /^[A-Za-z0-9._-]+$/;
const PCID_TYPICAL = /^\d{10,20}-\d{1,10}(\.\d{1,4}_\d{1,4})?$/;
const SCIENTIFIC = /^\d(\.\d+)?E\+?\d+$/i;
const LONG_DIGITS = /^\d{16,}$/;
const DECIMAL_SUFFIX = /^\d+\.0+$/;
const DIGITS = /^\d+$/;

function applyFix(value: string, pattern: RegExp, fix: ValueFix): string {
  return value.replace(pattern, fix.kind === 'replace' ? fix.with : '');
}

/**
 * Checks one row against every per-row rule and encodes it as a batch line in the same pass. Pure; the
 * worker runs it on every row and the UI on visible rows, so both see the same issues. Never throws.
 */
export function checkRow(cells: readonly string[], row: number, ctx: RowCheckContext): RowCheck {
  const m = ctx.mapping;
  let issues: Issue[] | null = null;
  let blocked = false;
  const add = (issue: Issue): void => {
    (issues ??= []).push(issue);
    if (issue.severity === 'blocking') blocked = true;
  };

  let id = cells[m.idIndex] ?? '';
  if (m.idTransform !== null) id = m.idTransform(id) ?? id;
  const idCol = m.idColumn;
  let encodedId = id;
  if (id === '') {
    add(makeIssue('id-missing', row, idCol));
  } else if (!isAlreadyEncoded(id)) {
    // Only ids outside the plain set can hold `+`, `/`, commas, breaks or broken characters.
    if (m.idKind === 'thirdPartyId') {
      if (id.includes('+') && !SCIENTIFIC.test(id)) add(makeIssue('id-forbidden-char', row, idCol, { char: '+' }));
      if (id.includes('/')) add(makeIssue('id-forbidden-char', row, idCol, { char: '/' }));
    }
    if (id.includes(',')) add(makeIssue('value-comma', row, idCol, { value: id }));
    if (LINE_BREAK.test(id)) add(makeIssue('value-line-break', row, idCol, { value: id }));
    if (CONTROL.test(id)) add(makeIssue('value-control-char', row, idCol, { value: id }));
    try {
      encodedId = encodeURIComponent(id);
    } catch {
      add(makeIssue('value-invalid-unicode', row, idCol));
    }
  }
  if (id !== '') {
    if (m.idKind === 'thirdPartyId' && id.length > 256) add(makeIssue('id-too-long', row, idCol, { count: id.length }));
    if (m.idKind === 'pcId') {
      if (!PCID_CHARS.test(id)) add(makeIssue('pcid-shape', row, idCol, { value: id }));
      else if (!PCID_TYPICAL.test(id)) add(makeIssue('pcid-unusual', row, idCol, { value: id }));
    }
    const c0 = id.charCodeAt(0);
    if (c0 >= 48 && c0 <= 57) {
      if (SCIENTIFIC.test(id)) add(makeIssue('id-scientific', row, idCol, { value: id }));
      else if (LONG_DIGITS.test(id) && /^0+$/.test(id.slice(15))) add(makeIssue('id-precision-lost', row, idCol, { value: id }));
      else if (DECIMAL_SUFFIX.test(id)) add(makeIssue('id-decimal-suffix', row, idCol, { value: id }));
      else if (ctx.idShape !== null && id.length < ctx.idShape.digits && DIGITS.test(id)) {
        add(makeIssue('id-leading-zeros-lost', row, idCol, { value: id, count: ctx.idShape.digits }));
      }
    }
  }

  let line = encodedId;
  let anyValue = false;
  const params = m.params;
  for (let i = 0; i < params.length; i++) {
    const p = params[i]!;
    let v: string;
    if (p.constant !== null) {
      v = p.constant;
    } else {
      v = cells[p.index] ?? '';
      if (p.transform !== null) {
        const t = p.transform(v);
        if (t === null) add(makeIssue('value-transform-failed', row, p.column, { value: v, text: 'check the column transforms' }));
        else v = t;
      }
    }
    if (v === '') {
      line += ',';
      continue;
    }
    anyValue = true;
    if (isAlreadyEncoded(v)) {
      line += ',' + v;
      continue;
    }
    if (v.includes(',')) {
      const fix = ctx.fixes.comma;
      if (fix.kind === 'block') add(makeIssue('value-comma', row, p.column, { value: v }));
      else {
        add(makeIssue('value-comma-fixed', row, p.column, { value: v, text: fix.kind === 'strip' ? 'stripped' : 'replaced' }));
        v = applyFix(v, /,/g, fix);
      }
    }
    if (LINE_BREAK.test(v)) {
      const fix = ctx.fixes.lineBreak;
      if (fix.kind === 'block') add(makeIssue('value-line-break', row, p.column, { value: v }));
      else {
        add(makeIssue('value-line-break-fixed', row, p.column, { value: v, text: fix.kind === 'strip' ? 'stripped' : 'replaced' }));
        v = applyFix(v, LINE_BREAKS, fix);
      }
    }
    if (CONTROL.test(v)) add(makeIssue('value-control-char', row, p.column, { value: v }));
    if (v.includes('\uFFFD')) add(makeIssue('value-replacement-char', row, p.column, { value: v }));
    try {
      line += ',' + encodeURIComponent(v);
    } catch {
      add(makeIssue('value-invalid-unicode', row, p.column));
    }
  }
  if (!blocked && line.length > ctx.maxRowBytes) add(makeIssue('row-too-large', row, null, { count: line.length }));
  if (!anyValue && id !== '' && !blocked) {
    add(makeIssue('row-nothing-to-send', row, null));
    return { issues: issues ?? NO_ISSUES, id, line: null, blocked };
  }
  return { issues: issues ?? NO_ISSUES, id, line: blocked ? null : line, blocked };
}
