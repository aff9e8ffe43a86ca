import { describe, expect, it } from 'vitest';
import { compileMapping, type CompiledMapping } from '../domain/compile-mapping.js';
import { mappingSpecSchema, type MappingSpecInput } from '../domain/mapping-spec.js';
import { checkRow, MAX_ROW_BYTES, numberReadingsOf, type RowCheckContext } from './check-row.js';
import { DEFAULT_VALUE_FIXES, type ValueFixes } from './value-fixes.js';
import { learnIdShape } from './id-shape.js';
import { LineBytes } from '../batch/line-bytes.js';

const headers = ['id', 'loyalty tier', 'city'];
function ctx(spec: Partial<MappingSpecInput> = {}, fixes: ValueFixes = DEFAULT_VALUE_FIXES, extra: Partial<RowCheckContext> = {}): RowCheckContext {
  const parsed = mappingSpecSchema.parse({
    idColumn: 'id',
    idKind: 'thirdPartyId',
    columns: [{ column: 'loyalty tier', param: 'loyaltyTier' }, { column: 'city', param: 'city' }],
    ...spec,
  });
  const c = compileMapping(parsed, headers);
  if (!c.ok) throw new Error('mapping');
  return { mapping: c.mapping as CompiledMapping, fixes, readings: numberReadingsOf(c.mapping, fixes), idShape: null, maxRowBytes: MAX_ROW_BYTES, ...extra };
}
const codes = (r: ReturnType<typeof checkRow>) => r.issues.map((i) => i.code);

describe('checkRow', () => {
  it('encodes a clean row: safe cells as they are, others with encodeURIComponent, empty cells kept', () => {
    const r = checkRow(['CRM-1', 'gold', 'München 50%&+='], 1, ctx());
    expect(r.issues).toEqual([]);
    expect(r.line).toBe('CRM-1,gold,M%C3%BCnchen%2050%25%26%2B%3D');
    expect(checkRow(['CRM-2', '', 'x'], 2, ctx()).line).toBe('CRM-2,,x');
  });

  it('names row, column and the character at fault (the words are the renderer\'s and the CLI\'s)', () => {
    const r = checkRow(['A+B', 'gold', ''], 1204, ctx({ columns: [{ column: 'loyalty tier', param: 'loyaltyTier' }] }));
    expect(r.blocked).toBe(true);
    expect(r.line).toBeNull();
    expect(r.issues[0]).toEqual({ code: 'id-forbidden-char', severity: 'blocking', row: 1204, column: 'id', params: { char: '+' } });
  });

  it('blocks missing, slashed and over-long third-party ids', () => {
    expect(codes(checkRow(['', 'gold', ''], 1, ctx()))).toEqual(['id-missing']);
    expect(codes(checkRow(['a/b', 'gold', ''], 1, ctx()))).toEqual(['id-forbidden-char']);
    expect(codes(checkRow(['x'.repeat(257), 'gold', ''], 1, ctx()))).toEqual(['id-too-long']);
    expect(checkRow(['x'.repeat(256), 'gold', ''], 1, ctx()).issues).toEqual([]);
  });

  it('checks the pcId shape', () => {
    const pc = ctx({ idKind: 'pcId' });
    expect(checkRow(['1514187733806-729395.17_57', 'g', ''], 1, pc).issues).toEqual([]);
    expect(codes(checkRow(['abc def', 'g', ''], 1, pc))).toEqual(['pcid-shape']);
    expect(codes(checkRow(['abc!', 'g', ''], 1, pc))).toEqual(['pcid-shape']);
    expect(codes(checkRow(['abc-1', 'g', ''], 1, pc))).toEqual(['pcid-unusual']);
  });

  it('finds ids damaged by Excel', () => {
    expect(codes(checkRow(['1.23457E+15', 'g', ''], 1, ctx()))).toEqual(['id-scientific']);
    expect(codes(checkRow(['1234567890123450000', 'g', ''], 1, ctx()))).toEqual(['id-precision-lost']);
    expect(codes(checkRow(['1234567890123456789', 'g', ''], 1, ctx()))).toEqual([]);
    expect(codes(checkRow(['12345.0', 'g', ''], 1, ctx()))).toEqual(['id-decimal-suffix']);
    const shape = learnIdShape(Array.from({ length: 30 }, (_, i) => String(i).padStart(8, '0')));
    expect(shape).toEqual({ digits: 8 });
    expect(codes(checkRow(['12345', 'g', ''], 1, ctx({}, DEFAULT_VALUE_FIXES, { idShape: shape })))).toEqual(['id-leading-zeros-lost']);
    expect(learnIdShape(Array.from({ length: 30 }, (_, i) => String(i + 10_000)))).toBeNull();
  });

  it('blocks commas and line breaks by default and fixes them on request', () => {
    expect(codes(checkRow(['a', 'x,y', 'p\nq'], 1, ctx()))).toEqual(['value-comma', 'value-line-break']);
    const fixed = checkRow(['a', 'x,y', 'p\r\nq'], 1, ctx({}, { ...DEFAULT_VALUE_FIXES, comma: { kind: 'replace', with: ';' }, lineBreak: { kind: 'strip' } }));
    expect(codes(fixed)).toEqual(['value-comma-fixed', 'value-line-break-fixed']);
    expect(fixed.line).toBe('a,x%3By,pq');
    expect(codes(checkRow(['a,b', 'x', ''], 1, ctx({}, { ...DEFAULT_VALUE_FIXES, comma: { kind: 'strip' }, lineBreak: { kind: 'strip' } })))).toEqual(['value-comma']);
  });

  it('warns about control characters, replacement characters and failed transforms; blocks broken Unicode', () => {
    expect(codes(checkRow(['a', 'x\ty', ''], 1, ctx()))).toEqual(['value-control-char']);
    expect(codes(checkRow(['a', 'caf\uFFFD', ''], 1, ctx()))).toEqual(['value-replacement-char']);
    expect(codes(checkRow(['a', 'x\uD800', ''], 1, ctx()))).toEqual(['value-invalid-unicode']);
    const withBool = ctx({ columns: [{ column: 'loyalty tier', param: 'vip', transforms: [{ kind: 'boolean' }] }] });
    const r = checkRow(['a', 'maybe', ''], 1, withBool);
    expect(codes(r)).toEqual(['value-transform-failed']);
    expect(r.line).toBe('a,maybe');
  });

  it('leaves out rows that send nothing and blocks rows over 64 KB', () => {
    const empty = checkRow(['a', '', ''], 1, ctx());
    expect(codes(empty)).toEqual(['row-nothing-to-send']);
    expect(empty.line).toBeNull();
    expect(empty.blocked).toBe(false);
    expect(checkRow(['a', '', ''], 1, ctx({ constants: [{ param: 'src', value: 'crm list' }] })).line).toBe('a,,,crm%20list');
    const big = checkRow(['a', 'é'.repeat(12_000), ''], 1, ctx());
    expect(codes(big)).toEqual(['row-too-large']);
    expect(big.line).toBeNull();
    expect(big.sendable).toBe(false);
  });

  it('writes the same bytes into a LineBytes as the line it returns, with the same issues', () => {
    const rows = [
      ['CRM-1', 'gold', 'München 50%&+='],
      ['a', 'x,y', 'p\r\nq'],
      ['A+B', '홍길동', '😀'],
      ['a', '', ''],
      ['a', 'x\uD800', 'ok'],
      // identifiers: plain, encoded, forbidden characters, rule-checked characters, broken, empty
      ['홍길동', 'v', ''],
      ['a/b', 'v', ''],
      ['a b@c', 'v', ''],
      ['a,b', 'v', ''],
      ['a\u0001b', 'v', ''],
      ['x\uDC00', 'v', ''],
      ['', 'v', ''],
      ['1.5E+12', 'v', ''],
    ];
    const fixes: ValueFixes = { ...DEFAULT_VALUE_FIXES, comma: { kind: 'replace', with: ';' }, lineBreak: { kind: 'strip' } };
    for (const [i, cells] of rows.entries()) {
      const viaLine = checkRow(cells, i + 1, ctx({}, fixes));
      const out = new LineBytes(1);
      out.pos = 0;
      const viaBytes = checkRow(['pad', ...cells], i + 1, ctx({}, fixes), 1, 3, out);
      expect(viaBytes.issues).toEqual(viaLine.issues);
      expect(viaBytes.sendable).toBe(viaLine.line !== null);
      expect(viaBytes.line).toBeNull();
      if (viaLine.line !== null) expect(String.fromCharCode(...out.bytes.subarray(0, out.pos))).toBe(viaLine.line);
      expect(viaBytes.bytes).toBe(viaLine.bytes);
    }
  });

  it('applies id transforms (trim by default) before the rules', () => {
    expect(checkRow(['  CRM-9 ', 'g', ''], 1, ctx()).line).toBe('CRM-9,g,');
  });
});
