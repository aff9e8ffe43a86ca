import type { IssueParams } from './issue.js';
import type { ValueFix, ValueFixes } from './value-fixes.js';
import { convertNumberComma, numberCommaShape, type NumberReading } from './number-comma.js';

type CellNoteCode =
  | 'value-number-comma'
  | 'value-number-converted'
  | 'value-comma'
  | 'value-comma-fixed'
  | 'value-line-break'
  | 'value-line-break-fixed'
  | 'value-control-char'
  | 'value-replacement-char'
  | 'value-invalid-unicode'
  | 'value-too-long'
  | 'value-too-long-cut';

/** A finding about one value (an issue code and its params), before it is tied to a row and column. */
export type CellNote = { readonly [C in CellNoteCode]: { readonly code: C; readonly detail: IssueParams<C> } }[CellNoteCode];

/** A value's encoding (null when it cannot be encoded) and what was found or fixed on the way. */
export interface CellOutcome {
  readonly encoded: string | null;
  readonly notes: readonly CellNote[];
  /** `encoded` as bytes (it is ASCII), set on outcomes EncodeCache keeps, so a repeat is one copy. */
  readonly bytes?: Uint8Array;
}

function withBytes(o: CellOutcome): CellOutcome {
  const e = o.encoded;
  if (e === null) return o;
  const bytes = new Uint8Array(e.length);
  for (let i = 0; i < e.length; i++) bytes[i] = e.charCodeAt(i);
  return { ...o, bytes };
}

const NO_NOTES: readonly CellNote[] = [];
/**
 * Every character a value rule looks for: a comma, a control character, a line or paragraph separator,
 * U+FFFD. The batch encoder (`encodeAt`) stops at each of them (a test checks every code unit), so a
 * value it writes straight through holds none of them.
 */
// eslint-disable-next-line no-control-regex -- control characters are part of what a value is checked for
export const RULE_CHARS = /[,\x00-\x1f\x7f\u2028\u2029\uFFFD]/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what this rule looks for
const CONTROL = /[\x00-\x09\x0b\x0c\x0e-\x1f\x7f]/;
const LINE_BREAK = /[\r\n\u2028\u2029]/;
const LINE_BREAKS = /\r\n|[\r\n\u2028\u2029]/g;

function applyFix(value: string, pattern: RegExp, fix: ValueFix): string {
  return value.replace(pattern, fix.kind === 'replace' ? fix.with : '');
}

/** The most characters Target keeps in a profile value (spec §12.5); longer ones are warned about or cut. */
export const MAX_VALUE_CHARS = 256;

/** The first 256 characters of a value, never splitting a surrogate pair (then 255). */
export function cutValue(value: string): string {
  if (value.length <= MAX_VALUE_CHARS) return value;
  const last = value.charCodeAt(MAX_VALUE_CHARS - 1);
  return value.slice(0, last >= 0xd800 && last <= 0xdbff ? MAX_VALUE_CHARS - 1 : MAX_VALUE_CHARS);
}

/** A value as it will be sent (after the chosen fixes), and what was found or fixed on the way. */
export interface FixedValue {
  readonly value: string;
  readonly notes: readonly CellNote[];
}

/**
 * Every value rule, for one non-empty value: returns the value as it will be sent and what was found or
 * fixed on the way, or null when it is sent as it is with nothing to note. A number written with a comma
 * is converted by the column's reading (`reading`) or blocked when there is none; a comma in text and a
 * line break are blocked or fixed per `fixes`; control and replacement characters are noted. Pure. The
 * batch (checkRow, for every value it sends) and the Review grid (sentCells) both go through here, so the
 * grid shows exactly the value the batch carries. `clean` says the value holds none of `RULE_CHARS`:
 * checkRow knows it from its encoding scan, other callers let it be tested here.
 */
export function fixValue(value: string, fixes: ValueFixes, reading: NumberReading | null, clean = !RULE_CHARS.test(value)): FixedValue | null {
  // The rules about characters look for one of RULE_CHARS; the length rule sees every value, plain ones
  // included, and looks at the value after the other fixes (stripping commas may bring it under 256).
  if (clean) return value.length > MAX_VALUE_CHARS ? fixLength({ value, notes: NO_NOTES }, value, fixes) : null;
  const fixed = fixRuleChars(value, fixes, reading);
  return fixed.value.length > MAX_VALUE_CHARS ? fixLength(fixed, value, fixes) : fixed;
}

const TAIL = 32;

/**
 * A long value as an issue quotes it: its first 256 characters, `…` and its last 32, so that issues kept
 * for many rows of long notes do not hold every note whole (the cut is the same as the value's own).
 */
export function quoteLong(value: string): string {
  if (value.length <= MAX_VALUE_CHARS + TAIL + 1) return value;
  const from = value.length - TAIL;
  const c = value.charCodeAt(from);
  return `${cutValue(value)}…${value.slice(c >= 0xdc00 && c <= 0xdfff ? from + 1 : from)}`;
}

/** The length rule, for a value (after the other fixes) longer than 256: a warning, or the value cut when `fixes.longValues` says so. */
function fixLength(fixed: FixedValue, original: string, fixes: ValueFixes): FixedValue {
  const detail = { value: quoteLong(original), count: fixed.value.length };
  if (fixes.longValues === 'cut') return { value: cutValue(fixed.value), notes: [...fixed.notes, { code: 'value-too-long-cut', detail }] };
  return { value: fixed.value, notes: [...fixed.notes, { code: 'value-too-long', detail }] };
}

/** The rules about characters of `RULE_CHARS`, for a value that holds at least one. */
function fixRuleChars(value: string, fixes: ValueFixes, reading: NumberReading | null): FixedValue {
  const notes: CellNote[] = [];
  let v = value;
  if (v.includes(',')) {
    const shape = numberCommaShape(v);
    if (shape !== null) {
      const converted = reading === null ? null : convertNumberComma(v, reading);
      if (converted === null || reading === null) notes.push({ code: 'value-number-comma', detail: { value, variant: shape } });
      else {
        notes.push({ code: 'value-number-converted', detail: { value, other: converted, variant: reading } });
        v = converted;
      }
    } else {
      const fix = fixes.comma;
      if (fix.kind === 'block') notes.push({ code: 'value-comma', detail: { value } });
      else {
        notes.push({ code: 'value-comma-fixed', detail: { value, variant: fix.kind === 'strip' ? 'stripped' : 'replaced' } });
        v = applyFix(v, /,/g, fix);
      }
    }
  }
  if (LINE_BREAK.test(v)) {
    const fix = fixes.lineBreak;
    if (fix.kind === 'block') notes.push({ code: 'value-line-break', detail: { value } });
    else {
      notes.push({ code: 'value-line-break-fixed', detail: { value, variant: fix.kind === 'strip' ? 'stripped' : 'replaced' } });
      v = applyFix(v, LINE_BREAKS, fix);
    }
  }
  if (CONTROL.test(v)) notes.push({ code: 'value-control-char', detail: { value } });
  if (v.includes('\uFFFD')) notes.push({ code: 'value-replacement-char', detail: { value } });
  return { value: v, notes };
}

/**
 * Checks and URL-encodes one non-empty value: `fixValue`, then the encoding (a lone surrogate cannot be
 * encoded). Pure; the same value always gives the same outcome, so callers may cache it.
 */
export function encodeValue(value: string, fixes: ValueFixes, reading: NumberReading | null = null): CellOutcome {
  const fixed = fixValue(value, fixes, reading);
  const notes = fixed === null ? NO_NOTES : fixed.notes;
  try {
    return { encoded: encodeURIComponent(fixed === null ? value : fixed.value), notes };
  } catch {
    return { encoded: null, notes: [...notes, { code: 'value-invalid-unicode', detail: {} }] };
  }
}

const MAX_ENTRIES = 16_384;
const PROBE = 4_096;

/**
 * Remembers encoded values per column. Exports repeat a lot (cities, tiers, names), so a lookup saves the
 * scans and the encoder; a column whose values rarely repeat (e-mails, ids) stops caching after a probe.
 */
export class EncodeCache {
  private readonly maps: (Map<string, CellOutcome> | null)[];
  private readonly lookups: number[];
  private readonly hits: number[];

  constructor(columns: number) {
    this.maps = Array.from({ length: columns }, () => new Map<string, CellOutcome>());
    this.lookups = new Array<number>(columns).fill(0);
    this.hits = new Array<number>(columns).fill(0);
  }

  /** Returns the outcome for `value` in column `col` (whose numbers are read by `reading`), computing and remembering it when useful. */
  outcome(col: number, value: string, fixes: ValueFixes, reading: NumberReading | null): CellOutcome {
    const map = this.maps[col];
    if (map === null || map === undefined) return encodeValue(value, fixes, reading);
    const n = ++this.lookups[col]!;
    const hit = map.get(value);
    if (hit !== undefined) {
      this.hits[col]!++;
      return hit;
    }
    let out = encodeValue(value, fixes, reading);
    if (n === PROBE && this.hits[col]! < PROBE / 4) this.maps[col] = null;
    else if (map.size < MAX_ENTRIES) map.set(value, (out = withBytes(out)));
    return out;
  }
}
