import type { CompiledMapping, CompiledParam } from '../domain/compile-mapping.js';
import { isAlreadyEncoded } from '../batch/url-encode.js';
import { encodeAt, MAX_ENCODED_PER_UNIT, type LineBytes } from '../batch/line-bytes.js';
import type { Issue } from './issue.js';
import { makeIssue } from './issue.js';
import type { IdShape } from './id-shape.js';
import { readingFor, type ValueFixes } from './value-fixes.js';
import { encodeValue, type EncodeCache } from './encode-value.js';
import type { NumberReading } from './number-comma.js';

/** Reused for every row's cells; checkRow never re-enters itself. */
const scratch: string[] = [];

/** Everything a row check needs besides the row. */
export interface RowCheckContext {
  readonly mapping: CompiledMapping;
  readonly fixes: ValueFixes;
  /** How each parameter's numbers written with a comma are read (by `mapping.params` index); see `numberReadingsOf`. */
  readonly readings: readonly (NumberReading | null)[];
  readonly idShape: IdShape | null;
  /** A row whose encoded line is longer than this is blocked (Target keeps 64 KB per profile). */
  readonly maxRowBytes: number;
  /** Optional per-run cache of encoded values (the worker passes one; the UI need not). */
  readonly cache?: EncodeCache;
}

/** The outcome for one row: its issues, the identifier as sent, and its encoded batch line (null when it is not sent). */
export interface RowCheck {
  readonly issues: readonly Issue[];
  readonly id: string;
  /** The encoded line; null when the row is not sendable or was written into `out`. */
  readonly line: string | null;
  /** True when the row goes into a batch (no blocking issue, something to send). */
  readonly sendable: boolean;
  /** Bytes of the encoded line (written or not). */
  readonly bytes: number;
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

/** The cell parameter `p` reads in this row ('' past the end of a short row). */
function cellOf(p: CompiledParam, cells: readonly string[], offset: number, count: number): string {
  return p.index < count ? (cells[offset + p.index] ?? '') : '';
}

/** What parameter `p` sends for this row: its constant, or its cell after the column's transforms; null when a transform rejects the cell. */
function paramValue(p: CompiledParam, cells: readonly string[], offset: number, count: number): string | null {
  if (p.constant !== null) return p.constant;
  const v = cellOf(p, cells, offset, count);
  return p.transform === null ? v : p.transform(v);
}

function pushIssue(list: Issue[] | null, issue: Issue): Issue[] {
  if (list === null) return [issue];
  list.push(issue);
  return list;
}

/**
 * Checks one row against every per-row rule and encodes it as a batch line in the same pass. Pure; the
 * worker runs it on every row and the UI on visible rows, so both see the same issues. Never throws.
 * The row's cells are `cells[offset] … cells[offset + count - 1]`. With `out`, the encoded line is written
 * into `out` (from `out.pos`; the caller rewinds it for a row that is not sendable) and `line` stays null.
 */
export function checkRow(cells: readonly string[], row: number, ctx: RowCheckContext, offset = 0, count = cells.length - offset, out?: LineBytes): RowCheck {
  const m = ctx.mapping;
  let issues: Issue[] | null = null;

  let id = m.idIndex < count ? (cells[offset + m.idIndex] ?? '') : '';
  if (m.idTransform !== null) id = m.idTransform(id) ?? id;
  const idCol = m.idColumn;
  let encodedId = id;
  // With `out`, the id is encoded into place first: when it comes out as long as it went in, every
  // character was plain (anything else takes three bytes or more), and no id rule can apply.
  let idEnd = -1;
  if (out !== undefined && id !== '') {
    out.ensure(id.length * MAX_ENCODED_PER_UNIT);
    idEnd = encodeAt(id, out.bytes, out.pos);
  }
  const plainId = out !== undefined ? idEnd - out.pos === id.length : isAlreadyEncoded(id);
  if (id === '') {
    issues = pushIssue(issues, makeIssue('id-missing', row, idCol));
  } else if (!plainId) {
    // Only ids outside the plain set can hold `+`, `/`, commas, breaks or broken characters.
    if (m.idKind === 'thirdPartyId') {
      if (id.includes('+') && !SCIENTIFIC.test(id)) issues = pushIssue(issues, makeIssue('id-forbidden-char', row, idCol, { char: '+' }));
      if (id.includes('/')) issues = pushIssue(issues, makeIssue('id-forbidden-char', row, idCol, { char: '/' }));
    }
    if (id.includes(',')) issues = pushIssue(issues, makeIssue('value-comma', row, idCol, { value: id }));
    if (LINE_BREAK.test(id)) issues = pushIssue(issues, makeIssue('value-line-break', row, idCol, { value: id }));
    if (CONTROL.test(id)) issues = pushIssue(issues, makeIssue('value-control-char', row, idCol, { value: id }));
    if (idEnd < 0) {
      try {
        encodedId = encodeURIComponent(id);
      } catch {
        issues = pushIssue(issues, makeIssue('value-invalid-unicode', row, idCol));
      }
    }
  }
  if (id !== '') {
    if (m.idKind === 'thirdPartyId' && id.length > 256) issues = pushIssue(issues, makeIssue('id-too-long', row, idCol, { count: id.length }));
    if (m.idKind === 'pcId') {
      if (!PCID_CHARS.test(id)) issues = pushIssue(issues, makeIssue('pcid-shape', row, idCol, { value: id }));
      else if (!PCID_TYPICAL.test(id)) issues = pushIssue(issues, makeIssue('pcid-unusual', row, idCol, { value: id }));
    }
    const c0 = id.charCodeAt(0);
    if (c0 >= 48 && c0 <= 57) {
      if (SCIENTIFIC.test(id)) issues = pushIssue(issues, makeIssue('id-scientific', row, idCol, { value: id }));
      else if (LONG_DIGITS.test(id) && /^0+$/.test(id.slice(15))) issues = pushIssue(issues, makeIssue('id-precision-lost', row, idCol, { value: id }));
      else if (DECIMAL_SUFFIX.test(id)) issues = pushIssue(issues, makeIssue('id-decimal-suffix', row, idCol, { value: id }));
      else if (ctx.idShape !== null && id.length < ctx.idShape.digits && DIGITS.test(id)) {
        issues = pushIssue(issues, makeIssue('id-leading-zeros-lost', row, idCol, { value: id, count: ctx.idShape.digits }));
      }
    }
  }

  const params = m.params;
  const cache = ctx.cache;
  let anyValue = false;
  let line: string | null = null;
  let bytes: number;
  if (out !== undefined) {
    // Straight into the batch bytes: one pass per cell checks it and copies it. The buffer and position
    // stay in locals for the whole row; `out` is told where the row ends once, at the end.
    const start = out.pos;
    let at = idEnd;
    if (idEnd < 0) {
      // Empty, or a character a rule had to see first: write what the rules made of it.
      out.ensure(encodedId.length);
      for (let k = 0; k < encodedId.length; k++) out.bytes[start + k] = encodedId.charCodeAt(k);
      at = start + encodedId.length;
    }
    let b = out.bytes;
    for (let i = 0; i < params.length; i++) {
      const p = params[i]!;
      let v = paramValue(p, cells, offset, count);
      if (v === null) {
        v = cellOf(p, cells, offset, count);
        issues = pushIssue(issues, makeIssue('value-transform-failed', row, p.column, { value: v }));
      }
      if (at + 1 + v.length * MAX_ENCODED_PER_UNIT > b.length) {
        out.pos = at;
        out.ensure(1 + v.length * MAX_ENCODED_PER_UNIT);
        b = out.bytes;
      }
      b[at++] = 44;
      if (v === '') continue;
      anyValue = true;
      const end = encodeAt(v, b, at);
      if (end >= 0) {
        at = end;
        continue;
      }
      const o = cache ? cache.outcome(i, v, ctx.fixes, ctx.readings[i] ?? null) : encodeValue(v, ctx.fixes, ctx.readings[i] ?? null);
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
    bytes = at - start;
  } else {
    const parts = scratch;
    parts.length = params.length + 1;
    parts[0] = encodedId;
    for (let i = 0; i < params.length; i++) {
      const p = params[i]!;
      let v = paramValue(p, cells, offset, count);
      if (v === null) {
        v = cellOf(p, cells, offset, count);
        issues = pushIssue(issues, makeIssue('value-transform-failed', row, p.column, { value: v }));
      }
      if (v === '' || isAlreadyEncoded(v)) {
        parts[i + 1] = v;
        if (v !== '') anyValue = true;
        continue;
      }
      anyValue = true;
      const o = cache ? cache.outcome(i, v, ctx.fixes, ctx.readings[i] ?? null) : encodeValue(v, ctx.fixes, ctx.readings[i] ?? null);
      for (let k = 0; k < o.notes.length; k++) issues = pushIssue(issues, makeIssue(o.notes[k]!.code, row, p.column, o.notes[k]!.detail));
      parts[i + 1] = o.encoded ?? '';
    }
    line = parts.join(',');
    bytes = line.length;
  }
  let blocked = false;
  if (issues !== null) for (let i = 0; i < issues.length; i++) if (issues[i]!.severity === 'blocking') blocked = true;
  if (!blocked && bytes > ctx.maxRowBytes) {
    issues = pushIssue(issues, makeIssue('row-too-large', row, null, { count: bytes }));
    blocked = true;
  }
  if (!anyValue && id !== '' && !blocked) {
    issues = pushIssue(issues, makeIssue('row-nothing-to-send', row, null));
    return { issues: issues ?? NO_ISSUES, id, line: null, sendable: false, bytes, blocked };
  }
  return { issues: issues ?? NO_ISSUES, id, line: blocked ? null : line, sendable: !blocked, bytes, blocked };
}
