import { describe, expect, it } from 'vitest';
import { formatCell, isDateFormat } from './excel-format.js';

const utc = (y: number, m: number, d: number, h = 0, min = 0, s = 0): Date => new Date(Date.UTC(y, m - 1, d, h, min, s));

describe('formatCell: numbers as the sheet shows them', () => {
  const cases: [unknown, string | undefined, string][] = [
    [123, '000000', '000123'],
    [42, '0000000000', '0000000042'],
    [Number('123456789012345678'), '0', '123456789012346000'], // Excel keeps 15 significant digits
    [Number('123456789012345678'), '@', '123456789012346000'],
    [1234567890123, undefined, '1234567890123'], // General: no 1.23457E+12 for integers
    [1234567890123, 'General', '1234567890123'],
    [0.1 + 0.2, undefined, '0.3'],
    [12.5, '#,##0.00', '12.50'],
    [1234567.891, '#,##0.00', '1,234,567.89'],
    [1234567.891, '#,##0', '1,234,568'],
    [0.256, '0.0%', '25.6%'],
    [-5, '#,##0;(#,##0)', '(5)'],
    [-5, '0', '-5'],
    [1234.5, '"$"#,##0.00', '$1,234.50'],
    [1000, '[$€-407] #,##0', '€ 1,000'],
    [3.5, '0.0"kg"', '3.5kg'],
    [12345, '0.00E+00', '1.23E+04'],
    [true, undefined, 'TRUE'],
    ['000123', '@', '000123'],
  ];
  for (const [value, fmt, shown] of cases) {
    it(`${String(value)} with ${JSON.stringify(fmt)} → ${shown}`, () => {
      expect(formatCell(value, fmt)).toBe(shown);
    });
  }
});

describe('formatCell: dates and times', () => {
  const cases: [Date | number, string, string][] = [
    [utc(2026, 11, 1), 'yyyy-mm-dd', '2026-11-01'],
    [utc(2026, 11, 1), 'mm-dd-yy', '2026-11-01'], // built-in 14: the locale short date, shown as ISO
    [utc(2026, 1, 2), 'mm/dd/yyyy', '01/02/2026'],
    [utc(2026, 1, 2), 'dd.mm.yyyy', '02.01.2026'],
    [utc(2026, 1, 5), 'd mmm yyyy', '5 Jan 2026'],
    [utc(2026, 1, 5), 'dddd, mmmm d', 'Monday, January 5'],
    [utc(2026, 11, 1, 14, 5, 9), 'yyyy-mm-dd hh:mm:ss', '2026-11-01 14:05:09'],
    [utc(2026, 1, 5, 15, 30), 'm/d/yy h:mm AM/PM', '1/5/26 3:30 PM'],
    [utc(2026, 11, 1), 'yyyy"년" m"월" d"일"', '2026년 11월 1일'],
    [46000, 'yyyy-mm-dd', '2025-12-09'], // a serial number in a date format (formula result)
    [utc(2026, 3, 4, 23, 59, 59), 'hh:mm', '23:59'],
  ];
  for (const [value, fmt, shown] of cases) {
    it(`${value instanceof Date ? value.toISOString() : value} with ${fmt} → ${shown}`, () => {
      expect(formatCell(value, fmt)).toBe(shown);
    });
  }

  it('recognises date formats and not number formats', () => {
    expect(isDateFormat('yyyy-mm-dd')).toBe(true);
    expect(isDateFormat('[$-409]d-mmm-yy;@')).toBe(true);
    expect(isDateFormat('0.00')).toBe(false);
    expect(isDateFormat('"Day" 0')).toBe(false);
    expect(isDateFormat('@')).toBe(false);
  });
});

describe('formatCell: other values', () => {
  it('rich text, formula results, hyperlinks and errors', () => {
    expect(formatCell({ richText: [{ text: '홍' }, { text: '길동' }] }, undefined)).toBe('홍길동');
    expect(formatCell({ formula: 'A1*2', result: 7 }, '000')).toBe('007');
    expect(formatCell({ formula: 'TODAY()' }, 'yyyy-mm-dd')).toBe('');
    expect(formatCell({ text: 'site', hyperlink: 'https://example.com' }, undefined)).toBe('site');
    expect(formatCell({ error: '#N/A' }, undefined)).toBe('#N/A');
    expect(formatCell(null, '0')).toBe('');
    expect(formatCell({ sharedString: 99 }, undefined)).toBe('');
  });
});
