import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, ButtonGroup, Content, Heading, InlineAlert } from '@adobe/react-spectrum';
import type { JobListItem } from '../../../shared/contract/jobs.js';
import type { ClientApi } from '../../api/index.js';
import { useJobs } from '../../state/jobs-store.js';
import { useSettingsDialog } from '../../state/settings-dialog-store.js';
import { useWizard } from '../../state/wizard-store.js';
import { resumeThroughGate } from '../upload/send-gate.js';

/**
 * At start, offers to resume the newest upload that did not finish (interrupted when the app stopped, or
 * paused), and opens the Results step (the job history) when there are past uploads. The offer goes as
 * soon as that upload moves on by any path (resumed, finished, cancelled), and resuming a production
 * upload asks for its client code first. An upload paused for its token offers Update the token first,
 * and the offer keeps quiet while the Upload step shows that upload (which says it is paused itself).
 */
export function ResumeOffer({ api }: { readonly api: ClientApi }) {
  const { t, i18n } = useTranslation();
  const history = useJobs((s) => s.history);
  const loadHistory = useJobs((s) => s.loadHistory);
  const unlock = useWizard((s) => s.unlock);
  const goTo = useWizard((s) => s.goTo);
  // Decided once, from the history as it was when the app started: jobs paused later in this session are not offered here.
  const [item, setItem] = useState<JobListItem | null | undefined>(undefined);
  useEffect(() => {
    void loadHistory(api);
  }, [api, loadHistory]);
  useEffect(() => {
    if (item !== undefined || history.kind !== 'ready') return;
    setItem(history.items.find((i) => i.state === 'interrupted' || i.state === 'paused') ?? null);
    // Past uploads exist: their results (the history) are open from the first screen; the steps in between show their empty states.
    if (history.items.length > 0) unlock('results');
  }, [history, item, unlock]);
  const live = useJobs((s) => (item ? s.views[item.jobId] : undefined));
  const isLive = useJobs((s) => (item ? s.live[item.jobId] === true : false));
  const movedOn = live !== undefined && isLive && live.state !== 'paused';
  const step = useWizard((s) => s.step);
  const currentJobId = useJobs((s) => s.currentJobId);
  const openSettings = useSettingsDialog((s) => s.show);
  // The Upload step showing this very job says it is paused, once, with its own buttons.
  if (!item || movedOn || (step === 'upload' && currentJobId === item.jobId)) return null;
  // Paused because Target refused the token: resuming would be refused again, so the way on is a new token.
  const needsToken = item.state === 'paused' && item.pauseReason === 'auth';
  const n = (value: number) => value.toLocaleString(i18n.language);
  const done = item.confirmed + item.notFound + item.failed + item.unknown;
  return (
    <div className="resume-offer">
      <InlineAlert variant="notice" data-testid="resume-offer" data-job-id={item.jobId}>
        <Heading>{t('results.resumeTitle')}</Heading>
        <Content>
          {t('results.resumeBody', {
            file: item.file.split(/[\\/]/).pop() ?? item.file,
            connection: `${item.profileName} (${item.clientCode})`,
            done: n(done),
            rows: n(done + item.pending),
          })}
          <ButtonGroup marginTop="size-150">
            {needsToken && (
              <Button variant="accent" data-testid="resume-offer-update-token" onPress={() => openSettings(item.profileId)}>
                {t('upload.updateToken')}
              </Button>
            )}
            <Button
              variant={needsToken ? 'secondary' : 'accent'}
              data-testid="resume-offer-resume"
              onPress={() => {
                void resumeThroughGate(api, { jobId: item.jobId, profileId: item.profileId, rowsLeft: item.pending, pauseReason: item.pauseReason }).then((resumed) => {
                  if (!resumed) return;
                  setItem(null);
                  unlock('upload');
                  goTo('upload');
                  void loadHistory(api);
                });
              }}
            >
              {t('results.resumeNow')}
            </Button>
            <Button variant="secondary" onPress={() => setItem(null)}>
              {t('results.later')}
            </Button>
          </ButtonGroup>
        </Content>
      </InlineAlert>
    </div>
  );
}
