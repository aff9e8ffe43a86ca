import type { ColumnTransform, MappingSpec } from '../domain/mapping-spec.js';
import { findEmail, findIpAddress } from './email-ip.js';
import { headerKind } from './header-words.js';
import { neverSendable, type PersonalDataColumn, type PersonalDataKind, type PersonalValueKind } from './personal-data-kind.js';
import { scanValue } from './scan-value.js';

/** How many data rows from the top of a file the column guard reads (the Map step and prepare read the same ones). */
export const GUARD_SAMPLE_ROWS = 200;

/** A column the guard found personal data in, before any choice about sending it. */
export interface ColumnDetection {
  readonly column: string;
  readonly kind: PersonalDataKind;
  readonly evidence: 'header' | 'values';
}

// A header that names a kind the values can confirm is overruled by values that plainly are not of it
// (an "email opt-in" column holding Y/N is not e-mail addresses): some values, and none fitting.
const OVERRULE_MIN_VALUES = 1;
// A column without such a header is personal data when at least half its values (and two or more) are.
const VALUE_SHARE = 0.5;

function digitCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

function couldBe(kind: PersonalDataKind, v: string): boolean {
  switch (kind) {
    case 'email':
      return findEmail(v) !== null;
    case 'phone':
      return digitCount(v) >= 7;
    case 'ip-address':
      return findIpAddress(v) !== null;
    case 'card-number':
      return digitCount(v) >= 12;
    default:
      return true;
  }
}

/**
 * Finds the columns holding directly identifying data: by header words first (English, Korean, Japanese),
 * then, for the other columns, by their values in `sample` (rows of cells in header order; the first
 * GUARD_SAMPLE_ROWS rows are read). Columns without a header, and repeats of a header, are skipped.
 */
export function detectPersonalColumns(headers: readonly string[], sample: readonly (readonly string[])[]): ColumnDetection[] {
  const rows = sample.slice(0, GUARD_SAMPLE_ROWS);
  const seen = new Set<string>();
  const found: ColumnDetection[] = [];
  headers.forEach((column, i) => {
    if (column.trim() === '' || seen.has(column)) return;
    seen.add(column);
    const values: string[] = [];
    for (const r of rows) {
      const v = (r[i] ?? '').trim();
      if (v !== '') values.push(v);
    }
    const byHeader = headerKind(column);
    if (byHeader !== null) {
      if (values.length >= OVERRULE_MIN_VALUES && !values.some((v) => couldBe(byHeader, v))) return;
      found.push({ column, kind: byHeader, evidence: 'header' });
      return;
    }
    const counts = new Map<PersonalValueKind, number>();
    for (const v of values) {
      const hit = scanValue(v);
      if (hit !== null) counts.set(hit.kind, (counts.get(hit.kind) ?? 0) + 1);
    }
    let best: PersonalValueKind | null = null;
    let bestCount = 0;
    for (const [kind, n] of counts) {
      if (n > bestCount) [best, bestCount] = [kind, n];
    }
    if (best !== null && bestCount >= 2 && bestCount >= values.length * VALUE_SHARE) found.push({ column, kind: best, evidence: 'values' });
  });
  return found;
}

/** True when a transform chain ends the value as a hash (a pseudonymous value, no longer directly identifying). */
export function hashesValues(transforms: readonly ColumnTransform[]): boolean {
  return transforms.some((t) => t.kind === 'hash');
}

/** What the guard decides for one mapping: each detected column's fate, what to leave out, what to refuse. */
export interface GuardPlan {
  /** Every detected column, `rows` still 0 (prepare counts them). */
  readonly columns: readonly PersonalDataColumn[];
  /** Mapped columns the guard leaves out (detected, neither allowed nor hashed, or never sendable). */
  readonly holdBack: readonly string[];
  /** The identifier column when it is personal data that is neither hashed nor allowed: nothing can be sent. */
  readonly idHeldBack: ColumnDetection | null;
  /** A never-sendable column (a resident registration number) the mapping asks to send anyway. */
  readonly refused: ColumnDetection | null;
}

/**
 * Decides, for the detections of one file and a mapping, which personal-data columns are sent: only a
 * column the mapping sends through the hash transform or names in `allowPersonalData`; a resident
 * registration number never (naming it in `allowPersonalData`, or making it the identifier, is `refused`).
 */
export function planGuard(detections: readonly ColumnDetection[], mapping: MappingSpec): GuardPlan {
  const allowed = new Set(mapping.allowPersonalData);
  const ignored = new Set(mapping.ignored);
  const mapped = new Map(mapping.columns.filter((c) => !ignored.has(c.column)).map((c) => [c.column, c.transforms] as const));
  const columns: PersonalDataColumn[] = [];
  const holdBack: string[] = [];
  let idHeldBack: ColumnDetection | null = null;
  let refused: ColumnDetection | null = null;
  for (const d of detections) {
    const isId = d.column === mapping.idColumn;
    const transforms = isId ? mapping.idTransforms : mapped.get(d.column);
    let sent = false;
    if (neverSendable(d.kind)) {
      if (allowed.has(d.column) || isId) refused ??= d;
    } else if (transforms !== undefined) sent = hashesValues(transforms) || allowed.has(d.column);
    if (!sent && isId) idHeldBack ??= d;
    else if (!sent && mapped.has(d.column)) holdBack.push(d.column);
    columns.push({ ...d, rows: 0, sent });
  }
  return { columns, holdBack, idHeldBack, refused };
}

/** The mapping prepare really sends with: `mapping` with the held-back columns added to `ignored`. */
export function guardedMapping(mapping: MappingSpec, plan: GuardPlan): MappingSpec {
  if (plan.holdBack.length === 0) return mapping;
  return { ...mapping, ignored: [...mapping.ignored, ...plan.holdBack.filter((c) => !mapping.ignored.includes(c))] };
}
