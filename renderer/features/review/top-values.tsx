import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProgressCircle, Text } from '@adobe/react-spectrum';
import type { TopValues } from '../../../shared/contract/index.js';
import type { ClientApi } from '../../api/index.js';

/** Width in pixels of a bar for every row sent. */
const BAR_PX = 80;

/**
 * For each mapped parameter, its most common values among the `rows` that will be sent, with bars on
 * one scale: a bar's length is the value's share of those rows, so a value held by one row in 200
 * looks small, in every column alike.
 */
export function TopValuesPanel({ api, fileId, run, rows }: { readonly api: ClientApi; readonly fileId: string; readonly run: number; readonly rows: number }) {
  const { t, i18n } = useTranslation();
  const [values, setValues] = useState<readonly TopValues[] | null>(null);
  useEffect(() => {
    let live = true;
    setValues(null);
    void api.call['review.topValues']({ fileId, limit: 5 }).then((v) => live && setValues(v), () => live && setValues([]));
    return () => {
      live = false;
    };
  }, [api, fileId, run]);
  const n = (x: number) => x.toLocaleString(i18n.language);
  return (
    <section className="panel" aria-labelledby="top-heading" data-testid="top-values" data-state={values === null ? 'loading' : 'ready'}>
      <h3 id="top-heading" className="subheading">
        {t('review.topHeading')}
      </h3>
      <Text>{t('review.topHint')}</Text>
      {values === null && <ProgressCircle aria-label={t('review.topLoading')} isIndeterminate size="S" />}
      <div className="top-grid">
        {values?.map((p) => {
          const scale = Math.max(1, rows, ...p.top.map((v) => v.count));
          return (
            <table key={p.param} className="top-table" data-param={p.param}>
              <caption>
                <strong>{t('review.topParam', { param: p.param, column: p.column })}</strong>
                <br />
                <span className="muted">
                  {p.capped ? t('review.topDistinctMany', { count: p.distinct }) : t('review.topDistinct', { count: p.distinct })}
                  {p.empty > 0 ? ` · ${t('review.topEmpty', { count: p.empty })}` : ''}
                </span>
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('review.topValue')}</th>
                  <th scope="col">{t('review.topCount')}</th>
                </tr>
              </thead>
              <tbody>
                {p.top.map((v) => (
                  <tr key={v.value}>
                    <td className="top-value" title={v.value}>
                      {v.value}
                    </td>
                    <td className="top-count">
                      <span className="bar" style={{ width: `${Math.max(2, Math.round((v.count / scale) * BAR_PX))}px` }} aria-hidden="true" />
                      {n(v.count)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          );
        })}
      </div>
    </section>
  );
}
