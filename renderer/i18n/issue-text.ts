import type { TFunction } from 'i18next';
import type { IssueParamBag } from '../../shared/validation/issue.js';

/** An issue as Review shows it: a code, the params its words quote, and where it is. */
export interface IssueLike {
  readonly code: string;
  readonly row: number | null;
  readonly column: string | null;
  readonly params: IssueParamBag;
}

const QUOTE_LIMIT = 40;

/** A quoted value cut to 40 characters, so one long cell cannot swamp the message. */
function cut(value: string): string {
  return value.length > QUOTE_LIMIT ? `${value.slice(0, QUOTE_LIMIT)}…` : value;
}

/**
 * Puts a validation issue into words in the current language, naming its row and column first
 * ("Row 1,204, column “id”: …"). `inRow` leaves the row out, for a message shown inside that row.
 */
export function issueText(t: TFunction, issue: IssueLike, inRow = false): string {
  const params: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(issue.params)) params[key] = typeof value === 'string' ? cut(value) : (value as number);
  const key = typeof issue.params.variant === 'string' ? `issues.codes.${issue.code}.${issue.params.variant}` : `issues.codes.${issue.code}`;
  const text = t(key, params);
  const { column } = issue;
  const row = inRow ? null : issue.row;
  if (row !== null && column !== null) return t('issues.at.rowColumn', { row, column, text });
  if (row !== null) return t('issues.at.row', { row, text });
  if (column !== null) return t('issues.at.column', { column, text });
  return t('issues.at.none', { text: text.charAt(0).toUpperCase() + text.slice(1) });
}

/** The short form for a grid cell: the column and the kind of problem ("“id”: Character not allowed"); the full sentence goes on hover. */
export function issueShort(t: TFunction, issue: IssueLike): string {
  const kind = t(`review.kinds.${issue.code}`);
  return issue.column !== null ? t('issues.short', { column: issue.column, kind }) : kind;
}
