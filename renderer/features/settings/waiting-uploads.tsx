import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Content, Heading, InlineAlert } from '@adobe/react-spectrum';
import type { ConnectionView } from '../../../shared/contract/connections.js';
import type { ClientApi } from '../../api/index.js';
import { useJobs } from '../../state/jobs-store.js';
import { useSettingsDialog } from '../../state/settings-dialog-store.js';
import { useWizard } from '../../state/wizard-store.js';
import { resumeThroughGate } from '../upload/send-gate.js';

/** True when a token (or, for Adobe sign-in, a client secret) was saved or tested fine since Target refused the one an upload to this connection used. */
export function hasNewToken(connection: ConnectionView | undefined): boolean {
  if (connection === undefined || connection.lastTest?.token === 'refused') return false;
  return connection.auth.kind === 'adobe-oauth' ? connection.hasClientSecret : connection.hasToken;
}

/**
 * Uploads that stopped because Target refused a connection's token, once a new token is saved for it:
 * each named, with "Resume now". Saving sends nothing; only that click does (through the production
 * confirmation for a production connection).
 */
export function WaitingUploads({ api, connections }: { readonly api: ClientApi; readonly connections: readonly ConnectionView[] }) {
  const { t, i18n } = useTranslation();
  const history = useJobs((s) => s.history);
  const loadHistory = useJobs((s) => s.loadHistory);
  const close = useSettingsDialog((s) => s.close);
  const unlock = useWizard((s) => s.unlock);
  const goTo = useWizard((s) => s.goTo);
  const tokens = connections.map((p) => `${p.id}:${p.hasToken}:${p.lastTest?.at ?? ''}`).join('|');
  useEffect(() => {
    void loadHistory(api);
  }, [api, loadHistory, tokens]);
  if (history.kind !== 'ready') return null;
  const waiting = history.items.filter((i) => i.state === 'paused' && i.pauseReason === 'auth' && hasNewToken(connections.find((p) => p.id === i.profileId)));
  if (waiting.length === 0) return null;
  const n = (x: number) => x.toLocaleString(i18n.language);
  return (
    <InlineAlert variant="notice" data-testid="waiting-uploads" marginBottom="size-200">
      <Heading>{t('upload.waitingTitle', { count: waiting.length })}</Heading>
      <Content>
        <ul className="waiting-list">
          {waiting.map((item) => {
            const done = item.confirmed + item.notFound + item.failed + item.unknown;
            return (
              <li key={item.jobId} data-job-id={item.jobId}>
                {t('upload.waitingBody', {
                  file: item.file.split(/[\\/]/).pop() ?? item.file,
                  connection: item.profileName,
                  done: n(done),
                  rows: n(done + item.pending),
                })}{' '}
                <Button
                  variant="accent"
                  data-testid="waiting-resume"
                  onPress={() =>
                    void resumeThroughGate(api, { jobId: item.jobId, profileId: item.profileId, rowsLeft: item.pending, pauseReason: item.pauseReason }).then((resumed) => {
                      if (!resumed) return;
                      close();
                      unlock('upload');
                      goTo('upload');
                      void loadHistory(api);
                    })
                  }
                >
                  {t('upload.resumeNow')}
                </Button>
              </li>
            );
          })}
        </ul>
      </Content>
    </InlineAlert>
  );
}
