import { describe, expect, it } from 'vitest';
import { editDistance, matchHeader, normalizeHeader, suggestIdColumn, suggestMapping } from './header-match.js';
import { headerFingerprint } from './fingerprint.js';

describe('normalizeHeader', () => {
  it('ignores case, spaces and punctuation, keeps Hangul', () => {
    expect(normalizeHeader(' Loyalty_Tier ')).toBe('loyaltytier');
    expect(normalizeHeader('loyalty tier')).toBe('loyaltytier');
    expect(normalizeHeader('회원 번호(ID)')).toBe('회원번호id');
    expect(normalizeHeader('ＡＢＣ')).toBe('abc');
  });
});

describe('matchHeader and suggestMapping', () => {
  const known = [{ name: 'loyaltyTier', synonyms: ['membership level', '등급'] }, { name: 'favCategory' }, { name: 'lastStore' }];

  it('grades exact, normalized, synonym and fuzzy matches', () => {
    expect(matchHeader('loyaltyTier', known)).toMatchObject({ name: 'loyaltyTier', reason: 'exact', confidence: 1 });
    expect(matchHeader('Loyalty Tier', known)).toMatchObject({ name: 'loyaltyTier', reason: 'normalized' });
    expect(matchHeader('Membership-Level', known)).toMatchObject({ name: 'loyaltyTier', reason: 'synonym' });
    expect(matchHeader('등급', known)).toMatchObject({ name: 'loyaltyTier', reason: 'synonym' });
    const fuzzy = matchHeader('fav catagory', known);
    expect(fuzzy).toMatchObject({ name: 'favCategory', reason: 'fuzzy' });
    expect(fuzzy!.confidence).toBeLessThan(0.9);
    expect(matchHeader('postcode', known)).toBeNull();
  });

  it('uses each known name once, for the best header', () => {
    const s = suggestMapping(['Loyalty Tier', 'loyaltyTier', 'city'], known);
    expect(s).toEqual([{ header: 'loyaltyTier', name: 'loyaltyTier', confidence: 1, reason: 'exact' }]);
  });

  it('computes edit distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('jsno', 'json')).toBe(2);
    expect(editDistance('jsno', 'json', true)).toBe(1);
    expect(editDistance('ca', 'abc', true)).toBe(3);
  });
});

describe('suggestIdColumn', () => {
  it('finds a third-party id column under common names', () => {
    expect(suggestIdColumn(['이름', '회원번호', '등급'])).toMatchObject({ column: '회원번호', kind: 'thirdPartyId' });
    expect(suggestIdColumn(['mbox3rdPartyId', 'x'])).toMatchObject({ column: 'mbox3rdPartyId', kind: 'thirdPartyId' });
    expect(suggestIdColumn(['TNT ID', 'x'])).toMatchObject({ column: 'TNT ID', kind: 'pcId' });
    expect(suggestIdColumn(['a', 'b'])).toBeNull();
  });
});

describe('headerFingerprint', () => {
  it('is order-, case- and space-insensitive but sees a different set', () => {
    const a = headerFingerprint(['id', 'Loyalty Tier', 'city']);
    expect(headerFingerprint(['city ', 'id', 'loyalty tier'])).toBe(a);
    expect(headerFingerprint(['id', 'loyalty tier'])).not.toBe(a);
    expect(a).toMatch(/^h1-[0-9a-f]{16}$/);
  });
});
