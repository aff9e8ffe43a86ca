import { useTranslation } from 'react-i18next';
import { ActionButton, Flex, Text } from '@adobe/react-spectrum';
import type { BulkAction, IssueCount, ReviewSummary } from '../../../shared/contract/index.js';
import { DateFindings, LongValuePreview, NumberCommaFixes, TextCommaPreview } from './fix-previews.js';

/** The bulk fixes offered for one kind of issue. */
function actionsFor(c: IssueCount, summary: ReviewSummary): readonly { readonly label: string; readonly aria?: string; readonly action: BulkAction }[] {
  const out: { label: string; aria?: string; action: BulkAction }[] = [];
  if (c.code === 'value-comma') out.push({ label: 'review.bulk.stripCommas', action: { action: 'strip-commas' } });
  if (c.code === 'value-comma-fixed' && summary.fixes.comma.kind !== 'block') out.push({ label: 'review.bulk.keepCommasBlocked', action: { action: 'keep-commas-blocked' } });
  if (c.code === 'value-line-break') out.push({ label: 'review.bulk.stripLineBreaks', action: { action: 'strip-line-breaks' } });
  if (c.code === 'value-too-long') out.push({ label: 'review.bulk.cutLongValues', action: { action: 'cut-long-values' } });
  if (c.code === 'value-too-long-cut' && summary.fixes.longValues === 'cut') out.push({ label: 'review.bulk.keepLongValues', action: { action: 'keep-long-values' } });
  if (c.severity !== 'info') out.push({ label: 'review.bulk.excludeKind', aria: 'review.bulk.excludeKindLabel', action: { action: 'exclude-code', code: c.code } });
  return out;
}

/** Issues grouped by kind with their counts; each kind can filter the grid and offers its bulk fixes (with real values before and after, where a fix changes values). */
export function IssueKinds({
  summary,
  delimiter,
  busy,
  onShow,
  onBulk,
}: {
  readonly summary: ReviewSummary;
  /** The file's column separator (a `;` file is likely to write decimal commas). */
  readonly delimiter: string | null;
  readonly busy: boolean;
  onShow(code: string): void;
  onBulk(action: BulkAction): void;
}) {
  const { t, i18n } = useTranslation();
  const rowKinds = summary.issueCounts;
  return (
    <section className="panel issue-kinds" aria-labelledby="kinds-heading" data-testid="issue-kinds">
      <h3 id="kinds-heading" className="subheading">
        {t('review.issuesHeading')}
      </h3>
      {rowKinds.length === 0 && <Text>{t('review.noIssues')}</Text>}
      <ul className="kind-list">
        {rowKinds.map((c) => {
          const kind = t(`review.kinds.${c.code}`);
          return (
            <li key={c.code} className={`kind kind--${c.severity}`} data-code={c.code} data-count={c.count}>
              <Flex alignItems="center" gap="size-150" wrap>
                <span className={`severity severity--${c.severity}`}>{t(`review.severity.${c.severity}`)}</span>
                <span className="kind-title">{kind}</span>
                <span className="kind-count">{c.count.toLocaleString(i18n.language)}</span>
                <ActionButton isQuiet onPress={() => onShow(c.code)} aria-label={t('review.showRowsLabel', { kind })}>
                  {t('review.showRows')}
                </ActionButton>
                {actionsFor(c, summary).map((a) => (
                  <ActionButton key={a.label} isDisabled={busy} onPress={() => onBulk(a.action)} aria-label={a.aria ? t(a.aria, { kind }) : undefined} data-testid={`bulk-${a.action.action}-${c.code}`}>
                    {t(a.label)}
                  </ActionButton>
                ))}
              </Flex>
              {c.code === 'value-comma' && <TextCommaPreview summary={summary} />}
              {(c.code === 'value-too-long' || c.code === 'value-too-long-cut') && <LongValuePreview summary={summary} code={c.code} />}
              {(c.code === 'value-date-ambiguous' || c.code === 'value-date-unreadable') && <DateFindings summary={summary} code={c.code} />}
              {c.code === 'value-number-comma' && <NumberCommaFixes summary={summary} delimiter={delimiter} busy={busy} onBulk={onBulk} />}
              {c.code === 'value-number-converted' && !summary.issueCounts.some((k) => k.code === 'value-number-comma') && (
                <NumberCommaFixes summary={summary} delimiter={delimiter} busy={busy} onBulk={onBulk} />
              )}
            </li>
          );
        })}
      </ul>
      <Flex gap="size-100" wrap marginTop="size-100">
        {summary.blocking > 0 && (
          <ActionButton isDisabled={busy} onPress={() => onBulk({ action: 'exclude-blocking' })} data-testid="bulk-exclude-blocking">
            {t('review.bulk.excludeBlocking')}
          </ActionButton>
        )}
        {summary.edits > 0 && summary.excluded > 0 && (
          <ActionButton isDisabled={busy} onPress={() => onBulk({ action: 'include-all' })} data-testid="bulk-include-all">
            {t('review.bulk.includeAll')}
          </ActionButton>
        )}
      </Flex>
    </section>
  );
}
