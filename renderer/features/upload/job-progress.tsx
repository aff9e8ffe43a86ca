import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AlertDialog, Button, ButtonGroup, DialogContainer, Flex, InlineAlert, Heading, Content, ProgressBar, Text } from '@adobe/react-spectrum';
import type { JobView } from '../../../shared/jobs/job-reducer.js';
import { jobTotals } from '../../../shared/jobs/job-summary.js';
import type { ClientApi } from '../../api/index.js';
import { problemText } from '../../i18n/problem-text.js';
import { useJobs } from '../../state/jobs-store.js';
import { useSettingsDialog } from '../../state/settings-dialog-store.js';
import { resumeThroughGate } from './send-gate.js';
import { useConnections } from '../../state/connections-store.js';
import { alertVariant, OutcomeSummary, outcomeToneOf } from '../results/outcome-summary.js';
import { hasNewToken } from '../settings/waiting-uploads.js';
import { BatchTable } from './batch-table.js';
import { formatDuration } from './format.js';
import { estimateRemainingMs, jobFraction } from './progress-math.js';

/** Re-renders every second while `active`, so the time left keeps moving between events. */
/** The codes a pause for Adobe sign-in carries (any other `auth` pause is Target refusing the token). */
const SIGN_IN_FAILURES: ReadonlySet<string> = new Set(['sign-in-refused', 'sign-in-unreachable', 'sign-in-unreadable', 'client-secret-missing', 'insecure-url']);

function useTick(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

/** A running (or finished) job: overall progress with the time left, pause/resume/cancel, and a row per batch; when it has ended, its outcome and (given `onSendAgain`) Send again, apart from See results (in the step's footer). */
export function JobProgress({ api, view, onSendAgain }: { readonly api: ClientApi; readonly view: JobView; readonly onSendAgain?: () => void }) {
  const { t, i18n } = useTranslation();
  const since = useJobs((s) => s.followingSince[view.jobId]);
  const pause = useJobs((s) => s.pause);
  const cancel = useJobs((s) => s.cancel);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const running = view.state === 'running' || view.state === 'created';
  const now = useTick(running);
  const fraction = jobFraction(view, now);
  const percent = Math.floor(fraction * 100);
  const eta = running && since ? estimateRemainingMs(fraction, now - since.at, since.fraction) : null;
  const totals = jobTotals(view);
  const n = (value: number) => value.toLocaleString(i18n.language);
  const finished = view.state === 'completed' || view.state === 'cancelled';
  const openSettings = useSettingsDialog((s) => s.show);
  const connection = useConnections((s) => (s.state.kind === 'ready' ? s.state.list.connections.find((p) => p.id === view.spec?.connection.profileId) : undefined));
  const tokenReplaced = view.pause?.reason === 'auth' && hasNewToken(connection);
  // Adobe sign-in: the pause is about the sign-in details (client secret…), in IMS's own words when it refused.
  const signIn = connection?.auth.kind === 'adobe-oauth';
  const signInFailed = view.pause?.reason === 'auth' && SIGN_IN_FAILURES.has(view.pause.error?.code ?? '');
  const loadConnections = useConnections((s) => s.load);
  const authPause = view.state === 'paused' && view.pause?.reason === 'auth';
  // A refusal was recorded on the connection before the pause was published: show its red token light.
  useEffect(() => {
    if (authPause) void loadConnections(api);
  }, [api, authPause, loadConnections]);
  const resume = (unknownOutcomes: 'auto' | 'resend' | 'give-up' = 'auto') =>
    void resumeThroughGate(api, {
      jobId: view.jobId,
      profileId: view.spec?.connection.profileId ?? '',
      rowsLeft: totals.pending,
      pauseReason: view.pause?.reason ?? null,
      unknownOutcomes,
    });
  const valueLabel = running ? `${percent}% · ${eta === null ? t('upload.etaUnknown') : t('upload.eta', { time: formatDuration(t, eta) })}` : `${percent}%`;

  return (
    <section className="job-progress" data-testid="job-progress" data-state={view.state} data-job-id={view.jobId} aria-label={t('upload.overall')}>
      <Flex direction="column" gap="size-150">
        <ProgressBar label={t('upload.overall')} value={percent} valueLabel={valueLabel} width="100%" data-testid="overall-progress" />
        <Text data-testid="job-counters">
          {/* A paused job says so once, in the box below; the line keeps the counts. */}
          {view.state === 'paused' && view.pause ? '' : `${t(`upload.state.${view.state}`)} · `}
          {t('upload.counters', { confirmed: n(totals.confirmed), notFound: n(totals.notFound), failed: n(totals.failed) })}
        </Text>
        {view.state === 'paused' && view.pause && (
          <InlineAlert variant={view.pause.reason === 'user' ? 'info' : 'notice'} data-testid="pause-reason">
            <Heading>{t('upload.state.paused')}</Heading>
            <Content>
              {tokenReplaced
                ? t(signIn ? 'upload.pauseReason.signInSaved' : 'upload.pauseReason.authTokenSaved')
                : t(signInFailed ? 'upload.pauseReason.signIn' : `upload.pauseReason.${view.pause.reason}`)}
              {view.pause.error && view.pause.reason !== 'user' && (view.pause.reason !== 'auth' || signInFailed) ? ` (${problemText(t, view.pause.error)})` : ''}
              {view.pause.reason === 'auth' && !tokenReplaced && view.spec && (
                <Flex marginTop="size-150">
                  <Button variant="accent" onPress={() => openSettings(view.spec?.connection.profileId)} data-testid="update-token">
                    {t(signIn ? 'upload.updateSignIn' : 'upload.updateToken')}
                  </Button>
                </Flex>
              )}
            </Content>
          </InlineAlert>
        )}
        {!finished && (
          <ButtonGroup>
            {view.state === 'paused' && view.pause?.reason === 'unknown-outcome' ? (
              <>
                <Button variant="accent" onPress={() => resume('resend')} data-testid="resume-resend">
                  {t('upload.resendUnknown')}
                </Button>
                <Button variant="secondary" onPress={() => resume('give-up')} data-testid="resume-give-up">
                  {t('upload.giveUpUnknown')}
                </Button>
              </>
            ) : view.state === 'paused' ? (
              // Waiting for a new token, Update token is the one main action; Resume stays at hand.
              <Button variant={authPause && !tokenReplaced ? 'secondary' : 'accent'} onPress={() => resume()} data-testid="resume-job">
                {t('upload.resume')}
              </Button>
            ) : (
              <Button variant="secondary" onPress={() => void pause(api, view.jobId)} isDisabled={!running} data-testid="pause-job">
                {t('upload.pause')}
              </Button>
            )}
            <Button variant="negative" onPress={() => setConfirmCancel(true)} data-testid="cancel-job">
              {t('upload.cancelJob')}
            </Button>
          </ButtonGroup>
        )}
        {finished && (
          <InlineAlert variant={alertVariant(outcomeToneOf(view) ?? 'notice')} data-testid="job-done">
            <Heading>{view.state === 'completed' ? t('upload.finished') : t('upload.cancelled')}</Heading>
            <Content>
              <OutcomeSummary view={view} />
            </Content>
          </InlineAlert>
        )}
        <BatchTable batches={view.batches} now={now} />
        {/* Sending the same rows once more is a side road, kept away from See results (the step's main action, in the footer). */}
        {finished && onSendAgain && (
          <Flex alignItems="center" gap="size-150" wrap marginTop="size-200" data-testid="send-again-panel">
            <Button variant="secondary" onPress={onSendAgain} data-testid="send-again">
              {t('upload.sendAgain')}
            </Button>
            <Text UNSAFE_className="hint">{t('upload.sendAgainHelp')}</Text>
          </Flex>
        )}
      </Flex>
      <DialogContainer onDismiss={() => setConfirmCancel(false)}>
        {confirmCancel && (
          <AlertDialog
            title={t('upload.cancelTitle')}
            variant="destructive"
            primaryActionLabel={t('upload.cancelConfirm')}
            cancelLabel={t('upload.keepGoing')}
            onPrimaryAction={() => void cancel(api, view.jobId)}
          >
            {t('upload.cancelBody')}
          </AlertDialog>
        )}
      </DialogContainer>
    </section>
  );
}
