import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Flex, ProgressCircle, Text } from '@adobe/react-spectrum';
import type { ClientApi } from '../../api/index.js';
import { problemText } from '../../i18n/problem-text.js';
import { useJobs } from '../../state/jobs-store.js';
import { useVerify } from '../../state/verify-store.js';
import { useWizard } from '../../state/wizard-store.js';
import { useSendGate } from '../upload/send-gate.js';
import { VerifyProblems } from './verify-problems.js';
import { VerifyStatus } from './verify-status.js';
import { VerifyWhy } from './verify-why.js';

/**
 * The verification card of a finished job: where reading its profiles back stands (and its one action),
 * why a row can be missing, the rows that did not verify, and **Re-send missing rows** — a new job of the
 * rows found missing, through the production confirmation, followed on the Upload step as
 * "Retry failed rows" is. Follows `verify.progress` events through the verify store.
 */
export function VerifyCard({ api, jobId, profileId }: { readonly api: ClientApi; readonly jobId: string; readonly profileId: string }) {
  const { t } = useTranslation();
  const entry = useVerify((s) => s.entries[jobId]);
  const problem = useVerify((s) => (s.problem?.jobId === jobId ? s.problem.error : null));
  const busy = useVerify((s) => s.busy === jobId);
  const load = useVerify((s) => s.load);
  const start = useVerify((s) => s.start);
  const stopWaiting = useVerify((s) => s.stopWaiting);
  const resendMissing = useJobs((s) => s.resendMissing);
  const jobBusy = useJobs((s) => s.busy);
  const goTo = useWizard((s) => s.goTo);

  useEffect(() => {
    void load(api, jobId);
  }, [api, jobId, load]);

  // Each state has its own action button, so pressing one (Stop waiting, Check again…) removes it: when
  // the keyboard focus was in the card and fell out of the page with it, put it on the new status.
  const focusWasIn = useRef(false);
  const statusRef = useRef<HTMLDivElement>(null);
  const state = entry?.kind === 'ready' ? (entry.view?.state ?? 'never') : 'loading';
  useEffect(() => {
    if (focusWasIn.current && (document.activeElement === null || document.activeElement === document.body)) statusRef.current?.focus();
  }, [state]);

  const view = entry?.kind === 'ready' ? entry.view : null;
  // `verify.resendMissing` sends the rows found missing; a differing row is left alone (its newer value may be someone else's).
  const resendable = view?.state === 'finished' ? view.missing : 0;
  const problems = view ? view.missing + view.differs + view.notYetVisible : 0;
  const onResend = async () => {
    if (!(await useSendGate.getState().confirm(api, { mode: 'send', profileId, rows: resendable }))) return;
    if ((await resendMissing(api, jobId)) !== null) goTo('upload');
  };

  return (
    <section
      className="verify-card"
      aria-labelledby="verify-heading"
      data-testid="verify-card"
      data-job-id={jobId}
      data-state={state}
      data-checked={view?.checked}
      data-verified={view?.verified}
      data-missing={view?.missing}
      data-differs={view?.differs}
      onFocus={() => (focusWasIn.current = true)}
      onBlur={(e) => {
        // Focus that leaves for another element has left the card; focus lost with a removed button has not.
        if (e.relatedTarget !== null && !e.currentTarget.contains(e.relatedTarget)) focusWasIn.current = false;
      }}
    >
      <h3 id="verify-heading">{t('verify.heading')}</h3>
      <Flex direction="column" gap="size-150">
        <Text UNSAFE_className="hint">{t('verify.intro')}</Text>
        <div ref={statusRef} tabIndex={-1} className="verify-status" data-testid="verify-status">
          {entry?.kind === 'ready' ? (
            <VerifyStatus view={view} actions={{ busy, onStart: () => void start(api, jobId), onStopWaiting: () => void stopWaiting(api, jobId) }} />
          ) : (
            <ProgressCircle aria-label={t('verify.loading')} isIndeterminate size="S" />
          )}
        </div>
        {problem && (
          <div role="alert" className="problem">
            {t('verify.problem', { message: problemText(t, problem) })}
          </div>
        )}
        <VerifyWhy />
        {view && problems > 0 && <VerifyProblems api={api} jobId={jobId} total={problems} version={`${view.run}|${view.state}|${problems}`} />}
        {resendable > 0 && (
          <Flex gap="size-200" alignItems="center" wrap>
            <Button variant="accent" onPress={() => void onResend()} isDisabled={jobBusy} data-testid="resend-missing">
              {t('verify.resend')}
            </Button>
            <Text>{t('verify.resendHelp', { count: resendable })}</Text>
          </Flex>
        )}
      </Flex>
    </section>
  );
}
