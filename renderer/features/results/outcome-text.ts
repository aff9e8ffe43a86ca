import type { TFunction } from 'i18next';
import type { JobTotals } from '../../../shared/jobs/job-summary.js';
import type { OutcomeHeadline } from '../../../shared/jobs/outcome-headline.js';

/** The words of an ended upload: its headline and every non-zero count ("Updated 10 · Not found 196"). */
export interface OutcomeWords {
  readonly headline: string;
  readonly counts: string;
}

/** Says an outcome headline in the current language; a not-found headline names v1's update-only rule. */
export function outcomeWords(t: TFunction, o: OutcomeHeadline, totals: JobTotals, apiVersion: 'v1' | 'v2'): OutcomeWords {
  const headline =
    o.kind === 'all-updated'
      ? t('results.outcome.headline.all-updated', { count: totals.confirmed })
      : o.kind === 'none-not-found'
        ? t(`results.outcome.headline.none-not-found-${apiVersion}`, { notFound: totals.notFound })
        : t(`results.outcome.headline.${o.kind}`, { confirmed: totals.confirmed, sent: totals.confirmed + totals.notFound + totals.failed + totals.unknown });
  const counts = o.counts.map((c) => t(`results.outcome.count.${c.key}`, { value: c.value })).join(t('results.outcome.separator'));
  return { headline, counts };
}
