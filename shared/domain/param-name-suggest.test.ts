import { describe, expect, it } from 'vitest';
import { asciiWords } from './romanize.js';
import { suggestedMapping, suggestParamName, suggestParamNames, uniqueName } from './param-name-suggest.js';

const name = (header: string) => suggestParamName(header, 0);

describe('asciiWords', () => {
  it('romanises Hangul by the Revised Romanization, cut at common CRM words', () => {
    expect(asciiWords('회원등급')).toEqual({ words: ['hoewon', 'deunggeup'], accents: false, romanised: true, dropped: false });
    expect(asciiWords('종로').words).toEqual(['jongno']);
    expect(asciiWords('신라').words).toEqual(['silla']);
  });
  it('romanises kana (Hepburn), long vowels included', () => {
    expect(asciiWords('メールアドレス')).toMatchObject({ words: ['meeruadoresu'], romanised: true });
    expect(asciiWords('しょうひん').words).toEqual(['shouhin']);
    expect(asciiWords('ｼｮｯﾌﾟ').words).toEqual(['shoppu']);
  });
  it('spells accented and special Latin letters in ASCII, never dropping them', () => {
    expect(asciiWords('Straße')).toEqual({ words: ['Strasse'], accents: true, romanised: false, dropped: false });
    expect(asciiWords('Numéro client').words).toEqual(['Numero', 'client']);
    expect(asciiWords('Ærø Łódź').words).toEqual(['AEro', 'Lodz']);
  });
  it('says when a script has no table here (kanji, Cyrillic)', () => {
    expect(asciiWords('会員').dropped).toBe(true);
    expect(asciiWords('Город').dropped).toBe(true);
  });
});

describe('suggestParamName', () => {
  it('keeps a clean header as it is', () => {
    expect(name('loyaltyTier')).toEqual({ param: 'loyaltyTier', reason: 'same', confidence: 1 });
    expect(name('e-mail')).toMatchObject({ param: 'e-mail', reason: 'same' });
  });
  it('takes the glossary name for a known header in Korean, Japanese or English', () => {
    expect(name('등급')).toEqual({ param: 'tier', reason: 'glossary', confidence: 0.9 });
    expect(name('포인트')).toMatchObject({ param: 'points', reason: 'glossary' });
    expect(name('생년월일')).toMatchObject({ param: 'birthDate', reason: 'glossary' });
    expect(name('ポイント残高')).toMatchObject({ param: 'points', reason: 'glossary' });
    expect(name('Date of Birth')).toMatchObject({ param: 'birthDate', reason: 'glossary' });
  });
  it('romanises other Korean and kana headers into camelCase ASCII', () => {
    expect(name('회원등급')).toMatchObject({ param: 'hoewonDeunggeup', reason: 'romanised' });
    expect(name('메일 수신 거부')).toMatchObject({ param: 'meilSusinGeobu', reason: 'romanised' });
    expect(name('メールアドレス')).toMatchObject({ param: 'meeruadoresu', reason: 'romanised' });
  });
  it('removes accents and spaces from Latin headers: Straße becomes strasse, never straE', () => {
    expect(name('Straße')).toMatchObject({ param: 'strasse', reason: 'accents' });
    expect(name('Numéro client')).toMatchObject({ param: 'numeroClient', reason: 'accents' });
    expect(name('Größe')).toMatchObject({ param: 'grosse', reason: 'accents' });
    expect(name('favourite colour')).toMatchObject({ param: 'favouriteColour', reason: 'cleaned' });
  });
  it('mixes scripts word by word, an all-caps first word in lower case', () => {
    expect(name('VIP 등급')).toMatchObject({ param: 'vipDeunggeup', reason: 'romanised' });
    expect(name('2024 구매액')).toMatchObject({ param: '2024GumaeAek', reason: 'romanised' });
    expect(name('Café 포인트 적립')).toMatchObject({ param: 'cafePointeuJeongnip', reason: 'romanised' });
  });
  it('gives a stand-in name when a letter cannot be spelled in ASCII', () => {
    expect(suggestParamName('会員 種類 X', 4)).toEqual({ param: 'column5', reason: 'placeholder', confidence: 0.3 });
    expect(suggestParamName('★★', 0)).toMatchObject({ param: 'column1', reason: 'placeholder' });
  });
  it('never suggests a name longer than 128 characters', () => {
    expect(name('가'.repeat(200)).param.length).toBe(128);
    expect(name('a'.repeat(300)).param.length).toBe(128);
  });
  it('always gives ASCII', () => {
    for (const h of ['회원등급', 'ポイント', 'Straße', 'Ærø', '고객 ID (CRM)', 'しょうひん', '會員', 'مدينة']) expect(name(h).param, h).toMatch(/^[A-Za-z0-9_.-]+$/);
  });
});

describe('suggestParamNames', () => {
  it('skips the identifier and empty headers and keeps names unique in the file', () => {
    const out = suggestParamNames(['회원번호', '등급', 'Tier', '', '포인트', 'tier'], '회원번호');
    expect(out.map((s) => [s.column, s.param, s.reason])).toEqual([
      ['등급', 'tier', 'glossary'],
      ['Tier', 'Tier2', 'same'],
      ['포인트', 'points', 'glossary'],
      ['tier', 'tier3', 'same'],
    ]);
  });
  it('uniqueName counts on past names regardless of case', () => {
    const taken = new Set<string>();
    expect([uniqueName('a', taken), uniqueName('A', taken), uniqueName('a', taken)]).toEqual(['a', 'A2', 'a3']);
  });
  it('suggestedMapping sends every other column under its suggested name', () => {
    const { mapping } = suggestedMapping(['회원번호', '등급', '포인트', '지역', '가입일'], '회원번호', 'thirdPartyId');
    expect(mapping.columns.map((c) => c.param)).toEqual(['tier', 'points', 'region', 'joinDate']);
    expect(mapping.idColumn).toBe('회원번호');
  });
});
