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
  'param-name-chars': 'warning',
  'param-name-too-long': 'warning',
  'pcid-v2-caveat': 'warning',
  'id-missing': 'blocking',
  'id-forbidden-char': 'blocking',
  'id-too-long': 'blocking',
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
} as const satisfies Record<string, Severity>;

export type IssueCode = keyof typeof ISSUE_SEVERITY;

/** A message in each language the UI speaks; the CLI prints `en`. */
export interface LocalizedText {
  readonly en: string;
  readonly ko: string;
}

/** One problem found in the file, a row or a cell. `row` is 1-based (first data row = 1), null for the whole file. */
export interface Issue {
  readonly code: IssueCode;
  readonly severity: Severity;
  readonly row: number | null;
  readonly column: string | null;
  readonly message: LocalizedText;
}

/** Returns true when the code's severity is blocking. */
export function isBlocking(code: IssueCode): boolean {
  return ISSUE_SEVERITY[code] === 'blocking';
}
