import { failureKind, paramCell, paramValue, rowId, type CompiledMapping, type CompiledParam } from '../domain/compile-mapping.js';
import { encodeAt, MAX_ENCODED_PER_UNIT, type LineBytes } from '../batch/line-bytes.js';
import { makeIssue, type Issue } from './issue.js';
import type { IdShape } from './id-shape.js';
import { readingFor, type ValueFixes } from './value-fixes.js';
import { encodeValue, fixValue, type EncodeCache } from './encode-value.js';
import type { NumberReading } from './number-comma.js';

/** Everything a row check needs besides the row. */
export interface RowCheckContext {
  readonly mapping: CompiledMapping;
  readonly fixes: ValueFixes;
  /** How each parameter's numbers written with a comma are read (by `mapping.params` index); see `numberReadingsOf`. */
  readonly readings: readonly (NumberReading | null)[];
  readonly idShape: IdShape | null;
  /** A row whose encoded line is longer than this is blocked (Target keeps 64 KB per profile). */
  readonly maxRowBytes: number;
  /** Optional per-run cache of encoded values (the prepare loop passes one). */
  readonly cache?: EncodeCache;
}

/** The outcome for one row: its issues, the identifier as sent, and whether the line written for it goes into a batch. */
export interface RowCheck {
  readonly issues: readonly Issue[];
  readonly id: string;
  /** True when the row goes into a batch (no blocking issue, something to send). */
  readonly sendable: boolean;
  /** Bytes of the line written into `out`. */
  readonly bytes: number;
  /** True when a blocking issue keeps the row out (a row with nothing to send is left out without one). */
  readonly blocked: boolean;
}

export const MAX_ROW_BYTES = 64 * 1024;

/** The number reading of every parameter of a compiled mapping under `fixes` (null for constants and unread columns). */
export function numberReadingsOf(mapping: CompiledMapping, fixes: ValueFixes): (NumberReading | null)[] {
  return mapping.params.map((p) => (p.constant === null ? readingFor(fixes, p.column) : null));
}
const NO_ISSUES: readonly Issue[] = [];
// eslint-disable-next-line no-control-regex -- control characters are exactly what this rule looks for
const CONTROL = /[\x00-\x09\x0b\x0c\x0e-\x1f\x7f]/;
const LINE_BREAK = /[\r\n\u2028\u2029]/;
const PCID_CHARS = /^[A-Za-z0-9._-]+$/;
const PCID_TYPICAL = /^\d{10,20}-\d{1,10}(\.\d{1,4}_\d{1,4})?$/;
const SCIENTIFIC = /^\d(\.\d+)?E\+?\d+$/i;
const LONG_DIGITS = /^\d{16,}$/;
const DECIMAL_SUFFIX = /^\d+\.0+$/;
const DIGITS = /^\d+$/;

function pushIssue(list: Issue[] | null, issue: Issue): Issue[] {
  if (list === null) return [issue];
  list.push(issue);
  return list;
}

/**
 * Checks one row against every per-row rule and writes its batch line (no leading `\n`) into `out` from
 * `out.pos`, in one pass: the identifier rules (here), every value rule (`fixValue`, for every non-empty
 * value sent) and the row rules (`row-too-large`, `row-nothing-to-send`). The prepare loop runs it on
 * every row and keeps the line when the row is sendable (else it rewinds `out.pos`); it adds the reader's
 * notes and the duplicate check itself, and the mapping rules run once per file (`checkMapping`). The row's
 * cells are `cells[offset] … cells[offset + count - 1]`. Pure apart from `out`; never throws.
 */
export function checkRow(cells: readonly string[], row: number, ctx: RowCheckContext, out: LineBytes, offset = 0, count = cells.length - offset): RowCheck {
  const m = ctx.mapping;
  const idCol = m.idColumn;
  let issues: Issue[] | null = null;
  const id = rowId(m, cells, offset, count);
  const start = out.pos;
  let at = start;
  if (id === '') issues = pushIssue(issues, makeIssue('id-missing', row, idCol));
  else {
    out.ensure(id.length * MAX_ENCODED_PER_UNIT);
    const end = encodeAt(id, out.bytes, start);
    // An id that comes out as long as it went in is all plain characters (anything else takes three
    // bytes or more, or stops encodeAt): none of the identifier's character rules can apply to it.
    if (end - start !== id.length) issues = idCharRules(id, row, m, issues);
    if (end >= 0) at = end;
    else {
      // encodeAt stopped at a character a rule had to see first; idCharRules has seen it.
      let encoded = id;
      try {
        encoded = encodeURIComponent(id);
      } catch {
        issues = pushIssue(issues, makeIssue('value-invalid-unicode', row, idCol));
      }
      out.ensure(encoded.length);
      for (let k = 0; k < encoded.length; k++) out.bytes[start + k] = encoded.charCodeAt(k);
      at = start + encoded.length;
    }
    issues = idShapeRules(id, row, m, ctx.idShape, issues);
  }

  // One scan per value checks and copies it, with the buffer and position in locals for the whole row;
  // `out` is told where the row ends once, at the end.
  const params = m.params;
  const { cache, fixes, readings } = ctx;
  let anyValue = false;
  let b = out.bytes;
  for (let i = 0; i < params.length; i++) {
    const p = params[i]!;
    let v = paramValue(p, cells, offset, count);
    if (v === null) {
      v = paramCell(p, cells, offset, count);
      issues = pushIssue(issues, failureIssue(p, v, row));
    } else if (p.ambiguousDate !== null && p.ambiguousDate(paramCell(p, cells, offset, count))) {
      issues = pushIssue(issues, ambiguityIssue(p, paramCell(p, cells, offset, count), v, row));
    }
    if (at + 1 + v.length * MAX_ENCODED_PER_UNIT > b.length) {
      out.pos = at;
      out.ensure(1 + v.length * MAX_ENCODED_PER_UNIT);
      b = out.bytes;
    }
    b[at++] = 44;
    if (v === '') continue;
    anyValue = true;
    const reading = readings[i] ?? null;
    // encodeAt stops at every character a value rule looks for, so a value it wrote holds none of them:
    // fixValue is told so (it has only its rules about the whole value left) and the bytes stand.
    const end = encodeAt(v, b, at);
    if (end >= 0 && fixValue(v, fixes, reading, true) === null) {
      at = end;
      continue;
    }
    const o = cache ? cache.outcome(i, v, fixes, reading) : encodeValue(v, fixes, reading);
    for (let k = 0; k < o.notes.length; k++) issues = pushIssue(issues, makeIssue(o.notes[k]!.code, row, p.column, o.notes[k]!.detail));
    const e = o.encoded;
    if (e !== null) {
      if (at + e.length > b.length) {
        out.pos = at;
        out.ensure(e.length);
        b = out.bytes;
      }
      if (o.bytes !== undefined) b.set(o.bytes, at);
      else for (let k = 0; k < e.length; k++) b[at + k] = e.charCodeAt(k);
      at += e.length;
    }
  }
  out.pos = at;
  const bytes = at - start;

  let blocked = false;
  if (issues !== null) for (let i = 0; i < issues.length; i++) if (issues[i]!.severity === 'blocking') blocked = true;
  if (!blocked && bytes > ctx.maxRowBytes) {
    issues = pushIssue(issues, makeIssue('row-too-large', row, null, { count: bytes }));
    blocked = true;
  }
  if (!anyValue && id !== '' && !blocked) {
    issues = pushIssue(issues, makeIssue('row-nothing-to-send', row, null));
    return { issues, id, sendable: false, bytes, blocked };
  }
  return { issues: issues ?? NO_ISSUES, id, sendable: !blocked, bytes, blocked };
}

/** The issue for a cell the column's transforms reject: an unreadable date and an unlisted value block; any other step warns. */
function failureIssue(p: CompiledParam, cell: string, row: number): Issue {
  const kind = failureKind(p, cell);
  if (kind === 'date') {
    const step = p.transforms.find((t) => t.kind === 'date');
    const from = step?.kind === 'date' ? step.from : '';
    return makeIssue('value-date-unreadable', row, p.column, { value: cell, other: from, variant: from === 'auto' ? 'several' : 'format' });
  }
  if (kind === 'valueMap') return makeIssue('value-not-listed', row, p.column, { value: cell });
  return makeIssue('value-transform-failed', row, p.column, { value: cell });
}

/** The note for a date that reads as another date with day and month swapped. */
function ambiguityIssue(p: CompiledParam, cell: string, sent: string, row: number): Issue {
  const step = p.transforms.find((t) => t.kind === 'date');
  const variant = step?.kind === 'date' && step.from === 'MM/DD/YYYY' ? 'month-first' : 'day-first';
  return makeIssue('value-date-ambiguous', row, p.column, { value: cell.trim(), other: sent, variant });
}

/** The identifier rules about characters, for an id that is not all plain: `+` and `/` in a thirdPartyId, commas, line breaks, control characters. */
function idCharRules(id: string, row: number, m: CompiledMapping, issues: Issue[] | null): Issue[] | null {
  const idCol = m.idColumn;
  if (m.idKind === 'thirdPartyId') {
    if (id.includes('+') && !SCIENTIFIC.test(id)) issues = pushIssue(issues, makeIssue('id-forbidden-char', row, idCol, { char: '+' }));
    if (id.includes('/')) issues = pushIssue(issues, makeIssue('id-forbidden-char', row, idCol, { char: '/' }));
  }
  if (id.includes(',')) issues = pushIssue(issues, makeIssue('value-comma', row, idCol, { value: id }));
  if (LINE_BREAK.test(id)) issues = pushIssue(issues, makeIssue('value-line-break', row, idCol, { value: id }));
  if (CONTROL.test(id)) issues = pushIssue(issues, makeIssue('value-control-char', row, idCol, { value: id }));
  return issues;
}

/** The identifier rules about its shape, for a non-empty id: length, pcId characters, Excel's damage to numbers, lost leading zeros. */
function idShapeRules(id: string, row: number, m: CompiledMapping, idShape: IdShape | null, issues: Issue[] | null): Issue[] | null {
  const idCol = m.idColumn;
  if (m.idKind === 'thirdPartyId' && id.length > 256) issues = pushIssue(issues, makeIssue('id-too-long', row, idCol, { count: id.length }));
  // Spec §12.5: the profile store keeps 256, but the legacy batch API took at most 128 and some SDKs still do.
  else if (m.idKind === 'thirdPartyId' && id.length > 128) issues = pushIssue(issues, makeIssue('id-long', row, idCol, { count: id.length }));
  if (m.idKind === 'pcId') {
    if (!PCID_CHARS.test(id)) issues = pushIssue(issues, makeIssue('pcid-shape', row, idCol, { value: id }));
    else if (!PCID_TYPICAL.test(id)) issues = pushIssue(issues, makeIssue('pcid-unusual', row, idCol, { value: id }));
  }
  const c0 = id.charCodeAt(0);
  if (c0 >= 48 && c0 <= 57) {
    if (SCIENTIFIC.test(id)) issues = pushIssue(issues, makeIssue('id-scientific', row, idCol, { value: id }));
    else if (LONG_DIGITS.test(id) && /^0+$/.test(id.slice(15))) issues = pushIssue(issues, makeIssue('id-precision-lost', row, idCol, { value: id }));
    else if (DECIMAL_SUFFIX.test(id)) issues = pushIssue(issues, makeIssue('id-decimal-suffix', row, idCol, { value: id }));
    else if (idShape !== null && id.length < idShape.digits && DIGITS.test(id)) {
      issues = pushIssue(issues, makeIssue('id-leading-zeros-lost', row, idCol, { value: id, count: idShape.digits }));
    }
  }
  return issues;
}
