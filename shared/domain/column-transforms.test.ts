import { describe, expect, it } from 'vitest';
import { compileTransforms } from './column-transforms.js';
import { columnTransformSchema, defaultMapping, mappingSpecSchema } from './mapping-spec.js';
import { makeTemplate, parseTemplate, templateFits } from './mapping-template.js';
import { applyRowEdit, RowOverlay } from './row-overlay.js';
import { compileMapping } from './compile-mapping.js';

const t = (...steps: unknown[]) => compileTransforms(steps.map((s) => columnTransformSchema.parse(s)))!;

describe('compileTransforms', () => {
  it('returns null for an empty chain (fast path)', () => {
    expect(compileTransforms([])).toBeNull();
  });
  it('trims and changes case in order', () => {
    expect(t({ kind: 'trim' }, { kind: 'case', to: 'upper' })('  gold ')).toBe('GOLD');
    expect(t({ kind: 'case', to: 'lower' })('GoLd')).toBe('gold');
  });
  it('maps values, with keep, empty and fail for unlisted ones', () => {
    expect(t({ kind: 'valueMap', map: { G: 'gold' } })('G')).toBe('gold');
    expect(t({ kind: 'valueMap', map: { G: 'gold' }, ignoreCase: true })('g')).toBe('gold');
    expect(t({ kind: 'valueMap', map: { G: 'gold' } })('S')).toBe('S');
    expect(t({ kind: 'valueMap', map: { G: 'gold' }, otherwise: 'empty' })('S')).toBe('');
    expect(t({ kind: 'valueMap', map: { G: 'gold' }, otherwise: 'fail' })('S')).toBeNull();
  });
  it('re-formats dates and rejects impossible ones', () => {
    expect(t({ kind: 'date', from: 'DD/MM/YYYY', to: 'YYYY-MM-DD' })('3/7/2024')).toBe('2024-07-03');
    expect(t({ kind: 'date', from: 'auto', to: 'YYYY-MM-DD' })('2024. 07. 03')).toBe('2024-07-03');
    expect(t({ kind: 'date', from: 'auto', to: 'DD.MM.YYYY' })('20240703')).toBe('03.07.2024');
    expect(t({ kind: 'date', from: 'DD/MM/YYYY', to: 'YYYY-MM-DD' })('31/02/2024')).toBeNull();
    expect(t({ kind: 'date', from: 'DD/MM/YYYY', to: 'YYYY-MM-DD' })('')).toBe('');
  });
  it('normalises booleans in several languages', () => {
    const b = t({ kind: 'boolean' });
    expect(['Y', 'yes', '1', '예', 'TRUE'].map(b)).toEqual(['true', 'true', 'true', 'true', 'true']);
    expect(['n', 'No', '0', '아니오'].map(b)).toEqual(['false', 'false', 'false', 'false']);
    expect(b('maybe')).toBeNull();
    expect(t({ kind: 'boolean', trueValue: 'Y', falseValue: 'N' })('true')).toBe('Y');
  });
});

describe('mapping spec and templates', () => {
  it('defaultMapping sends every other non-empty column under its own name, id trimmed', () => {
    const m = defaultMapping(['id', 'tier', '', 'city', 'tier', 'id'], 'id', 'thirdPartyId');
    expect(m.columns.map((c) => [c.column, c.param])).toEqual([['tier', 'tier'], ['city', 'city']]);
    expect(m.idTransforms).toEqual([{ kind: 'trim' }]);
  });
  it('round-trips a template through JSON and refuses bad ones with a reason', () => {
    const headers = ['id', 'tier'];
    const tpl = makeTemplate('crm', headers, defaultMapping(headers, 'id', 'pcId'));
    const back = parseTemplate(JSON.stringify(tpl));
    expect(back).toEqual({ ok: true, template: tpl });
    expect(templateFits(tpl, ['tier', 'ID'])).toBe(true);
    expect(templateFits(tpl, ['tier'])).toBe(false);
    expect(parseTemplate('{')).toEqual({ ok: false, reason: 'not-json' });
    const bad = parseTemplate(JSON.stringify({ ...tpl, mapping: { ...tpl.mapping, idKind: 'ecid' } }));
    expect(bad).toMatchObject({ ok: false, reason: 'invalid', field: 'mapping.idKind' });
  });
  it('compileMapping reports absent columns, honours ignored ones and appends constants', () => {
    const spec = mappingSpecSchema.parse({ idColumn: 'id', idKind: 'thirdPartyId', columns: [{ column: 'a', param: 'pa' }, { column: 'b', param: 'pb' }], ignored: ['b'], constants: [{ param: 'src', value: 'crm' }] });
    const ok = compileMapping(spec, ['b', 'id', 'a']);
    expect(ok.ok && ok.mapping.params.map((p) => [p.name, p.index, p.constant])).toEqual([['pa', 2, null], ['src', -1, 'crm']]);
    expect(compileMapping(spec, ['a'])).toEqual({ ok: false, missingId: 'id', missingColumns: ['b'] });
  });
});

describe('RowOverlay', () => {
  it('merges edits of a row and applies cell edits by header', () => {
    const o = new RowOverlay([{ row: 3, cells: { a: 'x' } }]);
    o.set({ row: 3, exclude: true });
    o.set({ row: 3, cells: { b: 'y' } });
    expect(o.get(3)).toEqual({ row: 3, exclude: true, cells: { a: 'x', b: 'y' } });
    o.set({ row: 3, exclude: false });
    expect(o.get(3)?.exclude).toBe(false);
    const cells = ['1', '2', '3'];
    expect(applyRowEdit(cells, ['a', 'b', 'c'], o.get(3))).toEqual(['x', 'y', '3']);
    expect(cells).toEqual(['1', '2', '3']);
    o.clear(3);
    expect(o.size).toBe(0);
  });
});
