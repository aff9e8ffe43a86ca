import { describe, expect, it } from 'vitest';
import { foldName, paramNameIssues } from './param-name-rules.js';

const codes = (param: string, others: string[] = []) => paramNameIssues(param, 'col', others).map((i) => i.code);

describe('paramNameIssues', () => {
  it('passes a plain name', () => {
    expect(codes('tier', ['points', 'region'])).toEqual([]);
  });

  it("warns on names that look like Target's own: user., entity., mbox prefixes", () => {
    expect(paramNameIssues('user.tier', 'col', [])).toEqual([{ code: 'param-name-target-like', severity: 'warning', row: null, column: 'col', params: { value: 'user.tier', other: 'user.' } }]);
    expect(paramNameIssues('Entity.id', 'col', [])[0]?.params).toEqual({ value: 'Entity.id', other: 'Entity.' });
    expect(codes('mboxTier')).toEqual(['param-name-target-like']);
    expect(codes('username')).toEqual([]);
    expect(codes('entityType')).toEqual([]);
  });

  it('keeps profile. blocking and reserved identifier names blocking, without a second warning', () => {
    expect(codes('profile.tier')).toEqual(['param-name-prefixed']);
    expect(codes('mbox3rdPartyId')).toEqual(['param-name-reserved']);
    expect(codes('mboxPC')).toEqual(['param-name-reserved']);
  });

  it('warns on a name that differs from another only in case or spacing, saying which', () => {
    expect(paramNameIssues('LoyaltyTier', 'col', ['loyaltyTier'])[0]?.params).toEqual({ value: 'LoyaltyTier', other: 'loyaltyTier', variant: 'case' });
    expect(paramNameIssues('loyalty_tier', 'col', ['points', 'loyaltyTier'])[0]?.params).toEqual({ value: 'loyalty_tier', other: 'loyaltyTier', variant: 'spacing' });
    expect(paramNameIssues('Loyalty-Tier', 'col', ['loyaltyTier'])[0]?.params.variant).toBe('spacing');
    expect(codes('loyaltyTier', ['loyaltyTier'])).toEqual([]);
    expect(codes('loyaltyTier', ['loyalty.tier'])).toEqual([]);
  });

  it('warns on a name longer than 128 characters', () => {
    expect(codes('a'.repeat(128))).toEqual([]);
    expect(codes('a'.repeat(129))).toEqual(['param-name-too-long']);
  });

  it('reports empty, delimiter and other-character names', () => {
    expect(codes(' ')).toEqual(['param-name-empty']);
    expect(codes('a,b')).toEqual(['param-name-delimiter']);
    expect(codes('등급')).toEqual(['param-name-chars']);
  });

  it('foldName ignores case, spaces, _ and -', () => {
    expect(foldName('Loyalty_Tier')).toBe(foldName('loyalty tier'));
    expect(foldName('loyalty-tier')).toBe('loyaltytier');
    expect(foldName('loyalty.tier')).not.toBe('loyaltytier');
  });
});
