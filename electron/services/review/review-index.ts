import type { ReviewFilter, ReviewIssue, ReviewRow } from '../../../shared/contract/review.js';
import { LEDGER_DUPLICATE, LEDGER_EXCLUDED, LEDGER_REJECTED } from '../prepare/prepare-ledger.js';
import { firstIssueAt, issuesOfRow, type PackedIssues } from '../prepare/packed-issues.js';

/** What one validation run knows per row: its status (from the ledger) and its issues (from the kept issues). */
export interface RowIndex {
  /** Rows that will be sent and carry a warning. */
  readonly warningRows: number;
  status(row: number): ReviewRow['status'];
  issues(row: number): readonly ReviewIssue[];
  /** The ascending row numbers a filter selects; null for `all` (every row, in order). */
  select(filter: ReviewFilter): readonly number[] | null;
}

const NONE: readonly ReviewIssue[] = [];
const WARNING = 1;
const INFO = 2;

/**
 * Builds the index of one run from its row ledger (one entry per row: batch line, excluded, rejected,
 * duplicate) and its row issues, packed as the prepare worker sent them. Every lookup works on the
 * typed arrays — a run's issues are unpacked only for the rows a page shows — so no call walks more
 * than the ledger and the issue arrays once; filtered lists are built lazily and kept.
 */
export function buildRowIndex(ledger: Int32Array, packed: PackedIssues): RowIndex {
  const sent = (row: number): boolean => (ledger[row - 1] ?? -2) >= 0;
  /** The distinct rows, ascending, of the issues `keep` accepts. */
  const issueRows = (keep: (i: number) => boolean): number[] => {
    const out: number[] = new Array<number>(packed.count);
    let n = 0;
    for (let i = 0; i < packed.count; i++) {
      const row = packed.rows[i] as number;
      if ((n === 0 || out[n - 1] !== row) && keep(i)) out[n++] = row;
    }
    out.length = n;
    return out;
  };
  const warned = issueRows((i) => packed.severities[i] === WARNING && sent(packed.rows[i] as number));
  const warnedSet = new Set(warned);
  const cache = new Map<string, readonly number[]>();
  /** The rows whose ledger value is `a` or `b`, ascending (two tight passes, no growing: a ledger can have millions). */
  const collect = (a: number, b: number = a): number[] => {
    let n = 0;
    for (let i = 0; i < ledger.length; i++) if (ledger[i] === a || ledger[i] === b) n++;
    const out: number[] = new Array<number>(n);
    let k = 0;
    for (let i = 0; i < ledger.length && k < n; i++) if (ledger[i] === a || ledger[i] === b) out[k++] = i + 1;
    return out;
  };
  const status = (row: number): ReviewRow['status'] => {
    const v = ledger[row - 1];
    if (v === undefined || v === LEDGER_REJECTED) return 'blocked';
    if (v === LEDGER_EXCLUDED || v === LEDGER_DUPLICATE) return 'excluded';
    return warnedSet.has(row) ? 'warning' : 'ready';
  };
  return {
    warningRows: warned.length,
    status,
    issues: (row) => {
      const at = firstIssueAt(packed, row);
      return at < packed.count && packed.rows[at] === row ? issuesOfRow(packed, row) : NONE;
    },
    select(filter) {
      if (filter === 'all') return null;
      const key = typeof filter === 'string' ? filter : `code:${filter.code}`;
      const hit = cache.get(key);
      if (hit) return hit;
      let list: number[];
      if (filter === 'blocking') list = collect(LEDGER_REJECTED);
      else if (filter === 'excluded') list = collect(LEDGER_EXCLUDED, LEDGER_DUPLICATE);
      else if (filter === 'warnings') list = warned;
      else if (filter === 'issues') list = union(collect(LEDGER_REJECTED), issueRows((i) => packed.severities[i] !== INFO));
      else {
        const code = packed.codeTable.indexOf(filter.code);
        list = code < 0 ? [] : issueRows((i) => packed.codes[i] === code);
      }
      cache.set(key, list);
      return list;
    },
  };
}

/** The union of two ascending lists, ascending, without repeats. */
function union(a: readonly number[], b: readonly number[]): number[] {
  if (a.length === 0) return [...b];
  if (b.length === 0) return [...a];
  const out: number[] = new Array<number>(a.length + b.length);
  let n = 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length ? (a[i] as number) : Infinity;
    const y = j < b.length ? (b[j] as number) : Infinity;
    const next = x < y ? x : y;
    if (x === next) i++;
    if (y === next) j++;
    if (n === 0 || out[n - 1] !== next) out[n++] = next;
  }
  out.length = n;
  return out;
}
