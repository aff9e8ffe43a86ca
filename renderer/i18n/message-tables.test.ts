import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, reason } from '../../shared/contract/errors.js';
import { paramNames, sampleParams } from '../../shared/contract/testing/sample-params.js';
import { ISSUE_PARAMS, makeIssue, type IssueCode } from '../../shared/validation/issue.js';
import { issueText } from './issue-text.js';
import { languages } from './languages.js';
import { problemText, thrownText } from './problem-text.js';

const i18n = i18next.createInstance();
const tOf: Record<string, TFunction> = {};

beforeAll(async () => {
  // No fallback language: a word missing in one language must show up here, not hide behind English.
  await i18n.init({ resources: Object.fromEntries(languages.map((l) => [l.code, { translation: l.messages }])), lng: 'en', fallbackLng: false, interpolation: { escapeValue: false } });
  for (const l of languages) tOf[l.code] = i18n.getFixedT(l.code);
});

/** Every string of a message tree with its dotted key. */
function strings(tree: unknown, prefix = ''): [string, string][] {
  if (typeof tree === 'string') return [[prefix, tree]];
  return Object.entries(tree as Record<string, unknown>).flatMap(([k, v]) => strings(v, prefix ? `${prefix}.${k}` : k));
}
const placeholders = (text: string): string[] => [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1] as string);
const LEFTOVER = /\{\{|\}\}|\$t\(|undefined|errors\.codes|issues\.codes/;

describe('every language', () => {
  it('fills exactly the keys English has', () => {
    const english = strings(languages[0].messages).map(([k]) => k).sort();
    for (const l of languages) expect(strings(l.messages).map(([k]) => k).sort(), l.code).toEqual(english);
  });

  it('puts every sentence of every registry code into words, quoting only the params the code has', () => {
    for (const l of languages) {
      const t = tOf[l.code]!;
      for (const [code, shape] of Object.entries(errorCodes)) {
        expect(Object.hasOwn(l.messages.errors.codes, code), `${l.code} has words for ${code}`).toBe(true);
        const allowed = new Set([...paramNames(shape), ...(paramNames(shape).includes('detail') ? ['why'] : [])]);
        for (const [key, text] of strings((l.messages.errors.codes as Record<string, unknown>)[code], code)) {
          for (const name of placeholders(text)) expect(allowed.has(name), `${l.code} errors.codes.${key} quotes {{${name}}}`).toBe(true);
        }
        for (const params of sampleParams(shape)) {
          const text = problemText(t, { code, params });
          expect(text, `${l.code} ${code} ${JSON.stringify(params)}`).not.toMatch(LEFTOVER);
          if (code !== 'internal') expect(text, `${l.code} ${code} has words of its own`).not.toBe(t('errors.codes.internal'));
        }
      }
    }
  });

  it('puts every sentence of every issue code into words, quoting only the params the code has', () => {
    for (const l of languages) {
      const t = tOf[l.code]!;
      for (const [code, shape] of Object.entries(ISSUE_PARAMS)) {
        expect(Object.hasOwn(l.messages.issues.codes, code), `${l.code} has words for ${code}`).toBe(true);
        const allowed = new Set(paramNames(shape));
        for (const [key, text] of strings((l.messages.issues.codes as Record<string, unknown>)[code], code)) {
          for (const name of placeholders(text)) expect(allowed.has(name), `${l.code} issues.codes.${key} quotes {{${name}}}`).toBe(true);
        }
        for (const params of sampleParams(shape)) {
          const text = issueText(t, { code: code as IssueCode, row: 12, column: 'tier', params });
          expect(text, `${l.code} ${code} ${JSON.stringify(params)}`).not.toMatch(LEFTOVER);
        }
      }
    }
  });
});

describe('Korean words', () => {
  it('choose their particles instead of writing 을(를), 이(가), 은(는), 와(과) or (으)로', () => {
    const ko = languages.find((l) => l.code === 'ko')!;
    const bad = strings(ko.messages).filter(([, text]) => /\((을|를|이|가|은|는|와|과|으)\)/.test(text));
    expect(bad).toEqual([]);
  });
});

describe('plurals', () => {
  it('say one row and one batch in the singular, in English, and count in Korean without plural forms', () => {
    const en = tOf.en!;
    const ready = (t: TFunction, rows: number, batches: number) => t('review.uploadReady', { count: rows, rows: t('review.rowCount', { count: rows }), batches: t('review.batchCount', { count: batches }) });
    expect(ready(en, 198, 1)).toBe('198 rows are ready to send in 1 batch.');
    expect(ready(en, 1, 1)).toBe('1 row is ready to send in 1 batch.');
    expect(ready(en, 12_000, 2)).toBe('12,000 rows are ready to send in 2 batches.');
    expect(ready(tOf.ko!, 1, 1)).toBe('1행을 배치 1개로 보낼 준비가 되었습니다.');
    expect(en('review.blockedBecause.blocking-rows', { count: 1 })).toBe('Upload is not available yet: 1 row is blocked. Fix it, or leave it out, first.');
    expect(en('review.topEmpty', { count: 1 })).toBe('1 row empty');
  });

  it('have an English "other" form wherever there is a "one" form', () => {
    const keys = strings(languages[0].messages).map(([k]) => k);
    for (const key of keys.filter((k) => k.endsWith('_one'))) expect(keys, key).toContain(key.replace(/_one$/, '_other'));
  });
});

describe('problemText and issueText', () => {
  it('name the row and the column in the reader\'s language', () => {
    const issue = makeIssue('id-forbidden-char', 1204, 'id', { char: '+' });
    expect(issueText(tOf.en!, issue)).toBe('Row 1,204, column “id”: “+” is not allowed in an mbox3rdPartyId');
    expect(issueText(tOf.ko!, issue)).toBe('1,204행, “id” 열: mbox3rdPartyId에는 “+” 문자를 쓸 수 없습니다');
    expect(issueText(tOf.en!, makeIssue('no-params', null, null))).toBe('No column is mapped to a profile parameter, so there is nothing to send');
  });

  it('cut a long quoted value at 40 characters', () => {
    expect(issueText(tOf.en!, makeIssue('value-comma', 1, 'c', { value: `${'x'.repeat(50)},` }))).toContain(`“${'x'.repeat(40)}…”`);
  });

  it('say network errno codes in plain words (and keep other diagnostics as they are)', () => {
    expect(problemText(tOf.en!, reason('network', { variant: 'submit', detail: 'ECONNREFUSED' }))).toBe('Could not reach Target: the address refused the connection.');
    expect(problemText(tOf.ko!, reason('check-unreachable', { url: 'https://acme.tt.omtrdc.net', detail: 'ENOTFOUND' }))).toContain('주소를 찾을 수 없습니다');
    expect(problemText(tOf.en!, reason('network', { variant: 'status', detail: 'socket hang up' }))).toBe('Could not read the batch status: socket hang up.');
  });

  it('say what a problem happened because of, and that Target gave no message', () => {
    const resent = { ...reason('resent-after-unknown', { batch: 2 }), because: reason('unknown-resolution', { variant: 'safe' }) };
    expect(problemText(tOf.en!, resent)).toBe('Batch 2: sending again after an unknown outcome. No newer write to the same profiles exists, so sending the same values again is safe.');
    expect(problemText(tOf.ko!, reason('target-rejected', { said: '' }))).toBe('Target이 배치를 거부했습니다: (메시지 없음)');
  });

  it('show a journal record written before codes carried params as recorded, and never a developer\'s text', () => {
    expect(problemText(tOf.ko!, { code: 'server-error', message: 'Target had a server error (HTTP 502).' })).toBe('Target had a server error (HTTP 502).');
    expect(problemText(tOf.en!, { code: 'internal', message: 'TypeError: x is undefined' })).toBe(tOf.en!('errors.codes.internal'));
    expect(thrownText(tOf.en!, new TypeError('x is undefined'))).toBe(tOf.en!('errors.codes.internal'));
  });
});
