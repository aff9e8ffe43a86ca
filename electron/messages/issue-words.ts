// The CLI's English words for every issue code (shared/validation/issue.ts), typed against the code's
// params: an issue code without words here does not build. Also used for the reasons column of
// rejected-rows.csv, a report with no UI language.
import type { Issue, IssueCode, IssueParams } from '../../shared/validation/issue.js';

type IssueWords = { readonly [C in IssueCode]: (p: IssueParams<C>) => string };

/** A value as issue words quote it: in backticks, cut at 40 characters. */
const q = (s: string | undefined): string => {
  const v = s ?? '';
  return `\`${v.length > 40 ? `${v.slice(0, 40)}…` : v}\``;
};
const n = (x: number): string => x.toLocaleString('en-US');
const fixedHow = { stripped: 'stripped', replaced: 'replaced' } as const;
const readings = { thousands: 'the commas separate thousands', decimal: 'the comma is the decimal point', ambiguous: 'decimal comma or thousands separator' } as const;
const kept = { 'first-wins': 'kept the first row', 'last-wins': 'kept the last row', merge: 'merged the non-empty values' } as const;

/** What each kind of personal data is called in the CLI's words (plural nouns). */
export const personalKindWords = {
  name: 'names',
  email: 'e-mail addresses',
  phone: 'phone numbers',
  address: 'postal addresses',
  'birth-date': 'birth dates',
  rrn: 'resident registration numbers',
  'national-id': 'national id numbers',
  passport: 'passport numbers',
  'card-number': 'payment card numbers',
  'ip-address': 'IP addresses',
} as const;
const personalValue = { email: 'an e-mail address', phone: 'a phone number', rrn: 'a resident registration number', 'card-number': 'a payment card number', 'ip-address': 'an IP address' } as const;

export const issueWords: IssueWords = {
  'id-column-missing': (p) => `the identifier column ${q(p.value)} is not in the file`,
  'mapped-column-missing': (p) => `the mapped column ${q(p.value)} is not in the file`,
  'no-params': () => 'no column is mapped to a profile parameter, so there is nothing to send',
  'param-name-empty': () => 'the parameter name is empty',
  'param-name-reserved': (p) => `${q(p.value)} is reserved for the identifier and cannot be a parameter name`,
  'param-name-prefixed': (p) => `write the parameter name bare: ${q(p.value)} instead of ${q(p.other)}`,
  'param-name-delimiter': (p) => `the parameter name ${q(p.value)} holds a comma or a line break, which would break the batch file`,
  'param-duplicate': (p) => `the parameter name ${q(p.value)} is used by more than one column (also ${q(p.other)})`,
  'param-case-collision': (p) =>
    p.variant === 'case'
      ? `${q(p.value)} and ${q(p.other)} differ only in case; Target keeps them as two different parameters`
      : `${q(p.value)} and ${q(p.other)} differ only in case or spacing; Target keeps them as two different parameters`,
  'param-name-target-like': (p) => `${q(p.value)} starts with ${q(p.other)} like names Target uses itself; audiences may confuse them, choose another name`,
  'param-name-chars': (p) => `the parameter name ${q(p.value)} has characters other than letters, digits, \`_\`, \`-\` and \`.\`; it will be sent URL-encoded`,
  'param-name-too-long': (p) => `the parameter name ${q(p.value)} is longer than 128 characters`,
  'pcid-v2-caveat': () => 'pcId batches should use the v1 API when your site uses ECID; v2 with pcId is only for Target set-ups without ECID',
  'id-missing': () => 'the identifier is empty',
  'id-forbidden-char': (p) => `${q(p.char)} is not allowed in an mbox3rdPartyId`,
  'id-too-long': (p) => `the identifier is ${n(p.count)} characters long; an mbox3rdPartyId may have at most 256`,
  'id-long': (p) => `the identifier is ${n(p.count)} characters long; some Target SDKs and older APIs accept at most 128`,
  'pcid-shape': (p) => `${q(p.value)} is not a pcId: only letters, digits, \`.\`, \`_\` and \`-\` can appear in one`,
  'pcid-unusual': (p) => `${q(p.value)} does not look like a Target pcId (for example \`1514187733806-729395.17_57\`)`,
  'id-scientific': (p) => `${q(p.value)} looks like a number Excel turned into scientific notation; the real identifier is lost`,
  'id-precision-lost': (p) => `${q(p.value)} ends in zeros past the 15th digit, as Excel does when it rounds long numbers`,
  'id-decimal-suffix': (p) => `${q(p.value)} ends in \`.0\`, as when a spreadsheet stored the identifier as a number`,
  'id-leading-zeros-lost': (p) => `${q(p.value)} is shorter than the other identifiers (${n(p.count)} digits); leading zeros may have been lost`,
  'duplicate-id': (p) => `the identifier ${q(p.value)} already appears in row ${n(p.otherRow)}`,
  'duplicate-id-resolved': (p) => `the identifier ${q(p.value)} also appears in row ${n(p.otherRow)}; ${kept[p.variant]}`,
  'value-comma': (p) => `${q(p.value)} holds a comma, which Target would read as a new column even when encoded; replace or strip it`,
  'value-comma-fixed': (p) => `a comma in ${q(p.value)} was ${fixedHow[p.variant]}`,
  'value-number-comma': (p) => `${q(p.value)} is a number written with a comma; choose how to read it (${readings[p.variant]}) before it is sent`,
  'value-number-converted': (p) => `${q(p.value)} is sent as ${q(p.other)}`,
  'value-line-break': (p) => `${q(p.value)} holds a line break, which Target would read as a new row even when encoded; replace or strip it`,
  'value-line-break-fixed': (p) => `a line break in ${q(p.value)} was ${fixedHow[p.variant]}`,
  'value-control-char': (p) => `${q(p.value)} holds an invisible control character; it will be sent URL-encoded`,
  'value-invalid-unicode': () => 'the value holds a broken Unicode character that cannot be URL-encoded',
  'value-replacement-char': (p) => `${q(p.value)} holds \`�\`: the file's text encoding may be wrong`,
  'value-transform-failed': (p) => `${q(p.value)} could not be converted (check the column transforms); it is sent unchanged`,
  'value-date-unreadable': (p) =>
    `${q(p.value)} is not a date in ${p.variant === 'several' ? "any of the formats the template's date transform reads (from: auto)" : `the format ${p.other} the template's date transform reads`}, so the row is not sent (correct the date, change the format, or leave the row out)`,
  'value-date-ambiguous': (p) => `${q(p.value)} is read ${p.variant === 'day-first' ? 'day first' : 'month first'} and sent as ${p.other}; read the other way it would be another date`,
  'value-not-listed': (p) => `${q(p.value)} is not one of the values the template's value map lists, so the row is not sent`,
  'value-too-long': (p) => `${q(p.value)} is ${n(p.count)} characters long; Target keeps at most 256, so the end may be lost (cut it to 256 to send exactly what Target keeps)`,
  'value-too-long-cut': (p) => `${q(p.value)} was ${n(p.count)} characters long; its first 256 are sent`,
  'row-too-large': (p) => `the row is ${n(p.count)} bytes once encoded; Target keeps at most 64 KB per profile`,
  'row-nothing-to-send': () => 'every mapped value is empty, so the row would change nothing and is left out',
  'personal-data-held-back': (p) =>
    p.variant === 'rrn'
      ? `the column ${q(p.value)} holds resident registration numbers, which may not be stored in Target at all, so it is never sent`
      : `the column ${q(p.value)} holds personal data (${personalKindWords[p.variant]}), so it is not sent: Target profiles are visible to everyone who builds audiences and can reach web pages (--allow-personal-data sends it anyway)`,
  'id-personal-data': (p) => `the identifier column ${q(p.value)} holds personal data (${personalKindWords[p.variant]}): hash it (the hash transform) or name it in --allow-personal-data`,
  'value-personal-data': (p) => `${q(p.value)} looks like ${personalValue[p.variant]}; personal data should not go into Target profiles`,
  'reader-unclosed-quote': () => 'a quote opened here is never closed, so the rest of the file was read into this row',
  'reader-malformed-quotes': () => 'a quote stands where CSV does not allow one; check the cells of this row',
  'reader-extra-cells': () => 'the row has more cells than the header; the extra cells are not sent',
  'reader-missing-cells': () => 'the row has fewer cells than the header; the missing cells are treated as empty',
  'reader-nul-stripped': () => 'NUL characters were removed from the row',
  'reader-mixed-line-endings': () => 'the file mixes line-end styles (CRLF, LF, CR); all were read as line ends',
  'reader-decoding-errors': (p) => `some bytes are not valid in the file's text encoding${p.value ? ` (${p.value})` : ''} and were replaced by \`�\`; choose another encoding if text looks wrong`,
  'header-duplicate': (p) => `the header ${q(p.value)} appears more than once; only the first column of that name can be mapped`,
  'header-empty': (p) => `column ${n(p.count)} has no header, so it is not sent`,
};

/** The English sentence for an issue, naming its row and column first ("Row 1,204, column `id`: …"). */
export function describeIssue(issue: Issue): string {
  const text = (issueWords[issue.code] as (p: object) => string)(issue.params);
  const { row, column } = issue;
  if (row !== null && column !== null) return `Row ${n(row)}, column \`${column}\`: ${text}`;
  if (row !== null) return `Row ${n(row)}: ${text}`;
  if (column !== null) return `Column \`${column}\`: ${text}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}
