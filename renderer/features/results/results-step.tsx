import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, ContextualHelp, Content, Flex, Heading, ProgressCircle, Text } from '@adobe/react-spectrum';
import { jobTotals } from '../../../shared/jobs/job-summary.js';
import type { JobTotals } from '../../../shared/jobs/job-summary.js';
import type { ClientApi } from '../../api/index.js';
import { useJobs } from '../../state/jobs-store.js';
import { StepFooter } from '../../app/step-footer.js';
import { useWizard } from '../../state/wizard-store.js';
import { useConnections } from '../../state/connections-store.js';
import { OutcomeSummary } from './outcome-summary.js';
import { formatWhen } from '../upload/format.js';
import { resumeThroughGate, useSendGate } from '../upload/send-gate.js';
import { downloadResults } from './download.js';
import { JobHistory } from './job-history.js';
import { OutcomeChart } from './outcome-chart.js';
import { ProfileLookupButton, type LookupConnection } from './profile-lookup.js';
import { VerifyCard } from './verify-card.js';
import '../upload/upload.css';
import './results.css';
import { problemText, thrownText } from '../../i18n/problem-text.js';

const totalKeys = ['rows', 'confirmed', 'notFound', 'failed', 'rejected', 'excluded', 'unknown', 'pending'] as const satisfies readonly (keyof JobTotals)[];

type DownloadState = { readonly kind: 'idle' } | { readonly kind: 'working' } | { readonly kind: 'done'; readonly text: string } | { readonly kind: 'failed'; readonly text: string };

/** Step 5: totals and a chart of outcomes per batch, what "complete" promises, the result CSV, retry of failed rows, the verification card, looking up one profile, and the job history. */
export function ResultsStep({ api }: { readonly api: ClientApi }) {
  const { t, i18n } = useTranslation();
  const currentJobId = useJobs((s) => s.currentJobId);
  const view = useJobs((s) => (s.currentJobId ? s.views[s.currentJobId] : undefined));
  const history = useJobs((s) => s.history);
  const loadHistory = useJobs((s) => s.loadHistory);
  const repair = useJobs((s) => s.repair);
  const follow = useJobs((s) => s.follow);
  const retryFailed = useJobs((s) => s.retryFailed);
  const problem = useJobs((s) => s.problem);
  const busy = useJobs((s) => s.busy);
  const goTo = useWizard((s) => s.goTo);
  const connections = useConnections((s) => s.state);
  const selectedConnectionId = useConnections((s) => s.selectedId);
  const loadConnections = useConnections((s) => s.load);
  const [download, setDownload] = useState<DownloadState>({ kind: 'idle' });
  const n = (value: number) => value.toLocaleString(i18n.language);
  const state = view?.state;

  // The history changes when the shown job ends (or a new one starts): reload it then.
  useEffect(() => {
    void loadHistory(api);
  }, [api, loadHistory, currentJobId, state]);
  useEffect(() => setDownload({ kind: 'idle' }), [currentJobId]);
  useEffect(() => {
    if (connections.kind === 'loading') void loadConnections(api);
  }, [api, connections.kind, loadConnections]);

  const totals = view ? jobTotals(view) : null;
  const finished = state === 'completed' || state === 'cancelled';
  const retryable = totals !== null && totals.failed + totals.unknown > 0;
  const stepState = !currentJobId ? 'empty' : !view || !view.spec ? 'loading' : finished ? 'ready' : 'running';
  // A lookup asks the shown job's connection, else the one chosen for the next upload.
  const selected = connections.kind === 'ready' ? connections.list.connections.find((c) => c.id === selectedConnectionId) : undefined;
  const lookupConnection: LookupConnection | null = view?.spec
    ? { id: view.spec.connection.profileId, name: view.spec.connection.name, clientCode: view.spec.connection.clientCode }
    : selected
      ? { id: selected.id, name: selected.name, clientCode: selected.clientCode }
      : null;
  const jobIdType = view?.spec?.source.idType;

  const onDownload = async () => {
    if (!currentJobId) return;
    setDownload({ kind: 'working' });
    try {
      const outcome = await downloadResults(api, currentJobId, i18n.language);
      setDownload({
        kind: 'done',
        text: outcome.kind === 'downloaded' ? t('results.downloaded', { name: outcome.name, rows: n(outcome.rows) }) : t('results.tooBig', { path: outcome.path }),
      });
    } catch (error) {
      setDownload({ kind: 'failed', text: t('results.problem', { message: thrownText(t, error) }) });
    }
  };
  const onRetry = async () => {
    if (!currentJobId || !view?.spec || !totals) return;
    const rows = totals.failed + totals.unknown;
    if (!(await useSendGate.getState().confirm(api, { mode: 'send', profileId: view.spec.connection.profileId, rows }))) return;
    if ((await retryFailed(api, currentJobId)) !== null) goTo('upload');
  };

  return (
    <section className="step" data-testid="results-step" data-state={stepState} aria-labelledby="results-heading">
      <Heading level={2} id="results-heading">
        {t('results.heading')}
      </Heading>
      <StepFooter>
        <Button variant="secondary" onPress={() => goTo('load')} data-testid="start-new-upload">
          {t('results.startNew')}
        </Button>
      </StepFooter>
      {/* "No upload yet" only when there is none at all: above a history it would say something untrue. */}
      {stepState === 'empty' && history.kind === 'ready' && history.items.length === 0 && <Text>{t('results.empty')}</Text>}
      {stepState === 'loading' && <ProgressCircle aria-label={t('results.loading')} isIndeterminate />}
      {view?.spec && totals && (
        <Flex direction="column" gap="size-200">
          <Text data-testid="results-job">
            {t('results.jobOf', {
              file: view.spec.source.file.split(/[\\/]/).pop() ?? view.spec.source.file,
              connection: `${view.spec.connection.name} (${view.spec.connection.clientCode})`,
              when: formatWhen(view.startedAt ?? view.spec.createdAt, i18n.language),
            })}{' '}
            · {t(`upload.state.${view.state}`)}
          </Text>
          <OutcomeSummary view={view} as="heading" />
          <section aria-labelledby="totals-heading">
            <h3 id="totals-heading">{t('results.totals')}</h3>
            <dl className="totals" data-testid="totals">
              {totalKeys.map((key) => (
                <div key={key} className={`total total--${key}`}>
                  <dt>
                    {t(`results.total.${key}`)}
                    {(key === 'notFound' || key === 'unknown') && (
                      <ContextualHelp variant="info">
                        <Heading>{t(`results.total.${key}`)}</Heading>
                        <Content>
                          <Text>{t(`results.totalHelp.${key}`)}</Text>
                        </Content>
                      </ContextualHelp>
                    )}
                  </dt>
                  <dd data-testid={`total-${key}`} data-value={totals[key]}>
                    {n(totals[key])}
                  </dd>
                </div>
              ))}
            </dl>
          </section>
          <p className="hint" data-testid="complete-caveat">
            {t('verify.caveat')}
          </p>
          <Flex gap="size-200" wrap alignItems="center">
            <Button variant="accent" onPress={() => void onDownload()} isDisabled={download.kind === 'working'} data-testid="download-results">
              {download.kind === 'working' ? t('results.downloading') : t('results.download')}
            </Button>
            <Button variant="secondary" onPress={() => void onRetry()} isDisabled={!finished || !retryable || busy} data-testid="retry-failed">
              {t('results.retry')}
            </Button>
            <Text>{retryable ? t('results.retryHelp') : t('results.retryNone')}</Text>
          </Flex>
          {(download.kind === 'done' || download.kind === 'failed') && (
            <div role="status" className={download.kind === 'failed' ? 'problem' : 'note'} data-testid="download-status">
              {download.text}
            </div>
          )}
          {problem && (
            <div role="alert" className="problem">
              {t('results.problem', { message: problemText(t, problem) })}
            </div>
          )}
          {view.resultsError && (
            <div role="alert" className="problem" data-testid="results-error">
              {t('results.resultsFailed', { message: problemText(t, view.resultsError) })}
            </div>
          )}
          {finished && totals.confirmed > 0 && <VerifyCard api={api} jobId={view.jobId} profileId={view.spec.connection.profileId} />}
          <OutcomeChart batches={view.batches} />
        </Flex>
      )}
      <ProfileLookupButton api={api} connection={lookupConnection} initialIdType={jobIdType === 'pcId' ? 'pcId' : 'thirdPartyId'} />
      <JobHistory
        history={history}
        currentJobId={currentJobId}
        onShow={(jobId) => void follow(api, jobId)}
        onRepair={(item) => void repair(api, item.jobId)}
        onResume={(item) => {
          void resumeThroughGate(api, { jobId: item.jobId, profileId: item.profileId, rowsLeft: item.pending, pauseReason: item.pauseReason }).then((resumed) => resumed && goTo('upload'));
        }}
      />
    </section>
  );
}
