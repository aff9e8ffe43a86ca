import { describe, expect, it } from 'vitest';
import { compileMapping, type CompiledMapping } from '../domain/compile-mapping.js';
import { mappingSpecSchema, type MappingSpecInput } from '../domain/mapping-spec.js';
import { checkRow, MAX_ROW_BYTES, numberReadingsOf, type RowCheck, type RowCheckContext } from './check-row.js';
import { DEFAULT_VALUE_FIXES, type ValueFixes } from './value-fixes.js';
import { learnIdShape } from './id-shape.js';
import { sentCells } from './sent-values.js';
import { EncodeCache } from './encode-value.js';
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
/**
 * checkRow as the prepare loop runs it: the row's line is written into a batch buffer after what is
 * already there; `line` is the text written when the row is sent, null when it is not.
 */
function check(cells: readonly string[], row: number, c: RowCheckContext, out = new LineBytes(16), offset?: number, count?: number): RowCheck & { line: string | null } {
  const start = out.pos;
  const r = checkRow(cells, row, c, out, offset, count);
  expect(out.pos - start).toBe(r.bytes);
  return { ...r, line: r.sendable ? new TextDecoder().decode(out.bytes.subarray(start, out.pos)) : null };
}
const codes = (r: RowCheck) => r.issues.map((i) => i.code);

describe('checkRow', () => {
  it('encodes a clean row: safe cells as they are, others with encodeURIComponent, empty cells kept', () => {
    const r = check(['CRM-1', 'gold', 'München 50%&+='], 1, ctx());
    expect(r.issues).toEqual([]);
    expect(r.line).toBe('CRM-1,gold,M%C3%BCnchen%2050%25%26%2B%3D');
    expect(check(['CRM-2', '', 'x'], 2, ctx()).line).toBe('CRM-2,,x');
  });

  it('names row, column and the character at fault (the words are the renderer\'s and the CLI\'s)', () => {
    const r = check(['A+B', 'gold', ''], 1204, ctx({ columns: [{ column: 'loyalty tier', param: 'loyaltyTier' }] }));
    expect(r.blocked).toBe(true);
    expect(r.line).toBeNull();
    expect(r.issues[0]).toEqual({ code: 'id-forbidden-char', severity: 'blocking', row: 1204, column: 'id', params: { char: '+' } });
  });

  it('blocks missing, slashed and over-long third-party ids', () => {
    expect(codes(check(['', 'gold', ''], 1, ctx()))).toEqual(['id-missing']);
    expect(codes(check(['a/b', 'gold', ''], 1, ctx()))).toEqual(['id-forbidden-char']);
    expect(codes(check(['x'.repeat(257), 'gold', ''], 1, ctx()))).toEqual(['id-too-long']);
    expect(codes(check(['x'.repeat(256), 'gold', ''], 1, ctx()))).toEqual(['id-long']);
    expect(check(['x'.repeat(128), 'gold', ''], 1, ctx()).issues).toEqual([]);
  });

  it('warns on third-party ids of 129 to 256 characters (older APIs and some SDKs take 128) and sends them', () => {
    const r = check(['x'.repeat(129), 'gold', ''], 7, ctx());
    expect(r.issues).toEqual([{ code: 'id-long', severity: 'warning', row: 7, column: 'id', params: { count: 129 } }]);
    expect(r.sendable).toBe(true);
    expect(check(['1514187733806-729395.17_57'.padEnd(130, '0'), 'gold', ''], 1, ctx({ idKind: 'pcId' })).issues.map((i) => i.code)).not.toContain('id-long');
  });

  it('warns on values over 256 characters and sends them whole, or cuts them to 256 when asked', () => {
    const long = 'a'.repeat(300);
    const warned = check(['x', long, ''], 3, ctx());
    // The issue quotes the value's first 256 characters and its last 32, not the whole of it.
    const quoted = `${'a'.repeat(256)}…${'a'.repeat(32)}`;
    expect(warned.issues).toEqual([{ code: 'value-too-long', severity: 'warning', row: 3, column: 'loyalty tier', params: { value: quoted, count: 300 } }]);
    expect(warned.line).toBe(`x,${long},`);
    expect(codes(check(['x', 'a'.repeat(256), ''], 1, ctx()))).toEqual([]);
    const cutFixes = { ...DEFAULT_VALUE_FIXES, longValues: 'cut' as const };
    const cut = check(['x', long, ''], 3, ctx({}, cutFixes));
    expect(cut.issues).toEqual([{ code: 'value-too-long-cut', severity: 'info', row: 3, column: 'loyalty tier', params: { value: quoted, count: 300 } }]);
    expect(check(['x', `${'b'.repeat(260)}${'c'.repeat(10_000)}end`, ''], 1, ctx()).issues[0]?.params).toEqual({ value: `${'b'.repeat(256)}…${'c'.repeat(29)}end`, count: 10_263 });
    expect(check(['x', 'd'.repeat(289), ''], 1, ctx()).issues[0]?.params.value).toBe('d'.repeat(289));
    expect(cut.line).toBe(`x,${'a'.repeat(256)},`);
    // Korean counts by character, and a cut never splits a surrogate pair.
    expect(check(['x', '가'.repeat(257), ''], 1, ctx({}, cutFixes)).line).toBe(`x,${encodeURIComponent('가'.repeat(256))},`);
    expect(check(['x', `${'a'.repeat(255)}😀b`, ''], 1, ctx({}, cutFixes)).line).toBe(`x,${'a'.repeat(255)},`);
    // The length is judged after the other fixes: stripping commas can bring a value under 256.
    const stripped = { ...cutFixes, comma: { kind: 'strip' as const } };
    expect(codes(check(['x', `${'a'.repeat(250)},,,,,,,,,,`, ''], 1, ctx({}, stripped)))).toEqual(['value-comma-fixed']);
    expect(codes(check(['x', `${'a'.repeat(260)},b`, ''], 1, ctx({}, stripped)))).toEqual(['value-comma-fixed', 'value-too-long-cut']);
    // The Review grid shows the value as sent; the per-run cache gives the same outcome.
    const c = ctx({}, cutFixes);
    expect(sentCells(['x', long, ''], c.mapping, cutFixes, c.readings)[1]).toBe('a'.repeat(256));
    const cached = { ...c, cache: new EncodeCache(2) };
    expect(check(['x', long, ''], 1, cached).line).toBe(`x,${'a'.repeat(256)},`);
    expect(check(['x', long, ''], 2, cached).line).toBe(`x,${'a'.repeat(256)},`);
  });

  it('checks the pcId shape', () => {
    const pc = ctx({ idKind: 'pcId' });
    expect(check(['1514187733806-729395.17_57', 'g', ''], 1, pc).issues).toEqual([]);
    expect(codes(check(['abc def', 'g', ''], 1, pc))).toEqual(['pcid-shape']);
    expect(codes(check(['abc!', 'g', ''], 1, pc))).toEqual(['pcid-shape']);
    expect(codes(check(['abc-1', 'g', ''], 1, pc))).toEqual(['pcid-unusual']);
  });

  it('finds ids damaged by Excel', () => {
    expect(codes(check(['1.23457E+15', 'g', ''], 1, ctx()))).toEqual(['id-scientific']);
    expect(codes(check(['1234567890123450000', 'g', ''], 1, ctx()))).toEqual(['id-precision-lost']);
    expect(codes(check(['1234567890123456789', 'g', ''], 1, ctx()))).toEqual([]);
    expect(codes(check(['12345.0', 'g', ''], 1, ctx()))).toEqual(['id-decimal-suffix']);
    const shape = learnIdShape(Array.from({ length: 30 }, (_, i) => String(i).padStart(8, '0')));
    expect(shape).toEqual({ digits: 8 });
    expect(codes(check(['12345', 'g', ''], 1, ctx({}, DEFAULT_VALUE_FIXES, { idShape: shape })))).toEqual(['id-leading-zeros-lost']);
    expect(learnIdShape(Array.from({ length: 30 }, (_, i) => String(i + 10_000)))).toBeNull();
  });

  it('blocks commas and line breaks by default and fixes them on request', () => {
    expect(codes(check(['a', 'x,y', 'p\nq'], 1, ctx()))).toEqual(['value-comma', 'value-line-break']);
    const fixed = check(['a', 'x,y', 'p\r\nq'], 1, ctx({}, { ...DEFAULT_VALUE_FIXES, comma: { kind: 'replace', with: ';' }, lineBreak: { kind: 'strip' } }));
    expect(codes(fixed)).toEqual(['value-comma-fixed', 'value-line-break-fixed']);
    expect(fixed.line).toBe('a,x%3By,pq');
    expect(codes(check(['a,b', 'x', ''], 1, ctx({}, { ...DEFAULT_VALUE_FIXES, comma: { kind: 'strip' }, lineBreak: { kind: 'strip' } })))).toEqual(['value-comma']);
  });

  it('warns about control characters, replacement characters and failed transforms; blocks broken Unicode', () => {
    expect(codes(check(['a', 'x\ty', ''], 1, ctx()))).toEqual(['value-control-char']);
    expect(codes(check(['a', 'caf\uFFFD', ''], 1, ctx()))).toEqual(['value-replacement-char']);
    expect(codes(check(['a', 'x\uD800', ''], 1, ctx()))).toEqual(['value-invalid-unicode']);
    const withBool = ctx({ columns: [{ column: 'loyalty tier', param: 'vip', transforms: [{ kind: 'boolean' }] }] });
    const r = check(['a', 'maybe', ''], 1, withBool);
    expect(codes(r)).toEqual(['value-transform-failed']);
    expect(r.line).toBe('a,maybe');
  });

  it('blocks a date its column format cannot read and notes one that reads two ways', () => {
    const dates = ctx({ columns: [{ column: 'loyalty tier', param: 'joined', transforms: [{ kind: 'date', from: 'DD/MM/YYYY', to: 'YYYY-MM-DD' }] }] });
    const bad = check(['a', '31/02/2026', ''], 1, dates);
    expect(codes(bad)).toEqual(['value-date-unreadable']);
    expect(bad.blocked).toBe(true);
    expect(bad.line).toBeNull();
    expect(bad.issues[0]?.params).toEqual({ value: '31/02/2026', other: 'DD/MM/YYYY', variant: 'format' });
    const auto = ctx({ columns: [{ column: 'loyalty tier', param: 'joined', transforms: [{ kind: 'trim' }, { kind: 'date', from: 'auto', to: 'YYYY-MM-DD' }] }] });
    const notIso = check(['a', ' 31/01/2026 ', ''], 1, auto);
    expect(notIso.issues[0]?.params).toEqual({ value: ' 31/01/2026 ', other: 'auto', variant: 'several' });
    expect(check(['a', ' 2026.01.31', ''], 1, auto).line).toBe('a,2026-01-31');
    const twoWays = check(['a', '03/04/2026', ''], 1, dates);
    expect(codes(twoWays)).toEqual(['value-date-ambiguous']);
    expect(twoWays.issues[0]?.params).toEqual({ value: '03/04/2026', other: '2026-04-03', variant: 'day-first' });
    expect(twoWays.line).toBe('a,2026-04-03');
    // 25/04/2026 reads only day first; 04/04/2026 is the same date either way.
    expect(codes(check(['a', '25/04/2026', ''], 1, dates))).toEqual([]);
    expect(codes(check(['a', '04/04/2026', ''], 1, dates))).toEqual([]);
    const monthFirst = ctx({ columns: [{ column: 'loyalty tier', param: 'joined', transforms: [{ kind: 'date', from: 'MM/DD/YYYY', to: 'YYYY-MM-DD' }] }] });
    expect(check(['a', '03/04/2026', ''], 1, monthFirst).issues[0]?.params).toMatchObject({ other: '2026-03-04', variant: 'month-first' });
    expect(codes(check(['a', '25/04/2026', ''], 1, monthFirst))).toEqual(['value-date-unreadable']);
  });

  it('blocks a value a value map does not list when other values are held back', () => {
    const tiers = ctx({ columns: [{ column: 'loyalty tier', param: 'tier', transforms: [{ kind: 'trim' }, { kind: 'valueMap', map: { Gold: 'gold' }, ignoreCase: true, otherwise: 'fail' }] }] });
    expect(check(['a', ' GOLD ', ''], 1, tiers).line).toBe('a,gold');
    const other = check(['a', 'Platinum', ''], 1, tiers);
    expect(codes(other)).toEqual(['value-not-listed']);
    expect(other.blocked).toBe(true);
  });

  it('leaves out rows that send nothing and blocks rows over 64 KB', () => {
    const empty = check(['a', '', ''], 1, ctx());
    expect(codes(empty)).toEqual(['row-nothing-to-send']);
    expect(empty.line).toBeNull();
    expect(empty.blocked).toBe(false);
    expect(check(['a', '', ''], 1, ctx({ constants: [{ param: 'src', value: 'crm list' }] })).line).toBe('a,,,crm%20list');
    const big = check(['a', 'é'.repeat(12_000), ''], 1, ctx());
    expect(codes(big)).toEqual(['value-too-long', 'row-too-large']);
    expect(big.line).toBeNull();
    expect(big.sendable).toBe(false);
  });

  it('writes the reference line (each value as sent, through encodeURIComponent) after what the buffer holds, reading the row at any offset', () => {
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
    const c = ctx({}, fixes);
    const out = new LineBytes(1);
    out.bytes[0] = 120;
    out.pos = 1;
    let sent = 0;
    // The prepare loop passes a cache of value outcomes: a value seen before is copied from it.
    const cached: RowCheckContext = { ...c, cache: new EncodeCache(c.mapping.params.length) };
    for (const [i, cells] of rows.entries()) {
      const alone = check(cells, i + 1, c);
      const inFlat = check(['pad', ...cells, 'next'], i + 1, c, out, 1, 3);
      expect(inFlat.issues).toEqual(alone.issues);
      expect(inFlat.line).toBe(alone.line);
      expect(inFlat.bytes).toBe(alone.bytes);
      for (const again of [check(cells, i + 1, cached), check(cells, i + 1, cached)]) {
        expect(again.issues).toEqual(alone.issues);
        expect(again.line).toBe(alone.line);
      }
      if (alone.line === null) out.pos -= inFlat.bytes; // rewound, as the prepare loop does
      else {
        sent++;
        expect(alone.line).toBe(sentCells(cells, c.mapping, fixes, c.readings).map((v) => encodeURIComponent(v ?? '')).join(','));
      }
    }
    expect(sent).toBe(5);
    expect(out.bytes[0]).toBe(120);
  });

  it('applies id transforms (trim by default) before the rules', () => {
    expect(check(['  CRM-9 ', 'g', ''], 1, ctx()).line).toBe('CRM-9,g,');
  });
});
