// Renders an Excel cell value as the sheet shows it, using the cell's number format: identifiers
// with leading zeros ("000123"), long numbers without scientific notation, dates as formatted.
// Covers the common formats (General, @, 0…, #,##0.00, %, E+, dates and times), not every Excel feature.

/** Excel's date serial (1900 system) of a JS Date stored as UTC, as exceljs produces. */
function toSerial(d: Date): number {
  return d.getTime() / 86_400_000 + 25_569;
}

function fromSerial(serial: number): Date {
  return new Date(Math.round((serial - 25_569) * 86_400) * 1000);
}

function splitSections(fmt: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i] as string;
    if (c === '"') quoted = !quoted;
    if (c === '\\' && !quoted) {
      cur += c + (fmt[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === ';' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** Removes quoted literals, escapes and [..] parts so only format codes remain. */
function codesOnly(section: string): string {
  return section.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[[^\]]*\]/g, '');
}

const dateFormatFlags = new Map<string, boolean>();

/** True when a number format shows a date or a time. */
export function isDateFormat(fmt: string | undefined): boolean {
  if (fmt === undefined || fmt === '' || fmt === 'General' || fmt === '@') return false;
  let flag = dateFormatFlags.get(fmt);
  if (flag === undefined) {
    const section = codesOnly(splitSections(fmt)[0] ?? '');
    flag = /[dmyhs]/i.test(section) && !/[0#?]/.test(section.replace(/\.0+/g, ''));
    dateFormatFlags.set(fmt, flag);
  }
  return flag;
}

/** Digits of `abs` with `decimals` places, keeping at most 15 significant digits as Excel does. */
function fixedDigits(abs: number, decimals: number): string {
  if (abs >= 1e15) {
    const [mantissa = '0', exp = '0'] = abs.toPrecision(15).split('e+');
    const digits = mantissa.replace('.', '');
    const intLength = Number(exp) + 1;
    const int = intLength >= digits.length ? digits + '0'.repeat(intLength - digits.length) : digits.slice(0, intLength);
    return decimals > 0 ? `${int}.${'0'.repeat(decimals)}` : int;
  }
  return Number(abs.toPrecision(15)).toFixed(decimals);
}

/** General and text (@) formats: every integer digit (15 significant), up to 15 significant digits otherwise. */
function general(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const abs = Math.abs(v);
  if (abs !== 0 && (abs >= 1e21 || abs < 1e-9)) return v.toExponential().toUpperCase();
  // Below 1e15 an integer is exact, and JavaScript writes it digit for digit: the common case, made cheap.
  if (Number.isInteger(v) && abs < 1e15) return String(v);
  if (Number.isInteger(v) || abs >= 1e15) return (v < 0 ? '-' : '') + fixedDigits(abs, 0);
  return String(Number(v.toPrecision(15)));
}

function group(int: string): string {
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function literal(part: string): string {
  return part
    .replace(/\[\$([^\]-]*)(-[^\]]*)?\]/g, '$1')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/"([^"]*)"/g, '$1')
    .replace(/\\(.)/g, '$1')
    .replace(/_./g, ' ')
    .replace(/\*./g, '');
}

interface NumberSection {
  readonly general: boolean;
  readonly literalGeneral: string;
  readonly before: string;
  readonly after: string;
  readonly percent: boolean;
  readonly expDigits: number | null;
  readonly decimals: number;
  readonly minDecimals: number;
  readonly optionalDecimals: boolean;
  readonly minInt: number;
  readonly grouped: boolean;
  readonly scale: number;
  readonly onlyLiteral: string | null;
}

function compileSection(section: string): NumberSection {
  const base = { before: '', after: '', percent: false, expDigits: null, decimals: 0, minDecimals: 0, optionalDecimals: false, minInt: 0, grouped: false, scale: 1 };
  if (/^\s*(General)?\s*$/i.test(codesOnly(section)) && !/[0#?]/.test(codesOnly(section))) {
    return { ...base, general: true, literalGeneral: literal(section), onlyLiteral: null };
  }
  const codes = section.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, (m) => '\u0000'.repeat(m.length));
  const match = /[0#?,.]*[0#?][0#?,.]*(E[+-][0#]+)?/i.exec(codes);
  if (match === null) return { ...base, general: false, literalGeneral: '', onlyLiteral: literal(section) };
  const pattern = match[0];
  const exp = /E[+-]([0#]+)$/i.exec(pattern);
  const numberPart = exp ? pattern.slice(0, exp.index) : pattern;
  const [intPattern = '', decPattern = ''] = numberPart.split('.');
  const trailingCommas = /,+$/.exec(intPattern)?.[0].length ?? 0;
  return {
    general: false,
    literalGeneral: '',
    onlyLiteral: null,
    before: literal(section.slice(0, match.index)),
    after: literal(section.slice(match.index + pattern.length)),
    percent: /%/.test(codes),
    expDigits: exp ? (exp[1] ?? '00').length : null,
    decimals: (decPattern.match(/[0#?]/g) ?? []).length,
    minDecimals: (decPattern.match(/0/g) ?? []).length,
    optionalDecimals: /#/.test(decPattern),
    minInt: (intPattern.match(/0/g) ?? []).length,
    grouped: /[0#?],[0#?]/.test(intPattern),
    scale: 1000 ** trailingCommas,
  };
}

function renderSection(sec: NumberSection, value: number, sign: string): string {
  if (sec.general) {
    const body = general(Math.abs(value));
    const lit = sec.literalGeneral.replace(/General/i, body);
    return sign + (lit.includes(body) ? lit : body);
  }
  if (sec.onlyLiteral !== null) return sec.onlyLiteral;
  let abs = Math.abs(value);
  if (sec.percent) abs *= 100;
  let body: string;
  if (sec.expDigits !== null) {
    const [m = '0', e = '0'] = abs.toExponential(sec.decimals).split('e');
    const n = Number(e);
    body = `${m}E${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(sec.expDigits, '0')}`;
  } else {
    let [int = '0', dec] = fixedDigits(abs / sec.scale, sec.decimals).split('.');
    if (int === '0' && sec.minInt === 0) int = '';
    int = int.padStart(sec.minInt, '0');
    if (sec.grouped) int = group(int);
    if (dec !== undefined && sec.optionalDecimals) dec = dec.replace(/0+$/, '').padEnd(sec.minDecimals, '0');
    body = dec !== undefined && dec !== '' ? `${int}.${dec}` : int;
  }
  return sign + sec.before + body + sec.after;
}

const numberFormats = new Map<string, readonly NumberSection[]>();

function formatNumber(v: number, fmt: string): string {
  let sections = numberFormats.get(fmt);
  if (sections === undefined) {
    sections = splitSections(fmt).map(compileSection);
    numberFormats.set(fmt, sections);
  }
  if (v < 0 && sections.length >= 2) return renderSection(sections[1] as NumberSection, -v, '');
  if (v === 0 && sections.length >= 3) return renderSection(sections[2] as NumberSection, v, '');
  return renderSection(sections[0] as NumberSection, v, v < 0 ? '-' : '');
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

type DatePart = { readonly lit: string } | { readonly code: string };

const dateFormats = new Map<string, readonly DatePart[]>();

/** Splits a date format into literal text and codes; m/mm become 'min'/'min2' next to hours or seconds. */
function compileDate(fmt: string): readonly DatePart[] {
  const section = splitSections(fmt)[0] ?? '';
  const raw: { t: string; lit: boolean }[] = [];
  const re = /"([^"]*)"|\\(.)|\[(h+|m+|s+)\]|(\[[^\]]*\])|(yyyy|yy|y+|mmmmm|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|AM\/PM|am\/pm|A\/P|a\/p|\.0+|e)|([\s\S])/gi;
  for (const m of section.matchAll(re)) {
    if (m[1] !== undefined) raw.push({ t: m[1], lit: true });
    else if (m[2] !== undefined) raw.push({ t: m[2], lit: true });
    else if (m[3] !== undefined) raw.push({ t: `[${m[3].toLowerCase()}]`, lit: false });
    else if (m[4] !== undefined) continue;
    else if (m[5] !== undefined) raw.push({ t: m[5].toLowerCase(), lit: false });
    else raw.push({ t: m[6] ?? '', lit: true });
  }
  const codes = raw.filter((x) => !x.lit);
  const ampm = codes.some((x) => x.t === 'am/pm' || x.t === 'a/p');
  return raw.map((x): DatePart => {
    if (x.lit) return { lit: x.t };
    if (x.t === 'm' || x.t === 'mm') {
      const i = codes.indexOf(x);
      const prev = codes[i - 1]?.t ?? '';
      const next = codes[i + 1]?.t ?? '';
      if (/^h|^\[h/.test(prev) || /^s/.test(next)) return { code: x.t === 'mm' ? 'min2' : 'min' };
    }
    if (ampm && (x.t === 'h' || x.t === 'hh')) return { code: `${x.t}12` };
    return { code: x.t };
  });
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

function datePart(code: string, d: Date): string {
  const hours = d.getUTCHours();
  switch (code) {
    case 'yyyy':
    case 'e':
      return String(d.getUTCFullYear());
    case 'yy':
      return pad(d.getUTCFullYear() % 100);
    case 'm':
      return String(d.getUTCMonth() + 1);
    case 'mm':
      return pad(d.getUTCMonth() + 1);
    case 'mmm':
      return (MONTHS[d.getUTCMonth()] ?? '').slice(0, 3);
    case 'mmmm':
      return MONTHS[d.getUTCMonth()] ?? '';
    case 'mmmmm':
      return (MONTHS[d.getUTCMonth()] ?? '').slice(0, 1);
    case 'min':
      return String(d.getUTCMinutes());
    case 'min2':
      return pad(d.getUTCMinutes());
    case 'd':
      return String(d.getUTCDate());
    case 'dd':
      return pad(d.getUTCDate());
    case 'ddd':
      return (DAYS[d.getUTCDay()] ?? '').slice(0, 3);
    case 'dddd':
      return DAYS[d.getUTCDay()] ?? '';
    case 'h':
      return String(hours);
    case 'hh':
      return pad(hours);
    case 'h12':
      return String(hours % 12 === 0 ? 12 : hours % 12);
    case 'hh12':
      return pad(hours % 12 === 0 ? 12 : hours % 12);
    case 's':
      return String(d.getUTCSeconds());
    case 'ss':
      return pad(d.getUTCSeconds());
    case 'am/pm':
      return hours < 12 ? 'AM' : 'PM';
    case 'a/p':
      return hours < 12 ? 'A' : 'P';
    case '[h]':
    case '[hh]':
      return String(Math.floor(toSerial(d) * 24));
    default:
      if (/^y+$/.test(code)) return String(d.getUTCFullYear());
      return code.startsWith('.') ? '' : code;
  }
}

function formatDate(date: Date, fmt: string): string {
  // Built-in format 14 is the reader's locale short date; ISO is unambiguous in every locale.
  if (fmt === 'mm-dd-yy' || fmt === '' || fmt === 'General') fmt = 'yyyy-mm-dd';
  let parts = dateFormats.get(fmt);
  if (parts === undefined) {
    parts = compileDate(fmt);
    dateFormats.set(fmt, parts);
  }
  const d = new Date(Math.round(date.getTime() / 1000) * 1000);
  let out = '';
  for (const part of parts) out += 'lit' in part ? part.lit : datePart(part.code, d);
  return out;
}

interface RichText {
  readonly richText: readonly { readonly text: string }[];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** How many shown dates one date format keeps (a sheet's dates repeat: birthdays, join dates). */
const DATE_CACHE_SIZE = 4096;

/** Compiles what formatCell does to a number in `fmt` into one function. */
function compileFormatter(fmt: string): (v: number) => string {
  if (isDateFormat(fmt)) {
    const shown = new Map<number, string>();
    return (v) => {
      let text = shown.get(v);
      if (text === undefined) {
        if (shown.size >= DATE_CACHE_SIZE) shown.clear();
        text = formatDate(fromSerial(v), fmt);
        shown.set(v, text);
      }
      return text;
    };
  }
  const sections = splitSections(fmt).map(compileSection);
  const only = sections[0] as NumberSection;
  // Plain "General" (the style of most cells): the sign, then General's digits.
  if (sections.length === 1 && only.general && only.literalGeneral === 'General') return (v) => (v < 0 ? '-' : '') + general(Math.abs(v));
  return (v) => formatNumber(v, fmt);
}

const formatters = new Map<string, (v: number) => string>();

/**
 * Returns the function that shows a number in format `fmt` exactly as formatCell(number, fmt) does,
 * compiled once per format (a reader keeps one per cell style).
 */
export function numberFormatter(fmt: string | undefined): (v: number) => string {
  if (fmt === undefined || fmt === '' || fmt === '@') return general;
  let f = formatters.get(fmt);
  if (f === undefined) {
    f = compileFormatter(fmt);
    formatters.set(fmt, f);
  }
  return f;
}

/** Returns the text a cell shows for an exceljs cell value and number format; never throws. */
export function formatCell(value: unknown, numFmt: string | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (isDateFormat(numFmt)) return formatDate(fromSerial(value), numFmt as string);
    if (numFmt === undefined || numFmt === '' || numFmt === '@') return general(value);
    return formatNumber(value, numFmt);
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : formatDate(value, isDateFormat(numFmt) ? (numFmt as string) : 'yyyy-mm-dd');
  if (isObject(value)) {
    if (Array.isArray((value as Partial<RichText>).richText)) return (value as unknown as RichText).richText.map((r) => r.text).join('');
    if ('result' in value) return formatCell(value.result, numFmt);
    if ('formula' in value || 'sharedFormula' in value) return '';
    if ('text' in value) return formatCell(value.text, numFmt);
    if ('error' in value) return String(value.error);
    return ''; // e.g. a shared-string index the workbook does not define
  }
  return String(value);
}
