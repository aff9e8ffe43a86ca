import type { ReviewFilter, ReviewIssue, ReviewRow } from '../../../shared/contract/review.js';
import type { Issue } from '../../../shared/validation/issue.js';
import { LEDGER_DUPLICATE, LEDGER_EXCLUDED, LEDGER_REJECTED } from '../prepare/prepare-ledger.js';

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

/**
 * Builds the index of one run from its row ledger (one entry per row: batch line, excluded, rejected,
 * duplicate) and its issues. Memory: the ledger plus the kept issues; filtered lists are built lazily.
 */
export function buildRowIndex(ledger: Int32Array, issues: readonly Issue[]): RowIndex {
  const byRow = new Map<number, ReviewIssue[]>();
  for (const issue of issues) {
    if (issue.row === null) continue;
    const list = byRow.get(issue.row);
    if (list) list.push(issue);
    else byRow.set(issue.row, [issue]);
  }
  const sentWithWarning = (row: number): boolean => (ledger[row - 1] ?? -2) >= 0 && (byRow.get(row)?.some((i) => i.severity === 'warning') ?? false);
  let warningRows = 0;
  for (const row of byRow.keys()) if (sentWithWarning(row)) warningRows++;
  const cache = new Map<string, readonly number[]>();
  const collect = (keep: (row: number) => boolean): number[] => {
    const out: number[] = [];
    for (let r = 1; r <= ledger.length; r++) if (keep(r)) out.push(r);
    return out;
  };
  const status = (row: number): ReviewRow['status'] => {
    const v = ledger[row - 1];
    if (v === undefined || v === LEDGER_REJECTED) return 'blocked';
    if (v === LEDGER_EXCLUDED || v === LEDGER_DUPLICATE) return 'excluded';
    return sentWithWarning(row) ? 'warning' : 'ready';
  };
  return {
    warningRows,
    status,
    issues: (row) => byRow.get(row) ?? NONE,
    select(filter) {
      if (filter === 'all') return null;
      const key = typeof filter === 'string' ? filter : `code:${filter.code}`;
      const hit = cache.get(key);
      if (hit) return hit;
      let list: number[];
      if (filter === 'blocking') list = collect((r) => ledger[r - 1] === LEDGER_REJECTED);
      else if (filter === 'excluded') list = collect((r) => ledger[r - 1] === LEDGER_EXCLUDED || ledger[r - 1] === LEDGER_DUPLICATE);
      else if (filter === 'warnings') list = [...byRow.keys()].filter(sentWithWarning).sort((a, b) => a - b);
      else if (filter === 'issues') {
        const set = new Set<number>(collect((r) => ledger[r - 1] === LEDGER_REJECTED));
        for (const [row, list2] of byRow) if (list2.some((i) => i.severity !== 'info')) set.add(row);
        list = [...set].sort((a, b) => a - b);
      } else {
        const code = filter.code;
        list = [...byRow.entries()].filter(([, l]) => l.some((i) => i.code === code)).map(([r]) => r).sort((a, b) => a - b);
      }
      cache.set(key, list);
      return list;
    },
  };
}
