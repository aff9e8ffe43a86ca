import { describe, expect, it } from 'vitest';
import { compileMapping } from '../domain/compile-mapping.js';
import { mappingSpecSchema } from '../domain/mapping-spec.js';
import { checkRow, MAX_ROW_BYTES, numberReadingsOf } from './check-row.js';
import { sentCells } from './sent-values.js';
import { DEFAULT_VALUE_FIXES, type ValueFixes } from './value-fixes.js';
import { LineBytes } from '../batch/line-bytes.js';

const headers = ['id', 'Betrag', 'Ort', 'note'];
const spec = mappingSpecSchema.parse({
  idColumn: 'id',
  idKind: 'thirdPartyId',
  columns: [
    { column: 'Betrag', param: 'amount' },
    { column: 'Ort', param: 'city', transforms: [{ kind: 'case', to: 'upper' }] },
  ],
});
const compiled = compileMapping(spec, headers);
if (!compiled.ok) throw new Error('mapping');
const mapping = compiled.mapping;

/** What the grid shows for a row, and what checkRow writes for it into a batch buffer (`batch.line`: null when the row is not sent). */
function both(cells: string[], fixes: ValueFixes) {
  const readings = numberReadingsOf(mapping, fixes);
  const out = new LineBytes(16);
  const checked = checkRow(cells, 1, { mapping, fixes, readings, idShape: null, maxRowBytes: MAX_ROW_BYTES }, out);
  const line = checked.sendable ? new TextDecoder().decode(out.bytes.subarray(0, out.pos)) : null;
  return { shown: sentCells(cells, mapping, fixes, readings), batch: { ...checked, line } };
}

describe('sentCells: what the grid shows is what the batch carries', () => {
  it('shows the identifier and mapped values after transforms and fixes; unmapped columns are null', () => {
    const fixes: ValueFixes = { ...DEFAULT_VALUE_FIXES, comma: { kind: 'strip' }, numbers: { columns: { Betrag: 'decimal' }, all: null } };
    const { shown, batch } = both([' C-1 ', '1.234,50', 'Berlin, Mitte', 'x'], fixes);
    expect(shown).toEqual(['C-1', '1234.50', 'BERLIN MITTE', null]);
    expect(batch.line).toBe(`C-1,1234.50,${encodeURIComponent('BERLIN MITTE')}`);
  });

  it('never strips a number as text: without a reading it stays as it is and blocks the row', () => {
    const fixes: ValueFixes = { ...DEFAULT_VALUE_FIXES, comma: { kind: 'strip' } };
    const { shown, batch } = both(['C-1', '98,00', 'Köln', ''], fixes);
    expect(shown[1]).toBe('98,00');
    expect(batch.blocked).toBe(true);
    expect(batch.issues.map((i) => i.code)).toEqual(['value-number-comma']);
  });

  it('a reading that does not fit a value keeps that value blocked (98,00 is not thousands)', () => {
    const fixes: ValueFixes = { ...DEFAULT_VALUE_FIXES, numbers: { columns: {}, all: 'thousands' } };
    expect(both(['C-1', '98,00', '', ''], fixes).batch.issues.map((i) => i.code)).toEqual(['value-number-comma']);
    const ok = both(['C-1', '1,234,567', '', ''], fixes);
    expect(ok.batch.line).toBe('C-1,1234567,');
    expect(ok.batch.issues.map((i) => i.code)).toEqual(['value-number-converted']);
  });
});
