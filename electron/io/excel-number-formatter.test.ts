// numberFormatter (compiled once per cell style by the xlsx reader) shows every number exactly as
// formatCell does, including from its cache of shown dates.
import { describe, expect, it } from 'vitest';
import { formatCell, numberFormatter } from './excel-format.js';

const FORMATS = [
  undefined, '', '@', 'General', '0', '000000', '0.00', '#,##0', '#,##0.00', '0%', '0.0%', '0.00E+00', '#,##0;(#,##0)', '"$"#,##0.00',
  '[$€-407] #,##0', '0.0"kg"', '"Day" 0', 'General" pts"', 'yyyy-mm-dd', 'yyyy\\-mm\\-dd', 'mm-dd-yy', 'm/d/yy h:mm AM/PM', 'hh:mm:ss', '[h]:mm:ss',
  'yyyy"년" m"월" d"일"', 'dddd, mmmm d',
];

const VALUES = [
  0, -0, 1, -1, 7, 42, 99_999, 123_456, 1_234_567_890_123, 999_999_999_999_999, 1e15, Number('123456789012345678'), -Number('123456789012345678'), 1e21, 1e-10,
  0.1 + 0.2, 12.5, -12.5, 1234.5, 1234567.891, 0.256, 45716, 45716.5, 46000.999988, 25569, 1, 60, 61, 2958465,
];

describe('numberFormatter', () => {
  it('matches formatCell for every format and value, twice (the second time from the date cache)', () => {
    for (const fmt of FORMATS) {
      const f = numberFormatter(fmt);
      for (const v of VALUES) {
        const want = formatCell(v, fmt);
        expect(f(v), `${v} in ${JSON.stringify(fmt)}`).toBe(want);
        expect(f(v), `${v} in ${JSON.stringify(fmt)} again`).toBe(want);
      }
    }
  });

  it('is compiled once per format', () => {
    expect(numberFormatter('0.00')).toBe(numberFormatter('0.00'));
  });

  it('keeps showing the right dates after its date cache fills and is emptied', () => {
    const f = numberFormatter('yyyy-mm-dd');
    for (let serial = 40_000; serial < 40_000 + 10_000; serial++) expect(f(serial)).toBe(formatCell(serial, 'yyyy-mm-dd'));
  });
});
