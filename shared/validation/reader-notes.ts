import type { Issue, IssueCode } from './issue.js';
import { makeIssue } from './issue.js';

type ReaderIssueCode = Extract<IssueCode, `reader-${string}`>;
type HeaderIssueCode = Extract<IssueCode, `header-${string}`>;

const READER_CODES: Readonly<Record<string, ReaderIssueCode>> = {
  'unclosed-quote': 'reader-unclosed-quote',
  'malformed-quotes': 'reader-malformed-quotes',
  'extra-cells': 'reader-extra-cells',
  'missing-cells': 'reader-missing-cells',
  'nul-stripped': 'reader-nul-stripped',
  'mixed-line-endings': 'reader-mixed-line-endings',
  'decoding-errors': 'reader-decoding-errors',
};
const HEADER_CODES: Readonly<Record<string, HeaderIssueCode>> = {
  'duplicate-header': 'header-duplicate',
  'empty-header': 'header-empty',
};

/**
 * Turns a reader's note (row 0 = whole file) into an issue; unknown note codes become a generic
 * malformed-row warning. `detail.value` (the file's encoding) is quoted by decoding errors.
 */
export function readerNoteIssue(code: string, row: number, detail: { readonly value?: string } = {}): Issue {
  const issueCode = READER_CODES[code] ?? 'reader-malformed-quotes';
  const at = row > 0 ? row : null;
  return issueCode === 'reader-decoding-errors' ? makeIssue(issueCode, at, null, { value: detail.value ?? '' }) : makeIssue(issueCode, at, null);
}

/** Turns a header note (0-based column) into a file-level issue naming the column. */
export function headerNoteIssue(code: string, column: number, header: string): Issue {
  return makeIssue(HEADER_CODES[code] ?? 'header-duplicate', null, header === '' ? null : header, { value: header, count: column + 1 });
}
