import type { Issue, Severity } from '../../../shared/validation/issue.js';
import type { PrepareResult } from './prepare-types.js';

/**
 * Row issues packed for the trip from a worker to the main thread: a few typed arrays and one string,
 * which cross as flat copies, instead of hundreds of thousands of objects the main thread would have
 * to rebuild in one go. Issues are in row order; issue `i` is `text.slice(offsets[i], offsets[i + 1])`.
 */
export interface PackedIssues {
  readonly count: number;
  /** Row of each issue, ascending. */
  readonly rows: Int32Array;
  /** Index of each issue's code in `codeTable`. */
  readonly codes: Uint16Array;
  readonly codeTable: readonly string[];
  /** Each issue's severity: 0 blocking, 1 warning, 2 info. */
  readonly severities: Uint8Array;
  readonly offsets: Uint32Array;
  /** The issues as JSON, one after another. */
  readonly text: string;
}

const SEVERITIES: readonly Severity[] = ['blocking', 'warning', 'info'];

/** Severity number of a packed issue (see PackedIssues.severities). */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** Packs the row issues of `issues` (those with a row), in row order (stable). */
export function packIssues(issues: readonly Issue[]): PackedIssues {
  const rowIssues = issues.filter((i) => i.row !== null);
  const order = rowIssues.map((_, i) => i).sort((a, b) => (rowIssues[a]!.row as number) - (rowIssues[b]!.row as number) || a - b);
  const count = order.length;
  const rows = new Int32Array(count);
  const codes = new Uint16Array(count);
  const severities = new Uint8Array(count);
  const offsets = new Uint32Array(count + 1);
  const codeTable: string[] = [];
  const codeIndex = new Map<string, number>();
  const parts: string[] = [];
  let at = 0;
  for (let k = 0; k < count; k++) {
    const issue = rowIssues[order[k]!]!;
    rows[k] = issue.row as number;
    let c = codeIndex.get(issue.code);
    if (c === undefined) {
      c = codeTable.length;
      codeTable.push(issue.code);
      codeIndex.set(issue.code, c);
    }
    codes[k] = c;
    severities[k] = severityRank(issue.severity);
    const json = JSON.stringify(issue);
    parts.push(json);
    offsets[k] = at;
    at += json.length;
  }
  offsets[count] = at;
  return { count, rows, codes, codeTable, severities, offsets, text: parts.join('') };
}

/** The index of the first packed issue whose row is ≥ `row`. */
export function firstIssueAt(packed: PackedIssues, row: number): number {
  let lo = 0;
  let hi = packed.count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((packed.rows[mid] as number) < row) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The issues of one row, unpacked. */
export function issuesOfRow(packed: PackedIssues, row: number): Issue[] {
  const out: Issue[] = [];
  for (let i = firstIssueAt(packed, row); i < packed.count && packed.rows[i] === row; i++) out.push(JSON.parse(packed.text.slice(packed.offsets[i], packed.offsets[i + 1])) as Issue);
  return out;
}

/** Every packed issue, unpacked (tests and small runs). */
export function unpackIssues(packed: PackedIssues): Issue[] {
  const out: Issue[] = [];
  for (let i = 0; i < packed.count; i++) out.push(JSON.parse(packed.text.slice(packed.offsets[i], packed.offsets[i + 1])) as Issue);
  return out;
}

/** A prepare result as the prepare worker hands it over: file issues as they are, row issues packed. */
export type PackedPrepareResult = Omit<PrepareResult, 'issues'> & { readonly fileIssues: readonly Issue[]; readonly rowIssues: PackedIssues };

/** Packs a prepare result for the trip to the main thread (runs in the worker). */
export function packPrepareResult(result: PrepareResult): PackedPrepareResult {
  const { issues, ...rest } = result;
  return { ...rest, fileIssues: issues.filter((i) => i.row === null), rowIssues: packIssues(issues) };
}
