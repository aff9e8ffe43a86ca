import type { Issue, IssueCode } from './issue.js';
import { makeIssue } from './messages.js';

const NOTE_CODES: Readonly<Record<string, IssueCode>> = {
  'unclosed-quote': 'reader-unclosed-quote',
  'malformed-quotes': 'reader-malformed-quotes',
  'extra-cells': 'reader-extra-cells',
  'missing-cells': 'reader-missing-cells',
  'nul-stripped': 'reader-nul-stripped',
  'mixed-line-endings': 'reader-mixed-line-endings',
  'decoding-errors': 'reader-decoding-errors',
  'duplicate-header': 'header-duplicate',
  'empty-header': 'header-empty',
};

/** Turns a reader's note (row 0 = whole file) into an issue; unknown note codes become a generic malformed-row warning. */
export function readerNoteIssue(code: string, row: number, detail: { readonly value?: string; readonly count?: number } = {}): Issue {
  const issueCode = NOTE_CODES[code] ?? 'reader-malformed-quotes';
  return makeIssue(issueCode, row > 0 ? row : null, null, detail);
}

/** Turns a header note (0-based column) into a file-level issue naming the column. */
export function headerNoteIssue(code: string, column: number, header: string): Issue {
  const issueCode = NOTE_CODES[code] ?? 'header-duplicate';
  return makeIssue(issueCode, null, header === '' ? null : header, { value: header, count: column + 1 });
}
