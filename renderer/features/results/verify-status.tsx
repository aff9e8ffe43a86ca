import { useTranslation } from 'react-i18next';
import { Button, Flex, ProgressBar, Text } from '@adobe/react-spectrum';
import type { VerifyView } from '../../../shared/contract/index.js';
import { problemText } from '../../i18n/problem-text.js';
import { formatWhen } from '../upload/format.js';
import { estimateText, verifyStatusText } from './verify-words.js';

/** What the status section can ask for: start (also resume and re-run) and stop waiting. */
export interface VerifyActions {
  readonly busy: boolean;
  onStart(): void;
  onStopWaiting(): void;
}

/**
 * Where a job's verification stands, in one sentence, with the one action that state offers: progress
 * while it reads (running); rows still not visible with **Stop waiting** (waiting); why it stopped with
 * **Resume checking** (paused); the counts with **Check again** (finished). A sample says it is one and
 * what it implies for the whole job. `view` null: never verified, with **Verify now**.
 */
export function VerifyStatus({ view, actions }: { readonly view: VerifyView | null; readonly actions: VerifyActions }) {
  const { t, i18n } = useTranslation();
  const n = (value: number) => value.toLocaleString(i18n.language);
  if (view === null) {
    return (
      <Flex gap="size-200" alignItems="center" wrap>
        <Text data-testid="verify-summary">{t('verify.never')}</Text>
        <Button variant="secondary" onPress={actions.onStart} isPending={actions.busy} data-testid="verify-start">
          {t('verify.verifyNow')}
        </Button>
      </Flex>
    );
  }
  const text = verifyStatusText(t, view, i18n.language);
  return (
    <Flex direction="column" gap="size-150">
      {view.state === 'running' && (
        <ProgressBar
          label={t('verify.progressLabel')}
          value={view.planned === 0 ? 0 : Math.floor((view.checked / view.planned) * 100)}
          valueLabel={t('verify.progressValue', { checked: n(view.checked), planned: n(view.planned) })}
          width="100%"
          data-testid="verify-progress"
        />
      )}
      <Flex gap="size-200" alignItems="center" wrap>
        <Text data-testid="verify-summary" UNSAFE_className={view.state === 'finished' ? 'verify-counts' : undefined}>
          {text}
        </Text>
        {view.state === 'waiting' && (
          <Button variant="secondary" onPress={actions.onStopWaiting} isPending={actions.busy} data-testid="verify-stop-waiting">
            {t('verify.stopWaiting')}
          </Button>
        )}
        {view.state === 'paused' && (
          <Button variant="secondary" onPress={actions.onStart} isPending={actions.busy} data-testid="verify-resume">
            {t('verify.resume')}
          </Button>
        )}
        {view.state === 'finished' && (
          <Button variant="secondary" onPress={actions.onStart} isPending={actions.busy} data-testid="verify-again">
            {t('verify.checkAgain')}
          </Button>
        )}
      </Flex>
      {view.state === 'waiting' && <Text UNSAFE_className="hint">{t('verify.waitingHelp')}</Text>}
      {view.state === 'paused' && (
        <Text UNSAFE_className="hint" data-testid="verify-paused-reason">
          {view.error ? problemText(t, view.error) : t('verify.pausedClosed')}
        </Text>
      )}
      {view.state === 'finished' && view.missing + view.differs + view.notYetVisible === 0 && <Text data-testid="verify-all-good">{t('verify.allGood')}</Text>}
      {view.state === 'finished' && view.finishedAt && <Text UNSAFE_className="hint">{t('verify.finishedAt', { when: formatWhen(view.finishedAt, i18n.language) })}</Text>}
      {view.sample && (
        <Text data-testid="verify-sample">{t('verify.sample', { planned: n(view.planned), eligible: n(view.eligible) })}</Text>
      )}
      {view.sample && view.notLandedEstimate && (
        <Text data-testid="verify-estimate">{estimateText(t, view.notLandedEstimate, i18n.language)}</Text>
      )}
    </Flex>
  );
}
