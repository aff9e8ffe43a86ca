import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CliIo } from '../cli-types.js';
import { defineCommand } from '../define-command.js';
import { prepareFromArgs, type PreparedFromArgs } from '../prepare-from-args.js';
import { ISSUE_SEVERITY } from '../../../shared/validation/issue.js';
import { describeIssue } from '../../messages/issue-words.js';
import { VALIDATE_OPTIONS, validateArgsOf } from './validate-args.js';
import type { PersonalDataColumn } from '../../../shared/privacy/personal-data-kind.js';
import { printPersonalData } from './personal-data-text.js';
import { counted } from '../../messages/plural.js';

const USAGE = `Usage: profile-loader validate FILE --id-column COL --id-type thirdPartyId|pcId [options]

Reads FILE (CSV, TSV, TXT or XLSX), maps it, checks every row against Target's rules and plans the
batches. Exit 0: nothing blocks. Exit 1: blocking issues remain. Exit 2: unusable input or arguments.

  --id-column COL        column holding the identifier
  --id-type T            thirdPartyId or pcId
  --map COL=param,...    send only these columns, under these parameter names (repeatable);
                         without it every column but the identifier is sent under a suggested
                         ASCII name: a clean header as it is, else the glossary of common CRM
                         headers in Korean, Japanese and English, else the header romanised or
                         without accents (Straße -> strasse); see docs/cli-validate.md
  --template T.json      a saved mapping template (its id column and type are used unless given)
  --encoding E           utf-8, utf-16le, utf-16be, cp949 (euc-kr), shift_jis, windows-1252
  --delimiter D          , ; tab or |
  --sheet S              xlsx sheet name
  --header-row N         1-based row of the header (default: detected)
  --duplicates P         flag (default), merge, last-wins or first-wins
  --comma F              commas in text: block (default), strip or replace:X;
                         numbers written with a comma: decimal (1.234,50 -> 1234.50) or
                         thousands (1,234,567 -> 1234567); without one they stay blocked.
                         Repeatable: --comma decimal --comma strip
  --line-break F         block (default), strip or replace:X for line breaks inside values
  --long-values F        values over 256 characters: keep (default; a warning) or cut (send the first 256)
  --batch-rows N         at most N rows per batch (default and maximum 500000)
  --max-issues N         list at most N issues (default 10000; all are counted)
  --allow-personal-data COL
                         send COL although it holds personal data (names, e-mails, phones, …),
                         which is otherwise left out; repeatable. A resident registration number
                         column is never sent (exit 2)
  --out DIR              write the batch files, manifest.json, rows.ledger and rejected-rows.csv to DIR
  --json                 print one JSON object instead of text`;

/** The JSON object `validate --json` prints; documented in docs/cli-validate.md, keep it stable. */
export interface ValidateJson {
  readonly file: string;
  readonly encoding: string | null;
  readonly delimiter: string | null;
  readonly headerRow: number;
  readonly idType: string;
  /** Every parameter sent: its column, its name, and where the name came from (`map`, `template`, `same`, `glossary`, `romanised`, `accents`, `cleaned`, `placeholder`). */
  readonly params: readonly { column: string; param: string; from: string }[];
  readonly rows: number;
  readonly valid: number;
  readonly rejected: number;
  readonly excluded: number;
  readonly issues: readonly { code: string; severity: string; row: number | null; column: string | null; message: string }[];
  readonly issuesTruncated: boolean;
  readonly issueCounts: Readonly<Record<string, number>>;
  readonly batches: readonly { index: number; rows: number; bytes: number; path: string | null }[];
  /** Columns the personal-data guard found; `sent` only when named in --allow-personal-data (or hashed by a template). */
  readonly personalData: readonly PersonalDataColumn[];
}

function toJson(result: PreparedFromArgs, outDir: string | null): ValidateJson {
  const m = result.manifest;
  return {
    file: m.file,
    encoding: m.encoding,
    delimiter: m.delimiter,
    headerRow: m.headerRow,
    idType: m.idType,
    // The parameters really sent: a personal-data column the guard holds back is listed under personalData only.
    params: result.names.filter((n) => !result.personalData.some((c) => c.column === n.column && !c.sent)).map((n) => ({ column: n.column, param: n.param, from: n.from })),
    rows: m.rows,
    valid: m.valid,
    rejected: m.rejected,
    excluded: m.excluded,
    issues: result.issues.map((i) => ({ code: i.code, severity: i.severity, row: i.row, column: i.column, message: describeIssue(i) })),
    issuesTruncated: result.issuesTruncated,
    issueCounts: result.issueCounts,
    batches: m.batches.map((b) => ({ index: b.index, rows: b.rows, bytes: b.bytes, path: outDir === null ? null : join(outDir, b.path) })),
    personalData: result.personalData.map((c) => ({ column: c.column, kind: c.kind, evidence: c.evidence, rows: c.rows, sent: c.sent })),
  };
}

function printText(io: CliIo, json: ValidateJson, blocking: number, outDir: string | null): void {
  const delim = json.delimiter === null ? '' : `, delimiter ${json.delimiter === '\t' ? 'tab' : `"${json.delimiter}"`}`;
  io.stdout(`${json.file}: ${json.encoding ?? 'xlsx'}${delim}, header row ${json.headerRow}, key ${json.idType}\n`);
  const renamed = json.params.filter((p) => p.param !== p.column);
  if (renamed.length > 0) io.stdout(`parameters: ${renamed.map((p) => `"${p.column}" -> ${p.param} (${p.from})`).join(', ')}\n`);
  io.stdout(`rows ${json.rows}, valid ${json.valid}, rejected ${json.rejected}, excluded ${json.excluded}\n`);
  printPersonalData(io, json.personalData);
  const shown = json.issues.slice(0, 50);
  for (const i of shown) io.stdout(`${i.severity.padEnd(8)} ${i.code.padEnd(24)} ${i.message}\n`);
  const total = Object.values(json.issueCounts).reduce((a, b) => a + b, 0);
  if (total > shown.length) io.stdout(`… ${counted(total - shown.length, 'more issue', 'more issues')}; use --json or see rejected-rows.csv with --out\n`);
  for (const b of json.batches) io.stdout(`batch ${b.index}: ${b.rows} rows, ${b.bytes} bytes${b.path ? `, ${b.path}` : ''}\n`);
  if (outDir === null && json.batches.length > 0) io.stdout('(batch files not kept; add --out DIR to write them)\n');
  io.stdout(blocking > 0 ? `${counted(blocking, 'blocking issue', 'blocking issues')}: nothing can be sent until they are fixed or the rows excluded\n` : 'nothing blocks\n');
}

/** `validate`: checks a file and plans its batches; exit 0 nothing blocks, 1 blocking issues, 2 unusable input. */
export const command = defineCommand({
  name: 'validate',
  summary: 'check a spreadsheet against Target rules and plan (or write) its batch files',
  usage: USAGE,
  options: VALIDATE_OPTIONS,
  async run({ values, positionals }, io) {
    const args = validateArgsOf(values, positionals);
    // `npm run cli` runs in the package folder; paths on its command line are relative to where npm was started.
    const base = io.env.npm_lifecycle_event !== undefined && io.env.INIT_CWD ? io.env.INIT_CWD : process.cwd();
    const outDir = args.out === null ? null : resolve(base, args.out);
    const workDir = outDir ?? (await mkdtemp(join(tmpdir(), 'profile-loader-validate-')));
    let result: PreparedFromArgs;
    try {
      result = await prepareFromArgs(args, base, workDir);
    } finally {
      if (outDir === null) await rm(workDir, { recursive: true, force: true });
    }
    const json = toJson(result, outDir);
    const blocking = countBlocking(result);
    if (args.json) io.stdout(JSON.stringify(json) + '\n');
    else printText(io, json, blocking, outDir);
    return blocking > 0 ? 1 : 0;
  },
});

/** Every blocking issue counted, kept in the list or not. */
function countBlocking(result: PreparedFromArgs): number {
  let n = 0;
  for (const [code, count] of Object.entries(result.issueCounts)) {
    if ((ISSUE_SEVERITY as Readonly<Record<string, string>>)[code] === 'blocking') n += count;
  }
  return n;
}
