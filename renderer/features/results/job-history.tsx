import { useTranslation } from 'react-i18next';
import { ActionButton, Flex, ProgressCircle, Text } from '@adobe/react-spectrum';
import type { JobListItem } from '../../../shared/contract/jobs.js';
import type { HistoryState } from '../../state/jobs-store.js';
import { formatWhen } from '../upload/format.js';
import { problemText } from '../../i18n/problem-text.js';

/** Every past upload, newest first, each with a button to show its results (and to resume an unfinished one). */
export function JobHistory(props: {
  readonly history: HistoryState;
  readonly currentJobId: string | null;
  readonly onShow: (jobId: string) => void;
  readonly onResume: (item: JobListItem) => void;
  readonly onRepair: (item: JobListItem) => void;
}) {
  const { t, i18n } = useTranslation();
  const n = (value: number) => value.toLocaleString(i18n.language);
  const { history } = props;
  return (
    <section className="job-history" aria-labelledby="history-heading" data-testid="job-history" data-state={history.kind}>
      <h3 id="history-heading">{t('results.history')}</h3>
      {history.kind === 'loading' && <ProgressCircle aria-label={t('results.loading')} isIndeterminate size="S" />}
      {history.kind === 'failed' && <div role="alert" className="problem">{t('results.problem', { message: problemText(t, history.problem) })}</div>}
      {history.kind === 'ready' && history.items.length === 0 && <Text>{t('results.historyEmpty')}</Text>}
      {history.kind === 'ready' && history.items.length > 0 && (
        <div className="table-scroll">
          <table className="plain-table">
            <caption className="visually-hidden">{t('results.historyCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('results.whenCol')}</th>
                <th scope="col">{t('results.fileCol')}</th>
                <th scope="col">{t('results.connectionCol')}</th>
                <th scope="col">{t('results.stateCol')}</th>
                <th scope="col">{t('results.rowsCol')}</th>
                <th scope="col">{t('results.updatedCol')}</th>
                <th scope="col">{t('results.notFoundCol')}</th>
                <th scope="col">{t('results.failedCol')}</th>
                <th scope="col">{t('results.actionsCol')}</th>
              </tr>
            </thead>
            <tbody>
              {history.items.map((item) => {
                const when = formatWhen(item.createdAt, i18n.language);
                const file = item.file.split(/[\\/]/).pop() ?? item.file;
                const current = item.jobId === props.currentJobId;
                return (
                  <tr key={item.jobId} data-testid="history-row" data-job-id={item.jobId} data-state={item.state} aria-current={current ? 'true' : undefined}>
                    <td>{when}</td>
                    <th scope="row">
                      {file}
                      {item.retryOf && <span className="batch-message">{t('results.retryOf')}</span>}
                      {item.personalDataSent.length > 0 && (
                        <span className="batch-message" data-testid="history-personal-data">
                          {t('results.personalDataSent', { columns: item.personalDataSent.map((c) => `${c.column} (${t(`map.personal.kinds.${c.kind}`)})`).join(', ') })}
                        </span>
                      )}
                    </th>
                    <td>
                      {item.profileName} <span className="batch-message">{item.clientCode}</span>
                    </td>
                    <td>
                      {t(`upload.state.${item.state}`)}
                      {(item.state === 'completed' || item.state === 'cancelled') && item.confirmed === 0 && item.rows > 0 && (
                        <span className="batch-message history-none" data-testid="history-nothing-updated">
                          {t('results.outcome.historyNone')}
                        </span>
                      )}
                      {item.state === 'damaged' && item.pauseError && (
                        <span className="batch-message" data-testid="history-damage">
                          {problemText(t, item.pauseError)}
                        </span>
                      )}
                    </td>
                    <td className="num">{n(item.rows)}</td>
                    <td className="num">{n(item.confirmed)}</td>
                    <td className="num" data-testid="history-not-found">{n(item.notFound)}</td>
                    <td className="num">{n(item.failed)}</td>
                    <td>
                      <Flex gap="size-100">
                        {current ? (
                          <Text>{t('results.showing')}</Text>
                        ) : (
                          <ActionButton onPress={() => props.onShow(item.jobId)} aria-label={t('results.showOf', { file, when })}>
                            {t('results.show')}
                          </ActionButton>
                        )}
                        {item.state === 'damaged' && (
                          <ActionButton onPress={() => props.onRepair(item)} aria-label={t('results.repairOf', { file, when })} data-testid="history-repair">
                            {t('results.repair')}
                          </ActionButton>
                        )}
                        {(item.state === 'interrupted' || item.state === 'paused') && (
                          <ActionButton onPress={() => props.onResume(item)} aria-label={t('results.resumeOf', { file, when })} data-testid="history-resume">
                            {t('results.resume')}
                          </ActionButton>
                        )}
                      </Flex>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
