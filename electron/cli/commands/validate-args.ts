import { ENCODING_NAMES, DELIMITERS, type Delimiter, type EncodingName, type ReadOptions } from '../../io/table-types.js';
import { idKindSchema, type IdKind } from '../../../shared/domain/id-kind.js';
import { duplicatePolicySchema, type DuplicatePolicy } from '../../../shared/validation/duplicate-policy.js';
import type { ValueFix, ValueFixes } from '../../../shared/validation/value-fixes.js';
import type { NumberReading } from '../../../shared/validation/number-comma.js';
import { CliUsageError } from '../cli-types.js';
import type { CliOptions, ParsedFlags } from '../parse-flags.js';

/** The parsed `validate` command line. */
export interface ValidateArgs {
  readonly file: string;
  readonly idColumn: string | null;
  readonly idType: IdKind | null;
  readonly map: readonly { readonly column: string; readonly param: string }[] | null;
  readonly template: string | null;
  readonly read: ReadOptions;
  readonly out: string | null;
  readonly json: boolean;
  readonly duplicates: DuplicatePolicy;
  readonly fixes: ValueFixes;
  readonly batchRows: number | undefined;
  readonly maxIssues: number;
  /** Columns named by `--allow-personal-data`: sent although the personal-data guard found personal data in them. */
  readonly allowPersonalData: readonly string[];
}

const ENCODING_ALIASES: Readonly<Record<string, EncodingName>> = {
  utf8: 'utf-8',
  'utf-8-bom': 'utf-8',
  'euc-kr': 'cp949',
  euckr: 'cp949',
  'ks_c_5601-1987': 'cp949',
  uhc: 'cp949',
  sjis: 'shift_jis',
  'shift-jis': 'shift_jis',
  cp932: 'shift_jis',
  'windows-31j': 'shift_jis',
  cp1252: 'windows-1252',
  latin1: 'windows-1252',
  'iso-8859-1': 'windows-1252',
  utf16le: 'utf-16le',
  'utf-16': 'utf-16le',
  utf16be: 'utf-16be',
};

function encodingOf(text: string): EncodingName {
  const k = text.trim().toLowerCase();
  const name = (ENCODING_NAMES as readonly string[]).includes(k) ? (k as EncodingName) : ENCODING_ALIASES[k];
  if (!name) throw new CliUsageError(`unknown --encoding "${text}"; use one of ${ENCODING_NAMES.join(', ')}`);
  return name;
}

function delimiterOf(text: string): Delimiter {
  const d = text === 'tab' || text === '\\t' ? '\t' : text === 'semicolon' ? ';' : text === 'comma' ? ',' : text === 'pipe' ? '|' : text;
  if (!(DELIMITERS as readonly string[]).includes(d)) throw new CliUsageError(`unknown --delimiter "${text}"; use , ; tab or |`);
  return d as Delimiter;
}

function fixOf(flag: string, text: string | undefined, choices = 'block, strip or replace:X'): ValueFix {
  if (text === undefined || text === 'block') return { kind: 'block' };
  if (text === 'strip') return { kind: 'strip' };
  if (text.startsWith('replace:')) {
    const withText = text.slice('replace:'.length);
    if (/[,\r\n]/.test(withText) || withText.length > 8) throw new CliUsageError(`--${flag} replace:X needs a short X without commas or line breaks`);
    return { kind: 'replace', with: withText };
  }
  throw new CliUsageError(`--${flag} must be ${choices} (got "${text}")`);
}

/**
 * Reads every `--comma` given: at most one fix for commas in text (`block`, `strip`, `replace:X`) and at
 * most one reading for numbers written with a comma (`decimal`: 1.234,50 → 1234.50; `thousands`:
 * 1,234,567 → 1234567). Numbers are never stripped as text: without a reading they stay blocked.
 */
function commaFixesOf(values: readonly string[]): { comma: ValueFix; numbers: NumberReading | null } {
  let comma: ValueFix | null = null;
  let numbers: NumberReading | null = null;
  for (const v of values) {
    if (v === 'decimal' || v === 'thousands') {
      if (numbers !== null && numbers !== v) throw new CliUsageError(`--comma ${numbers} and --comma ${v} cannot both apply; numbers are read one way`);
      numbers = v;
    } else {
      const fix = fixOf('comma', v, 'block, strip, replace:X, decimal or thousands');
      if (comma !== null && JSON.stringify(comma) !== JSON.stringify(fix)) throw new CliUsageError(`--comma ${v} conflicts with an earlier --comma for text`);
      comma = fix;
    }
  }
  return { comma: comma ?? { kind: 'block' }, numbers };
}

function positiveInt(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new CliUsageError(`--${flag} must be a whole number of at least 1 (got "${text}")`);
  return n;
}

/** Parses `--map COL=param,COL2=param2` (repeatable); the last `=` of each item separates column from parameter. */
export function parseMap(values: readonly string[]): { column: string; param: string }[] {
  const out: { column: string; param: string }[] = [];
  for (const value of values) {
    for (const item of value.split(',')) {
      if (item.trim() === '') continue;
      const at = item.lastIndexOf('=');
      if (at <= 0 || at === item.length - 1) throw new CliUsageError(`--map item "${item}" must look like COLUMN=param`);
      out.push({ column: item.slice(0, at), param: item.slice(at + 1) });
    }
  }
  return out;
}

function fixesOf(comma: readonly string[], lineBreak: string | undefined, longValues: string | undefined): ValueFixes {
  const c = commaFixesOf(comma);
  if (longValues !== undefined && longValues !== 'keep' && longValues !== 'cut') throw new CliUsageError(`--long-values must be keep or cut (got "${longValues}")`);
  return { comma: c.comma, lineBreak: fixOf('line-break', lineBreak), numbers: { columns: {}, all: c.numbers }, ...(longValues === 'cut' ? { longValues } : {}) };
}

/** The flags of `validate` (and of `upload`, which prepares a file the same way). */
export const VALIDATE_OPTIONS = {
  'id-column': { type: 'string' },
  'id-type': { type: 'string' },
  map: { type: 'string', multiple: true },
  template: { type: 'string' },
  encoding: { type: 'string' },
  delimiter: { type: 'string' },
  sheet: { type: 'string' },
  'header-row': { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean' },
  duplicates: { type: 'string' },
  comma: { type: 'string', multiple: true },
  'line-break': { type: 'string' },
  'long-values': { type: 'string' },
  'batch-rows': { type: 'string' },
  'max-issues': { type: 'string' },
  'allow-personal-data': { type: 'string', multiple: true },
} as const satisfies CliOptions;

/** Turns the parsed `validate` flags and its FILE into ValidateArgs; throws CliUsageError (exit 2) with a one-line reason. */
export function validateArgsOf(values: ParsedFlags<typeof VALIDATE_OPTIONS>['values'], positionals: readonly string[]): ValidateArgs {
  if (positionals.length !== 1) throw new CliUsageError(positionals.length === 0 ? 'name the FILE to validate' : `expected one FILE, got ${positionals.length}`);
  const idType = values['id-type'];
  if (idType !== undefined && !idKindSchema.safeParse(idType).success) throw new CliUsageError(`--id-type must be thirdPartyId or pcId (got "${idType}")`);
  if (values.template === undefined && (values['id-column'] === undefined || idType === undefined)) {
    throw new CliUsageError('--id-column COL and --id-type thirdPartyId|pcId are required (or give --template)');
  }
  const dup = values.duplicates ?? 'flag';
  if (!duplicatePolicySchema.safeParse(dup).success) throw new CliUsageError(`--duplicates must be merge, last-wins, first-wins or flag (got "${dup}")`);
  const headerRow = positiveInt('header-row', values['header-row']);
  const read: ReadOptions = {
    ...(values.encoding !== undefined ? { encoding: encodingOf(values.encoding) } : {}),
    ...(values.delimiter !== undefined ? { delimiter: delimiterOf(values.delimiter) } : {}),
    ...(values.sheet !== undefined ? { sheet: values.sheet } : {}),
    ...(headerRow !== undefined ? { headerRow } : {}),
  };
  return {
    file: positionals[0]!,
    idColumn: values['id-column'] ?? null,
    idType: (idType as IdKind | undefined) ?? null,
    map: values.map ? parseMap(values.map) : null,
    template: values.template ?? null,
    read,
    out: values.out ?? null,
    json: values.json ?? false,
    duplicates: dup as DuplicatePolicy,
    fixes: fixesOf(values.comma ?? [], values['line-break'], values['long-values']),
    batchRows: positiveInt('batch-rows', values['batch-rows']),
    maxIssues: positiveInt('max-issues', values['max-issues']) ?? 10_000,
    allowPersonalData: values['allow-personal-data'] ?? [],
  };
}
