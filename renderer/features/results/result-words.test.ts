import { describe, expect, it } from 'vitest';
import { resultWordsSchema } from '../../../shared/contract/result-words.js';
import { languages } from '../../i18n/languages.js';
import { resultWordsFor } from './download.js';

const SAME_TERM = { confirmed: 'confirmed', notFound: 'not-found', failed: 'failed', unknown: 'unknown', rejected: 'rejected', excluded: 'excluded' } as const;

describe("the result CSV's words", () => {
  it('are the terms the screens use for each outcome, in every language', () => {
    for (const l of languages) {
      const { count } = l.messages.results.outcome;
      for (const [screen, code] of Object.entries(SAME_TERM)) {
        expect(count[screen as keyof typeof count], `${l.code} ${code}`).toBe(`${l.messages.results.csv.outcome[code]} {{value, number}}`);
      }
    }
  });

  it('pass the contract check for every language, with its locale and issue words', () => {
    for (const l of languages) {
      const words = resultWordsFor(l.code);
      expect(resultWordsSchema.safeParse(words).success, l.code).toBe(true);
      expect(words.locale).toBe(l.locale);
      expect(words.issueCodes['id-forbidden-char']).toBe(l.messages.issues.codes['id-forbidden-char']);
    }
    expect(resultWordsFor('fr').csv.outcome.excluded).toBe('Left out');
    expect(resultWordsFor('ko').csv.outcome.excluded).toBe('제외됨');
  });
});
