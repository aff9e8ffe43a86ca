import { describe, expect, it } from 'vitest';
import { glossaryName, PARAM_GLOSSARY } from './param-glossary.js';
import { normalizeHeader } from './header-match.js';
import { foldName, paramNameIssues } from '../validation/param-name-rules.js';

const HANGUL = /[\uAC00-\uD7A3]/;
const KANA = /[\u3041-\u30FF]/;
const LATIN = /^[A-Za-z0-9 /&.-]+$/;

describe('the parameter glossary', () => {
  const entries = Object.entries(PARAM_GLOSSARY);

  it('holds a few hundred headers in Korean, Japanese and English', () => {
    const headers = entries.flatMap(([, hs]) => hs);
    expect(headers.length).toBeGreaterThanOrEqual(300);
    expect(headers.filter((h) => HANGUL.test(h)).length).toBeGreaterThanOrEqual(100);
    expect(headers.filter((h) => KANA.test(h) || /[\u4E00-\u9FFF]/.test(h)).length).toBeGreaterThanOrEqual(100);
    expect(headers.filter((h) => LATIN.test(h)).length).toBeGreaterThanOrEqual(100);
  });

  it('maps every header to a valid ASCII camelCase name that no name rule warns about', () => {
    for (const [name, headers] of entries) {
      expect(name, name).toMatch(/^[a-z][A-Za-z0-9]*$/);
      expect(name.length, name).toBeLessThanOrEqual(40);
      expect(paramNameIssues(name, 'column', []), name).toEqual([]);
      expect(headers.length, `${name} has headers`).toBeGreaterThan(0);
    }
  });

  it('gives every header the name of its own entry: no header means two things', () => {
    const owner = new Map<string, string>();
    for (const [name, headers] of entries) {
      for (const h of headers) {
        const key = normalizeHeader(h);
        expect(key, `${name}: "${h}" has letters`).not.toBe('');
        const before = owner.get(key);
        if (before !== undefined) expect(before, `"${h}" is under ${before} and ${name}`).toBe(name);
        owner.set(key, name);
        expect(glossaryName(h), h).toBe(name);
      }
    }
  });

  it('has no two names that differ only in case or spacing', () => {
    const folded = new Map<string, string>();
    for (const [name] of entries) {
      const other = folded.get(foldName(name));
      expect(other, `${name} vs ${other}`).toBeUndefined();
      folded.set(foldName(name), name);
    }
  });

  it('finds headers whatever their spacing, width and case', () => {
    expect(glossaryName('등급')).toBe('tier');
    expect(glossaryName('포인트')).toBe('points');
    expect(glossaryName('지역')).toBe('region');
    expect(glossaryName('가입일')).toBe('joinDate');
    expect(glossaryName('가입 일자')).toBe('joinDate');
    expect(glossaryName('생년월일')).toBe('birthDate');
    expect(glossaryName('会員ランク')).toBe('tier');
    expect(glossaryName('ﾎﾟｲﾝﾄ')).toBe('points');
    expect(glossaryName('Date of Birth')).toBe('birthDate');
    expect(glossaryName('E-mail Opt-In')).toBe('emailOptIn');
    expect(glossaryName('favourite colour')).toBeNull();
    expect(glossaryName('  ')).toBeNull();
  });
});
