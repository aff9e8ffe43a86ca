import type { ResultCsvWords, ResultWords } from '../../../shared/contract/result-words.js';
import type { RowNote, RowOutcome } from '../../../shared/jobs/row-outcome.js';
import type { SettledRow } from '../../../shared/verify/verify-records.js';
import type { Issue, IssueCode } from '../../../shared/validation/issue.js';
import { fillWords } from '../../messages/fill-words.js';
import { describeIssue } from '../../messages/issue-words.js';
import { describeRowNote, resultCsvWordsEn } from '../../messages/outcome-words.js';

/** A blocking issue as `source-rows.csv` keeps it (see prepare-source-rows.ts). */
type KeptIssue = Pick<Issue, 'code' | 'column' | 'params'>;

/** Puts the result CSV's plain columns into one language. */
export interface ResultSpeaker {
  readonly words: ResultCsvWords;
  outcome(code: RowOutcome): string;
  note(note: RowNote | null): string;
  /** What a read-back found ('' for a verified row). */
  verify(row: Pick<SettledRow, 'o' | 'd'>): string;
  /** The blocking issues of a `why` cell, joined ('' for none or an unreadable cell). */
  issues(why: string): string;
}

const QUOTE_LIMIT = 40;
const cut = (v: string) => (v.length > QUOTE_LIMIT ? `${v.slice(0, QUOTE_LIMIT)}…` : v);

function parseWhy(why: string): KeptIssue[] {
  if (why === '') return [];
  try {
    const parsed: unknown = JSON.parse(why);
    return Array.isArray(parsed) ? (parsed as KeptIssue[]).filter((i) => typeof i?.code === 'string') : [];
  } catch {
    return [];
  }
}

/** Returns the speaker of `words` (the app's UI language), or of the CLI's English without. */
export function resultSpeaker(words?: ResultWords): ResultSpeaker {
  const csv = words?.csv ?? resultCsvWordsEn;
  const locale = words?.locale ?? 'en-US';
  const issueText = (i: KeptIssue): string => {
    if (!words) return describeIssue({ ...i, params: i.params ?? {}, severity: 'blocking', row: null, code: i.code as IssueCode });
    const entry = words.issueCodes[i.code];
    const template = typeof entry === 'string' ? entry : entry && typeof i.params?.variant === 'string' ? (entry[i.params.variant] ?? '') : '';
    const params: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(i.params ?? {})) if (typeof v === 'string' || typeof v === 'number') params[k] = typeof v === 'string' ? cut(v) : v;
    const text = template === '' ? i.code : fillWords(template, params, locale);
    return i.column === null ? text : fillWords(words.issueAtColumn, { column: i.column, text }, locale);
  };
  return {
    words: csv,
    outcome: (code) => csv.outcome[code],
    note: (note) => describeRowNote(note, csv, locale),
    verify: (row) => {
      switch (row.o) {
        case 'verified':
          return '';
        case 'missing':
          return csv.reason['verify-missing'];
        case 'not-yet-visible':
          return csv.reason['verify-not-yet-visible'];
        case 'differs': {
          const details = (row.d ?? []).map((d) => fillWords(csv.reason[d.found === null ? 'verify-differs-none' : 'verify-differs-item'], { name: d.name, sent: d.sent, found: d.found ?? '' }, locale));
          return fillWords(csv.reason['verify-differs'], { details: details.join(csv.separator) }, locale);
        }
      }
    },
    issues: (why) => parseWhy(why).map(issueText).join(csv.separator),
  };
}
