import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProfileLookup, VerifyView } from '../../../shared/contract/index.js';
import { languages } from '../../i18n/languages.js';
import { attributeLines } from './lookup-result.js';
import { estimateText, formatPercent, verifyStatusText } from './verify-words.js';

const i18n = i18next.createInstance();
let en: TFunction;
let ko: TFunction;

beforeAll(async () => {
  await i18n.init({ resources: Object.fromEntries(languages.map((l) => [l.code, { translation: l.messages }])), lng: 'en', fallbackLng: false, interpolation: { escapeValue: false } });
  en = i18n.getFixedT('en');
  ko = i18n.getFixedT('ko');
});

const base: VerifyView = {
  jobId: 'j',
  run: 1,
  state: 'running',
  sample: false,
  seed: null,
  eligible: 2_000,
  planned: 2_000,
  checked: 1_200,
  verified: 1_200,
  differs: 0,
  missing: 0,
  notYetVisible: 0,
  waitingVisible: 0,
  deadlineAt: null,
  startedAt: '2026-03-01T12:00:00.000Z',
  finishedAt: null,
  notLandedEstimate: null,
  error: null,
};

describe('the verification sentence', () => {
  it('says how far it read, what it waits for, and the counts once finished, in English and Korean', () => {
    expect(verifyStatusText(en, base, 'en')).toBe('Reading profiles back from Target: checked 1,200 of 2,000 rows.');
    expect(verifyStatusText(ko, base, 'ko')).toBe('Target에서 프로필을 다시 읽는 중: 2,000행 중 1,200행 확인함.');

    const deadlineAt = '2026-03-01T12:10:00.000Z';
    const clock = new Date(deadlineAt).toLocaleTimeString('en-US', { timeStyle: 'short' });
    const waiting: VerifyView = { ...base, state: 'waiting', checked: 1_998, waitingVisible: 2, deadlineAt };
    expect(verifyStatusText(en, waiting, 'en')).toBe(`2 rows are not visible in Target yet — checking again until ${clock}.`);
    expect(verifyStatusText(en, { ...waiting, waitingVisible: 1 }, 'en')).toBe(`1 row is not visible in Target yet — checking again until ${clock}.`);

    const finished: VerifyView = { ...base, state: 'finished', checked: 2_000, verified: 1_998, missing: 2, finishedAt: deadlineAt };
    expect(verifyStatusText(en, finished, 'en')).toBe('Verified 1,998 of 2,000 checked rows · 2 missing · 0 differ');
    expect(verifyStatusText(ko, finished, 'ko')).toBe('확인한 2,000행 중 1,998행 일치 · 누락 2행 · 값 다름 0행');
    expect(verifyStatusText(en, { ...finished, verified: 1_995, notYetVisible: 3 }, 'en')).toBe('Verified 1,995 of 2,000 checked rows · 2 missing · 0 differ · 3 not visible yet');
  });

  it('says how far a paused verification got', () => {
    expect(verifyStatusText(en, { ...base, state: 'paused' }, 'en')).toBe('Checking stopped before the end (1,200 of 2,000 rows checked).');
  });
});

describe('what a sample implies', () => {
  it('gives the rate with its interval as percentages of two significant digits', () => {
    expect(formatPercent(0.001, 'en')).toBe('0.1%');
    expect(formatPercent(0.0002, 'en')).toBe('0.02%');
    expect(formatPercent(0.0061, 'ko')).toBe('0.61%');
    expect(estimateText(en, { rate: 0.001, low: 0.0002, high: 0.006 }, 'en')).toBe(
      'For the whole upload this means about 0.1% of rows did not land (between 0.02% and 0.6%, 95% confidence).',
    );
    expect(estimateText(ko, { rate: 0.001, low: 0.0002, high: 0.006 }, 'ko')).toBe('업로드 전체로 보면 약 0.1%의 행이 들어가지 않았습니다(95% 신뢰 수준에서 0.02%~0.6%).');
  });

  it('says "at most" when the sample found nothing missing', () => {
    expect(estimateText(en, { rate: 0, low: 0, high: 0.0076 }, 'en')).toBe(
      'No row of the sample failed; for the whole upload, at most about 0.76% of rows may not have landed (95% confidence).',
    );
  });
});

describe('a looked-up profile beside what was sent', () => {
  it('lists every attribute of either side by name and marks a sent value Target does not hold', () => {
    const result: ProfileLookup = {
      idType: 'thirdPartyId',
      id: 'LOY-1',
      profile: {
        visitorId: 'LOY-1',
        modifiedAt: '2026-03-01T12:00:00.000Z',
        attributes: [
          { name: 'tier', value: 'Gold', modifiedAt: '2026-03-01T12:00:00.000Z' },
          { name: 'city', value: 'Seoul', modifiedAt: '2026-02-01T12:00:00.000Z' },
          { name: 'fromWeb', value: 'yes', modifiedAt: '2026-02-01T12:00:00.000Z' },
        ],
      },
      lastSent: { jobId: 'job-1', sentAt: '2026-03-01T11:59:00.000Z', file: '/x/loyalty.csv', values: { tier: 'Gold', city: 'Busan', points: '120', note: '' } },
    };
    expect(attributeLines(result).map((l) => [l.name, l.target?.value ?? null, l.sent, l.differs])).toEqual([
      ['city', 'Seoul', 'Busan', true],
      ['fromWeb', 'yes', null, false],
      ['note', null, '', false],
      ['points', null, '120', true],
      ['tier', 'Gold', 'Gold', false],
    ]);
    expect(attributeLines({ ...result, profile: null, lastSent: null })).toEqual([]);
  });
});
