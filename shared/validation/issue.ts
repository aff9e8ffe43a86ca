import { z } from 'zod';
import { personalDataKindSchema } from '../privacy/personal-data-kind.js';

/** How much an issue matters: blocking rows are not sent; warnings and info are shown but do not stop a send. */
export type Severity = 'blocking' | 'warning' | 'info';

/** Every issue code the app can raise, with its fixed severity. Codes are stable: scripts and the UI key on them. */
export const ISSUE_SEVERITY = {
  'id-column-missing': 'blocking',
  'mapped-column-missing': 'blocking',
  'no-params': 'blocking',
  'param-name-empty': 'blocking',
  'param-name-reserved': 'blocking',
  'param-name-prefixed': 'blocking',
  'param-name-delimiter': 'blocking',
  'param-duplicate': 'blocking',
  'param-case-collision': 'warning',
  'param-name-target-like': 'warning',
  'param-name-chars': 'warning',
  'param-name-too-long': 'warning',
  'pcid-v2-caveat': 'warning',
  'id-missing': 'blocking',
  'id-forbidden-char': 'blocking',
  'id-too-long': 'blocking',
  'id-long': 'warning',
  'pcid-shape': 'blocking',
  'pcid-unusual': 'warning',
  'id-scientific': 'blocking',
  'id-precision-lost': 'warning',
  'id-decimal-suffix': 'warning',
  'id-leading-zeros-lost': 'warning',
  'duplicate-id': 'blocking',
  'duplicate-id-resolved': 'info',
  'value-comma': 'blocking',
  'value-comma-fixed': 'info',
  'value-number-comma': 'blocking',
  'value-number-converted': 'info',
  'value-line-break': 'blocking',
  'value-line-break-fixed': 'info',
  'value-control-char': 'warning',
  'value-invalid-unicode': 'blocking',
  'value-replacement-char': 'warning',
  'value-transform-failed': 'warning',
  'value-date-unreadable': 'blocking',
  'value-date-ambiguous': 'info',
  'value-not-listed': 'blocking',
  'value-too-long': 'warning',
  'value-too-long-cut': 'info',
  'row-too-large': 'blocking',
  'row-nothing-to-send': 'warning',
  'reader-unclosed-quote': 'blocking',
  'reader-malformed-quotes': 'warning',
  'reader-extra-cells': 'warning',
  'reader-missing-cells': 'info',
  'reader-nul-stripped': 'warning',
  'reader-mixed-line-endings': 'info',
  'reader-decoding-errors': 'warning',
  'header-duplicate': 'warning',
  'header-empty': 'info',
  'personal-data-held-back': 'info',
  'id-personal-data': 'blocking',
  'value-personal-data': 'warning',
} as const satisfies Record<string, Severity>;

export type IssueCode = keyof typeof ISSUE_SEVERITY;

const value = z.string();
const int = z.number().int();
const valueOnly = z.object({ value });
const none = z.object({});
const fixed = z.object({ value, variant: z.enum(['stripped', 'replaced']) });

/**
 * The params each issue code quotes, typed: `value` is the value or name at fault, `other` a second
 * one (the prefixed name, the other column, the value as sent), `otherRow` the row it repeats, `count`
 * a length, size or position, `variant` which of several sentences. The renderer's and the CLI's words
 * for issues are typed against this table (renderer/i18n/<language>/issues.ts, electron/messages/issue-words.ts).
 */
export const ISSUE_PARAMS = {
  'id-column-missing': valueOnly,
  'mapped-column-missing': valueOnly,
  'no-params': none,
  'param-name-empty': none,
  'param-name-reserved': valueOnly,
  'param-name-prefixed': z.object({ value, other: value }),
  'param-name-delimiter': valueOnly,
  'param-duplicate': z.object({ value, other: value }),
  'param-case-collision': z.object({ value, other: value, variant: z.enum(['case', 'spacing']) }),
  'param-name-target-like': z.object({ value, other: value }),
  'param-name-chars': valueOnly,
  'param-name-too-long': valueOnly,
  'pcid-v2-caveat': none,
  'id-missing': none,
  'id-forbidden-char': z.object({ char: value }),
  'id-too-long': z.object({ count: int }),
  'id-long': z.object({ count: int }),
  'pcid-shape': valueOnly,
  'pcid-unusual': valueOnly,
  'id-scientific': valueOnly,
  'id-precision-lost': valueOnly,
  'id-decimal-suffix': valueOnly,
  'id-leading-zeros-lost': z.object({ value, count: int }),
  'duplicate-id': z.object({ value, otherRow: int }),
  'duplicate-id-resolved': z.object({ value, otherRow: int, variant: z.enum(['first-wins', 'last-wins', 'merge']) }),
  'value-comma': valueOnly,
  'value-comma-fixed': fixed,
  'value-number-comma': z.object({ value, variant: z.enum(['decimal', 'thousands', 'ambiguous']) }),
  'value-number-converted': z.object({ value, other: value, variant: z.enum(['decimal', 'thousands']) }),
  'value-line-break': valueOnly,
  'value-line-break-fixed': fixed,
  'value-control-char': valueOnly,
  'value-invalid-unicode': none,
  'value-replacement-char': valueOnly,
  'value-transform-failed': valueOnly,
  /** `value`: the cell; `other`: the source format the column's date step reads; `variant`: `several` for an older template's `auto`. */
  'value-date-unreadable': z.object({ value, other: value, variant: z.enum(['format', 'several']) }),
  /** `value`: the cell; `other`: the date as sent; `variant`: how the column's format reads it. */
  'value-date-ambiguous': z.object({ value, other: value, variant: z.enum(['day-first', 'month-first']) }),
  'value-not-listed': valueOnly,
  'value-too-long': z.object({ value, count: int }),
  'value-too-long-cut': z.object({ value, count: int }),
  'row-too-large': z.object({ count: int }),
  'row-nothing-to-send': none,
  'reader-unclosed-quote': none,
  'reader-malformed-quotes': none,
  'reader-extra-cells': none,
  'reader-missing-cells': none,
  'reader-nul-stripped': none,
  'reader-mixed-line-endings': none,
  'reader-decoding-errors': valueOnly,
  'header-duplicate': z.object({ value, count: int }),
  'header-empty': z.object({ value, count: int }),
  /** `value`: the column the guard leaves out; `variant`: the kind of personal data in it. */
  'personal-data-held-back': z.object({ value, variant: personalDataKindSchema }),
  'id-personal-data': z.object({ value, variant: personalDataKindSchema }),
  /** `value`: the personal-data-shaped part of the cell, masked (maskValue). */
  'value-personal-data': z.object({ value, variant: z.enum(['email', 'phone', 'rrn', 'card-number', 'ip-address']) }),
} as const satisfies Record<IssueCode, z.ZodType<IssueParamBag>>;

/** The params of issue code `C`. */
export type IssueParams<C extends IssueCode> = z.infer<(typeof ISSUE_PARAMS)[C]>;
/** The sentences an issue code chooses between (`never` for a code with one sentence). */
export type IssueVariant<C extends IssueCode> = IssueParams<C> extends { readonly variant: infer V extends string } ? V : never;

/** Every param any issue quotes, as readers see them without knowing the code. */
export interface IssueParamBag {
  readonly value?: string;
  readonly char?: string;
  readonly other?: string;
  readonly otherRow?: number;
  readonly count?: number;
  readonly variant?: string;
}

/**
 * One problem found in the file, a row or a cell: a stable code and the params its words quote (the
 * renderer and the CLI put it into words). `row` is 1-based (first data row = 1), null for the whole file.
 */
export interface Issue {
  readonly code: IssueCode;
  readonly severity: Severity;
  readonly row: number | null;
  readonly column: string | null;
  readonly params: IssueParamBag;
}

/** The params argument of makeIssue: optional for a code that quotes nothing. */
type IssueParamsArg<C extends IssueCode> = Record<string, never> extends IssueParams<C> ? [params?: IssueParams<C>] : [params: IssueParams<C>];

/** Builds an issue with its code's fixed severity; the params are checked against the code at compile time. */
export function makeIssue<C extends IssueCode>(code: C, row: number | null, column: string | null, ...[params]: IssueParamsArg<C>): Issue {
  return { code, severity: ISSUE_SEVERITY[code], row, column, params: params ?? {} };
}
