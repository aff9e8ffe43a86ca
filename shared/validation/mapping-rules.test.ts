import { describe, expect, it } from 'vitest';
import { mappingSpecSchema } from '../domain/mapping-spec.js';
import { checkMapping } from './mapping-rules.js';
import { DuplicateTracker, hashId } from './duplicate-tracker.js';
import { readerNoteIssue, headerNoteIssue } from './reader-notes.js';

describe('checkMapping', () => {
  const spec = (columns: { column: string; param: string }[], extra: object = {}) => mappingSpecSchema.parse({ idColumn: 'id', idKind: 'thirdPartyId', columns, ...extra });
  const codes = (headers: string[], s: ReturnType<typeof spec>) => checkMapping(headers, s).map((i) => `${i.code}:${i.column}`);

  it('accepts plain names', () => {
    expect(codes(['id', 'a'], spec([{ column: 'a', param: 'tier' }]))).toEqual([]);
  });
  it('reports every parameter-name rule', () => {
    const h = ['id', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const s = spec([
      { column: 'a', param: 'loyaltyTier' },
      { column: 'b', param: 'LoyaltyTier' },
      { column: 'c', param: 'loyaltyTier' },
      { column: 'd', param: 'profile.city' },
      { column: 'e', param: 'thirdPartyId' },
      { column: 'f', param: 'a,b' },
      { column: 'g', param: 'loyalty tier' },
      { column: 'h', param: ' ' },
    ]);
    expect(codes(h, s)).toEqual([
      'param-case-collision:b',
      'param-duplicate:c',
      'param-name-prefixed:d',
      'param-name-reserved:e',
      'param-name-delimiter:f',
      'param-name-chars:g',
      'param-case-collision:g',
      'param-name-empty:h',
    ]);
    expect(checkMapping(h, s)[2]).toMatchObject({ column: 'd', params: { value: 'city', other: 'profile.city' } });
  });
  it('warns once, on the later column, for names that differ only in case or spacing, and on Target-like names', () => {
    const h = ['id', 'a', 'b', 'c', 'd'];
    const s = spec([
      { column: 'a', param: 'loyaltyTier' },
      { column: 'b', param: 'loyalty_tier' },
      { column: 'c', param: 'LOYALTY-TIER' },
      { column: 'd', param: 'user.segment' },
    ]);
    expect(checkMapping(h, s).map((i) => [i.code, i.column, i.params.other, i.params.variant])).toEqual([
      ['param-case-collision', 'b', 'loyaltyTier', 'spacing'],
      ['param-case-collision', 'c', 'loyaltyTier', 'spacing'],
      ['param-name-target-like', 'd', 'user.', undefined],
    ]);
  });
  it('reports absent columns, an empty mapping and the pcId caveat', () => {
    expect(codes(['x'], spec([{ column: 'a', param: 'a' }]))).toEqual(['id-column-missing:id', 'mapped-column-missing:a']);
    expect(codes(['id'], spec([]))).toEqual(['no-params:null']);
    expect(codes(['id', 'a'], spec([{ column: 'a', param: 'a' }], { idKind: 'pcId' }))).toEqual(['pcid-v2-caveat:null']);
  });
});

describe('DuplicateTracker', () => {
  it('returns the first row of a repeated id across growth', () => {
    const t = new DuplicateTracker(16);
    for (let i = 1; i <= 50_000; i++) expect(t.see(`id-${i}`, i)).toBe(0);
    expect(t.see('id-7', 60_001)).toBe(7);
    expect(t.see('id-49999', 60_002)).toBe(49_999);
    expect(t.see('', 60_003)).toBe(0);
    expect(t.see('', 60_004)).toBe(60_003);
    // every id seen again must be found, whatever its hash looks like
    for (let i = 1; i <= 50_000; i += 97) expect(t.see(`id-${i}`, 70_000 + i)).toBe(i);
    for (const s of ['CRM-1', '홍길동', 'a', 'zz-9']) {
      expect(t.see(s, 90_000)).toBe(0);
      expect(t.see(s, 90_001)).toBe(90_000);
    }
  });

  it('gives the same answers for pre-hashed ids, with or without reading slots ahead', () => {
    const ids = Array.from({ length: 3000 }, (_, i) => `c-${i % 2500}`);
    const hashes = new Uint32Array(ids.length * 2);
    ids.forEach((id, i) => hashId(id, hashes, 2 * i));
    const plain = new DuplicateTracker(16);
    const hashed = new DuplicateTracker(16);
    hashed.warm(hashes, 0, ids.length);
    const a = ids.map((id, i) => plain.see(id, i + 1));
    const b = ids.map((_, i) => hashed.seeHashed(hashes[2 * i]!, hashes[2 * i + 1]!, i + 1));
    expect(b).toEqual(a);
    expect(a.slice(2500, 2503)).toEqual([1, 2, 3]);
  });
});

describe('reader notes', () => {
  it('become issues with their own codes; row 0 is file-level', () => {
    expect(readerNoteIssue('unclosed-quote', 12)).toMatchObject({ code: 'reader-unclosed-quote', severity: 'blocking', row: 12 });
    expect(readerNoteIssue('mixed-line-endings', 0)).toMatchObject({ code: 'reader-mixed-line-endings', row: null });
    expect(headerNoteIssue('empty-header', 2, '')).toMatchObject({ code: 'header-empty', column: null });
    expect(headerNoteIssue('empty-header', 2, '').params).toEqual({ value: '', count: 3 });
  });
});
