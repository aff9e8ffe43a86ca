import { z } from 'zod';

/**
 * How to read a number written with a comma: `decimal` (European: `1.234,50` is 1234.50) or
 * `thousands` (English: `1,234,567` is 1234567).
 */
export const numberReadingSchema = z.enum(['decimal', 'thousands']);
export type NumberReading = z.infer<typeof numberReadingSchema>;

/**
 * The shape of a number that holds a comma: only one reading fits (`decimal`, `thousands`), or both do
 * (`ambiguous`: `1,234` is 1.234 in Germany and 1234 in the US).
 */
export type NumberCommaShape = NumberReading | 'ambiguous';

/** A number-shaped value split into what a conversion keeps (sign, currency, unit) and the digits it rewrites. */
interface NumberParts {
  readonly before: string;
  readonly core: string;
  readonly after: string;
}

// A sign, a currency symbol, the number, and a percent sign, currency symbol or ISO currency code.
const NUMBER = /^([+\-\u2212]?\s?(?:[€$£¥₩]\s?)?)(\d[\d.,'\u00a0\u202f ]*\d|\d)(\s?(?:%|[€$£¥₩]|EUR|USD|GBP|CHF|KRW|JPY))?$/;
const DECIMAL_GROUPED = /^\d{1,3}(?:[.'\u00a0\u202f ]\d{3})+,\d+$/;
const PLAIN_COMMA = /^(\d+),(\d+)$/;
const THOUSANDS_MANY = /^\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?$/;
const THOUSANDS_POINT = /^\d{1,3}(?:,\d{3})+\.\d+$/;
const GROUPING = /[.'\u00a0\u202f ]/g;

function partsOf(value: string): NumberParts | null {
  const m = NUMBER.exec(value.trim());
  if (m === null) return null;
  return { before: m[1] ?? '', core: m[2] ?? '', after: m[3] ?? '' };
}

function shapeOfCore(core: string): NumberCommaShape | null {
  if (!core.includes(',')) return null;
  if (DECIMAL_GROUPED.test(core)) return 'decimal';
  if (THOUSANDS_MANY.test(core) || THOUSANDS_POINT.test(core)) return 'thousands';
  const plain = PLAIN_COMMA.exec(core);
  if (plain === null) return null;
  const [, whole = '', fraction = ''] = plain;
  // `1,234` reads both ways; a leading zero, a long first group or a fraction of other than 3 digits does not.
  if (fraction.length === 3 && whole.length <= 3 && !whole.startsWith('0')) return 'ambiguous';
  return 'decimal';
}

/**
 * Returns the shape of a value that is a number written with a comma (`1.234,50`, `98,00`, `1,234,567`,
 * `€ 1.234,50`, `12,5 %`), or null for anything else (text that holds a comma, a plain number).
 */
export function numberCommaShape(value: string): NumberCommaShape | null {
  const parts = partsOf(value);
  return parts === null ? null : shapeOfCore(parts.core);
}

/**
 * Rewrites a number-shaped value for the chosen reading — `decimal`: `1.234,50` → `1234.50`;
 * `thousands`: `1,234,567` → `1234567` — keeping its sign, currency and unit and every digit. Returns
 * null when the value is not a number with a comma or the reading does not fit it (`98,00` as thousands).
 */
export function convertNumberComma(value: string, reading: NumberReading): string | null {
  const parts = partsOf(value);
  if (parts === null) return null;
  const shape = shapeOfCore(parts.core);
  if (shape === null || (shape !== 'ambiguous' && shape !== reading)) return null;
  const core = reading === 'decimal' ? parts.core.replace(GROUPING, '').replace(',', '.') : parts.core.replace(/,/g, '');
  return `${parts.before}${core}${parts.after}`;
}

/**
 * The reading that fits most of a column's number-shaped values: the one with more values only it fits;
 * with only ambiguous values, `decimal` when the file separates columns with `;` (as European Excel
 * does), else `thousands`.
 */
export function likelyReading(counts: { readonly decimal: number; readonly thousands: number }, delimiter: string | null): NumberReading {
  if (counts.decimal > counts.thousands) return 'decimal';
  if (counts.thousands > counts.decimal) return 'thousands';
  return delimiter === ';' ? 'decimal' : 'thousands';
}
