import type { IssueTexts } from '../messages.js';

/**
 * English words for every issue code (shared/validation/issue.ts), one sentence per variant where the
 * code has them. Params interpolate by name; string values arrive cut at 40 characters.
 */
const codes = {
  'id-column-missing': 'the identifier column `{{value}}` is not in the file',
  'mapped-column-missing': 'the mapped column `{{value}}` is not in the file',
  'no-params': 'no column is mapped to a profile parameter, so there is nothing to send',
  'param-name-empty': 'the parameter name is empty',
  'param-name-reserved': '`{{value}}` is reserved for the identifier and cannot be a parameter name',
  'param-name-prefixed': 'write the parameter name bare: `{{value}}` instead of `{{other}}`',
  'param-name-delimiter': 'the parameter name `{{value}}` holds a comma or a line break, which would break the batch file',
  'param-duplicate': 'the parameter name `{{value}}` is used by more than one column (also `{{other}}`)',
  'param-case-collision': {
    case: '`{{value}}` and `{{other}}` differ only in case; Target keeps them as two different parameters',
    spacing: '`{{value}}` and `{{other}}` differ only in case or spacing; Target keeps them as two different parameters',
  },
  'param-name-target-like': '`{{value}}` starts with `{{other}}` like names Target uses itself; audiences may confuse them, so choose another name',
  'param-name-chars': 'the parameter name `{{value}}` has characters other than letters, digits, `_`, `-` and `.`; it will be sent URL-encoded',
  'param-name-too-long': 'the parameter name `{{value}}` is longer than 128 characters',
  'pcid-v2-caveat': 'pcId batches should use the v1 API when your site uses ECID; v2 with pcId is only for Target set-ups without ECID',
  'id-missing': 'the identifier is empty',
  'id-forbidden-char': '`{{char}}` is not allowed in an mbox3rdPartyId',
  'id-too-long': 'the identifier is {{count, number}} characters long; an mbox3rdPartyId may have at most 256',
  'id-long': 'the identifier is {{count, number}} characters long; some Target SDKs and older APIs accept at most 128',
  'pcid-shape': '`{{value}}` is not a pcId: only letters, digits, `.`, `_` and `-` can appear in one',
  'pcid-unusual': '`{{value}}` does not look like a Target pcId (for example `1514187733806-729395.17_57`)',
  'id-scientific': '`{{value}}` looks like a number Excel turned into scientific notation; the real identifier is lost',
  'id-precision-lost': '`{{value}}` ends in zeros past the 15th digit, as Excel does when it rounds long numbers',
  'id-decimal-suffix': '`{{value}}` ends in `.0`, as when a spreadsheet stored the identifier as a number',
  'id-leading-zeros-lost': '`{{value}}` is shorter than the other identifiers ({{count, number}} digits); leading zeros may have been lost',
  'duplicate-id': 'the identifier `{{value}}` already appears in row {{otherRow, number}}',
  'duplicate-id-resolved': {
    'first-wins': 'the identifier `{{value}}` also appears in row {{otherRow, number}}; kept the first row',
    'last-wins': 'the identifier `{{value}}` also appears in row {{otherRow, number}}; kept the last row',
    merge: 'the identifier `{{value}}` also appears in row {{otherRow, number}}; merged the non-empty values',
  },
  'value-comma': '`{{value}}` holds a comma, which Target would read as a new column even when encoded; replace or strip it',
  'value-comma-fixed': { stripped: 'a comma in `{{value}}` was stripped', replaced: 'a comma in `{{value}}` was replaced' },
  'value-number-comma': {
    thousands: '`{{value}}` is a number written with a comma; choose how to read it (the commas separate thousands) before it is sent',
    decimal: '`{{value}}` is a number written with a comma; choose how to read it (the comma is the decimal point) before it is sent',
    ambiguous: '`{{value}}` is a number written with a comma; choose how to read it (decimal comma or thousands separator) before it is sent',
  },
  'value-number-converted': { decimal: '`{{value}}` is sent as `{{other}}`', thousands: '`{{value}}` is sent as `{{other}}`' },
  'value-line-break': '`{{value}}` holds a line break, which Target would read as a new row even when encoded; replace or strip it',
  'value-line-break-fixed': { stripped: 'a line break in `{{value}}` was stripped', replaced: 'a line break in `{{value}}` was replaced' },
  'value-control-char': '`{{value}}` holds an invisible control character; it will be sent URL-encoded',
  'value-invalid-unicode': 'the value holds a broken Unicode character that cannot be URL-encoded',
  'value-replacement-char': '`{{value}}` holds `�`: the file’s text encoding may be wrong',
  'value-transform-failed': '`{{value}}` could not be converted (check the column transforms); it is sent unchanged',
  'value-too-long': '`{{value}}` is {{count, number}} characters long; Target keeps at most 256, so the end may be lost. Cut it to 256 to send exactly what Target keeps',
  'value-too-long-cut': '`{{value}}` was {{count, number}} characters long; its first 256 are sent',
  'row-too-large': 'the row is {{count, number}} bytes once encoded; Target keeps at most 64 KB per profile',
  'row-nothing-to-send': 'every mapped value is empty, so the row would change nothing and is left out',
  'reader-unclosed-quote': 'a quote opened here is never closed, so the rest of the file was read into this row',
  'reader-malformed-quotes': 'a quote stands where CSV does not allow one; check the cells of this row',
  'reader-extra-cells': 'the row has more cells than the header; the extra cells are not sent',
  'reader-missing-cells': 'the row has fewer cells than the header; the missing cells are treated as empty',
  'reader-nul-stripped': 'NUL characters were removed from the row',
  'reader-mixed-line-endings': 'the file mixes line-end styles (CRLF, LF, CR); all were read as line ends',
  'reader-decoding-errors': 'some bytes are not valid in the file’s text encoding ({{value}}) and were replaced by `�`; choose another encoding if text looks wrong',
  'header-duplicate': 'the header `{{value}}` appears more than once; only the first column of that name can be mapped',
  'header-empty': 'column {{count, number}} has no header, so it is not sent',
} as const satisfies IssueTexts;

/** English words of Review's problems: where (row and column) and what. */
export const issues = {
  at: {
    rowColumn: 'Row {{row, number}}, column `{{column}}`: {{text}}',
    row: 'Row {{row, number}}: {{text}}',
    column: 'Column `{{column}}`: {{text}}',
    none: '{{text}}',
  },
  codes,
} as const;
