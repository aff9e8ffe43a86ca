import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionButton, Flex, Text } from '@adobe/react-spectrum';
import type { VerifyDiff, VerifyProblemRow } from '../../../shared/contract/index.js';
import type { ClientApi } from '../../api/index.js';
import { usePagedRows } from '../../components/use-paged-rows.js';
import { formatWhen } from '../upload/format.js';

const PAGE = 50;

/** One attribute not as sent, in words: what was sent, what Target holds and when it changed it. */
function DiffLine({ diff }: { readonly diff: VerifyDiff }) {
  const { t, i18n } = useTranslation();
  const text =
    diff.found === null
      ? t('verify.problems.diffAbsent', { name: diff.name, sent: diff.sent })
      : t('verify.problems.diff', { name: diff.name, sent: diff.sent, found: diff.found, when: formatWhen(diff.modifiedAt, i18n.language) });
  return <li data-testid="verify-diff">{text}</li>;
}

/**
 * The checked rows of a job's latest verification that did not verify, a page at a time from the Node
 * side (`verify.problems`): input row, id, the outcome in words, and for a row that differs each
 * attribute with what was sent and what Target holds. `version` changes when the problems may have (new
 * counts), so the pages are fetched anew.
 */
export function VerifyProblems({ api, jobId, total, version }: { readonly api: ClientApi; readonly jobId: string; readonly total: number; readonly version: string }) {
  const { t, i18n } = useTranslation();
  const n = (value: number) => value.toLocaleString(i18n.language);
  const [page, setPage] = useState(0);
  const key = `${jobId}|${version}`;
  const paged = usePagedRows<VerifyProblemRow>({
    key,
    pageSize: PAGE,
    keep: 2,
    initialTotal: total,
    fetch: (offset, count) => api.call['verify.problems']({ jobId, offset, limit: count }),
  });
  const shown = paged.total;
  const pages = Math.max(1, Math.ceil(shown / PAGE));
  const current = Math.min(page, pages - 1);
  const first = current * PAGE;
  const last = Math.min(shown, first + PAGE);
  useEffect(() => setPage(0), [jobId]);
  useEffect(() => {
    if (shown > 0) paged.ensure(first, last - 1);
  }, [paged.ensure, first, last, shown]);
  const rows = Array.from({ length: last - first }, (_, i) => paged.rowAt(first + i));
  const loaded = paged.ready && rows.every((row) => row !== undefined);

  return (
    <section aria-labelledby="verify-problems-heading" data-testid="verify-problems" data-total={shown} data-state={loaded ? 'ready' : 'loading'}>
      <h4 id="verify-problems-heading" className="verify-subheading">
        {t('verify.problems.heading')}
      </h4>
      {/* A scrolling region takes focus, so the keyboard can scroll it too. */}
      <div className="table-scroll" role="region" tabIndex={0} aria-labelledby="verify-problems-heading">
        <table className="plain-table" aria-busy={!loaded}>
          <caption className="visually-hidden">{t('verify.problems.caption')}</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                {t('verify.problems.rowCol')}
              </th>
              <th scope="col">{t('verify.problems.idCol')}</th>
              <th scope="col">{t('verify.problems.outcomeCol')}</th>
              <th scope="col">{t('verify.problems.detailCol')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) =>
              row === undefined ? (
                <tr key={`loading-${first + i}`}>
                  <td colSpan={4} className="grid-loading">
                    {t('verify.problems.loading')}
                  </td>
                </tr>
              ) : (
                <tr key={`${row.batch}-${row.key}-${first + i}`} data-testid="verify-problem-row" data-row={row.row ?? ''} data-outcome={row.outcome}>
                  <td className="num">{row.row === null ? t('verify.problems.none') : n(row.row)}</td>
                  <th scope="row">{row.key}</th>
                  <td className={`verify-outcome verify-outcome--${row.outcome}`}>{t(`verify.problems.outcome.${row.outcome}`)}</td>
                  <td>
                    {row.diffs.length > 0 ? (
                      <ul className="verify-diffs">
                        {row.diffs.map((diff) => (
                          <DiffLine key={diff.name} diff={diff} />
                        ))}
                      </ul>
                    ) : (
                      t('verify.problems.none')
                    )}
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <Flex gap="size-150" alignItems="center" marginTop="size-100">
          <ActionButton onPress={() => setPage(current - 1)} isDisabled={current === 0} data-testid="verify-problems-previous">
            {t('verify.problems.previous')}
          </ActionButton>
          <Text data-testid="verify-problems-page">{t('verify.problems.page', { first: n(first + 1), last: n(last), total: n(shown) })}</Text>
          <ActionButton onPress={() => setPage(current + 1)} isDisabled={current >= pages - 1} data-testid="verify-problems-next">
            {t('verify.problems.next')}
          </ActionButton>
        </Flex>
      )}
    </section>
  );
}
