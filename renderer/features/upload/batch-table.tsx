import { useTranslation } from 'react-i18next';
import type { BatchView } from '../../../shared/jobs/job-reducer.js';
import { assertNever } from '../../../shared/domain/assert-never.js';
import { problemText } from '../../i18n/problem-text.js';
import { batchDisplay, batchFraction } from './progress-math.js';
import type { BatchDisplay } from './progress-math.js';

function displayText(t: ReturnType<typeof useTranslation>['t'], d: BatchDisplay): string {
  switch (d.kind) {
    case 'waiting':
      return t('upload.display.waiting');
    case 'sending':
      return t('upload.display.sending');
    case 'retrying':
      return t('upload.display.retrying');
    case 'unknown':
      return t('upload.display.unknown');
    case 'processing':
      return t('upload.display.processing');
    case 'done':
      return t(`upload.display.done.${d.outcome}`);
    default:
      return assertNever(d, 'batch display');
  }
}

/**
 * A row per batch: a progress bar (sending fills its first half, Target's processing the second, as
 * `batchFraction` says at `now`), the phase in words, and its counters as they arrive.
 */
export function BatchTable({ batches, now }: { readonly batches: readonly BatchView[]; readonly now: number }) {
  const { t, i18n } = useTranslation();
  const n = (value: number | undefined) => (value === undefined ? t('upload.noCount') : value.toLocaleString(i18n.language));
  return (
    <div className="table-scroll">
      <table className="plain-table" data-testid="batch-table">
        <caption className="visually-hidden">{t('upload.batches')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('upload.batchCol')}</th>
            <th scope="col">{t('upload.rowsCol')}</th>
            <th scope="col">{t('upload.progressCol')}</th>
            <th scope="col">{t('upload.statusCol')}</th>
            <th scope="col">{t('upload.confirmedCol')}</th>
            <th scope="col">{t('upload.notFoundCol')}</th>
            <th scope="col">{t('upload.failedCol')}</th>
          </tr>
        </thead>
        <tbody>
          {batches.map((b, position) => {
            const d = batchDisplay(b);
            const label = t('upload.batchLabel', { n: position + 1 });
            // The bar and the words never disagree: the words name the phase, the bar says how far the batch is.
            const value = Math.round(batchFraction(b, now) * 100);
            return (
              <tr key={b.index} data-testid="batch-row" data-batch={b.index} data-state={d.kind === 'done' ? d.outcome : d.kind}>
                <th scope="row">{label}</th>
                <td className="num">{n(b.rows)}</td>
                <td className="progress-cell">
                  {/* A thin bar of our own: centred in its cell, and without the label row a Spectrum ProgressBar keeps. */}
                  <div
                    className={`batch-bar${d.kind === 'unknown' ? ' batch-bar--unknown' : ''}`}
                    role="progressbar"
                    aria-label={t('upload.batchProgress', { n: position + 1 })}
                    aria-valuemin={0}
                    aria-valuemax={100}
                    aria-valuenow={d.kind === 'unknown' ? undefined : value}
                  >
                    <div className="batch-bar-fill" style={{ width: `${d.kind === 'unknown' ? 100 : value}%` }} />
                  </div>
                </td>
                <td>
                  <span className={`batch-status batch-status--${d.kind === 'done' ? d.outcome : d.kind}`}>{displayText(t, d)}</span>
                  {b.note && (d.kind !== 'done' || d.outcome !== 'complete') && <span className="batch-message">{problemText(t, b.note)}</span>}
                </td>
                <td className="num" data-testid="batch-confirmed">{n(b.counters?.successfulUpdates)}</td>
                <td className="num">{n(b.counters?.profilesNotFound)}</td>
                <td className="num">{n(b.counters?.failedUpdates)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
