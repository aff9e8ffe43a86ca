import { describe, expect, it } from 'vitest';
import { convertNumberComma, likelyReading, numberCommaShape } from './number-comma.js';

describe('numbers written with a comma', () => {
  it('tells the shapes apart: decimal comma, thousands separators, or both readings', () => {
    for (const v of ['1.234,50', '98,00', '0,50', '-0,5', '1 234,50', '1\u00a0234,50', "1'234,5", '1234,567', '0,500', '€ 1.234,50', '12,5 %', '3,14159']) {
      expect(numberCommaShape(v), v).toBe('decimal');
    }
    for (const v of ['1,234,567', '1,234.50', '12,345,678.9', '$1,234,567']) expect(numberCommaShape(v), v).toBe('thousands');
    for (const v of ['1,234', '999,000', '-12,345']) expect(numberCommaShape(v), v).toBe('ambiguous');
  });

  it('leaves text and plain numbers alone (they are not numbers with a comma)', () => {
    for (const v of ['Berlin, Mitte', 'a,b', '1234.50', '1234', '12,03,2020', '1,2,3', ',', '1,', ',5', 'gold, silver', '10,5kg', '']) {
      expect(numberCommaShape(v), v).toBeNull();
    }
  });

  it('converts by the reading chosen, keeping every digit, the sign, currency and unit', () => {
    expect(convertNumberComma('1.234,50', 'decimal')).toBe('1234.50');
    expect(convertNumberComma('98,00', 'decimal')).toBe('98.00');
    expect(convertNumberComma('0,50', 'decimal')).toBe('0.50');
    expect(convertNumberComma('-1 234,5', 'decimal')).toBe('-1234.5');
    expect(convertNumberComma('€ 1.234,50', 'decimal')).toBe('€ 1234.50');
    expect(convertNumberComma('12,5 %', 'decimal')).toBe('12.5 %');
    expect(convertNumberComma('1,234', 'decimal')).toBe('1.234');
    expect(convertNumberComma('1,234,567', 'thousands')).toBe('1234567');
    expect(convertNumberComma('1,234.50', 'thousands')).toBe('1234.50');
    expect(convertNumberComma('1,234', 'thousands')).toBe('1234');
  });

  it('refuses a reading that does not fit instead of guessing (98,00 has no thousands)', () => {
    expect(convertNumberComma('98,00', 'thousands')).toBeNull();
    expect(convertNumberComma('1.234,50', 'thousands')).toBeNull();
    expect(convertNumberComma('1,234,567', 'decimal')).toBeNull();
    expect(convertNumberComma('Berlin, Mitte', 'decimal')).toBeNull();
  });

  it('suggests the reading most values fit; with only ambiguous values, the file separator decides', () => {
    expect(likelyReading({ decimal: 3, thousands: 0 }, ',')).toBe('decimal');
    expect(likelyReading({ decimal: 0, thousands: 2 }, ';')).toBe('thousands');
    expect(likelyReading({ decimal: 0, thousands: 0 }, ';')).toBe('decimal');
    expect(likelyReading({ decimal: 0, thousands: 0 }, ',')).toBe('thousands');
  });
});
