import { useTranslation } from 'react-i18next';
import type { BatchView } from '../../../shared/jobs/job-reducer.js';

/** Rows of one batch by outcome, adding up to its rows. */
export interface BatchOutcomeCounts {
  readonly confirmed: number;
  readonly notFound: number;
  readonly failed: number;
  readonly unknown: number;
  readonly pending: number;
}

/** Splits a batch's rows by outcome with the same rules as `jobTotals` (pure). */
export function batchOutcomeCounts(b: BatchView): BatchOutcomeCounts {
  if (b.phase !== 'finished') return { confirmed: 0, notFound: 0, failed: 0, unknown: 0, pending: b.rows };
  if (b.outcome === 'rejected') return { confirmed: 0, notFound: 0, failed: b.rows, unknown: 0, pending: 0 };
  if (b.outcome !== 'complete') return { confirmed: 0, notFound: 0, failed: 0, unknown: b.rows, pending: 0 };
  const confirmed = b.counters?.successfulUpdates ?? 0;
  const notFound = b.counters?.profilesNotFound ?? 0;
  const failed = b.counters?.failedUpdates ?? 0;
  return { confirmed, notFound, failed, unknown: Math.max(0, b.rows - confirmed - notFound - failed), pending: 0 };
}

const parts = ['confirmed', 'notFound', 'failed', 'unknown', 'pending'] as const;

/**
 * A stacked bar per batch (plain CSS) inside a real table: the numbers in the cells are the text
 * equivalent of the bars, which are hidden from screen readers.
 */
export function OutcomeChart({ batches }: { readonly batches: readonly BatchView[] }) {
  const { t, i18n } = useTranslation();
  const n = (value: number) => value.toLocaleString(i18n.language);
  const widest = Math.max(1, ...batches.map((b) => b.rows));
  return (
    <figure className="outcome-chart" aria-labelledby="outcome-chart-title">
      <figcaption id="outcome-chart-title" className="chart-title">
        {t('results.chart')}
      </figcaption>
      <ul className="chart-legend" aria-label={t('results.legend')}>
        {parts.map((p) => (
          <li key={p}>
            <span className={`swatch swatch--${p}`} aria-hidden="true" />
            {t(`results.total.${p}`)}
          </li>
        ))}
      </ul>
      <div className="table-scroll">
        <table className="plain-table" data-testid="outcome-table">
          <caption className="visually-hidden">{t('results.chartCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('results.batchCol')}</th>
              <th scope="col">{t('results.rowsCol')}</th>
              {parts.map((p) => (
                <th scope="col" key={p}>
                  {t(`results.total.${p}`)}
                </th>
              ))}
              <th scope="col" aria-hidden="true">
                {t('results.barCol')}
              </th>
            </tr>
          </thead>
          <tbody>
            {batches.map((b, position) => {
              const c = batchOutcomeCounts(b);
              return (
                <tr key={b.index} data-testid="outcome-row" data-batch={b.index}>
                  <th scope="row">{t('results.batchLabel', { n: position + 1 })}</th>
                  <td className="num">{n(b.rows)}</td>
                  {parts.map((p) => (
                    <td className="num" key={p} data-part={p}>
                      {n(c[p])}
                    </td>
                  ))}
                  <td className="bar-cell" aria-hidden="true">
                    <div className="outcome-bar" style={{ width: `${(100 * b.rows) / widest}%` }}>
                      {parts.map((p) =>
                        c[p] > 0 ? <span key={p} className={`outcome-bar-part swatch--${p}`} style={{ flexGrow: c[p] }} title={`${t(`results.total.${p}`)}: ${n(c[p])}`} /> : null,
                      )}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
