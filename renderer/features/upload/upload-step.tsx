import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Flex, Heading, InlineAlert, Content, ProgressCircle, Text } from '@adobe/react-spectrum';
import type { ClientApi } from '../../api/index.js';
import { useJobs } from '../../state/jobs-store.js';
import { useWizard } from '../../state/wizard-store.js';
import { useConnections } from '../../state/connections-store.js';
import { ConnectionPicker } from './connection-picker.js';
import { JobProgress } from './job-progress.js';
import { useSendGate } from './send-gate.js';
import './upload.css';
import { problemText } from '../../i18n/problem-text.js';
import { StepFooter } from '../../app/step-footer.js';

/** What the Review step hands over: the prepared folder and what is in it. */
export interface PreparedUpload {
  readonly preparedDir: string;
  /** Rows that will be sent. */
  readonly rows: number;
  readonly batches: number;
}

/** Step 4: pick a connection (production asks for its client code), send, and follow every batch. */
export function UploadStep({ api, prepared }: { readonly api: ClientApi; readonly prepared: PreparedUpload | null }) {
  const { t, i18n } = useTranslation();
  const connections = useConnections((s) => s.state);
  const selectedId = useConnections((s) => s.selectedId);
  const select = useConnections((s) => s.select);
  const loadConnections = useConnections((s) => s.load);
  const currentJobId = useJobs((s) => s.currentJobId);
  const view = useJobs((s) => (s.currentJobId ? s.views[s.currentJobId] : undefined));
  const problem = useJobs((s) => s.problem);
  const busy = useJobs((s) => s.busy);
  const start = useJobs((s) => s.start);
  const confirmSend = useSendGate((s) => s.confirm);
  const goTo = useWizard((s) => s.goTo);
  const unlock = useWizard((s) => s.unlock);
  // The job the user turned away from with "Send again": the form shows instead, until a new job starts.
  const [leftJob, setLeftJob] = useState<string | null>(null);
  const n = (value: number) => value.toLocaleString(i18n.language);

  useEffect(() => {
    void loadConnections(api);
  }, [api, loadConnections]);

  const list = connections.kind === 'ready' ? connections.list.connections : [];
  const selected = list.find((p) => p.id === selectedId) ?? null;
  const finished = view?.state === 'completed' || view?.state === 'cancelled';
  // A finished job gives way to the start form when the Review step has prepared something new.
  const showJob =
    view !== undefined &&
    leftJob !== currentJobId &&
    !(finished && prepared !== null && view.spec?.source.preparedDir !== prepared.preparedDir && view.spec?.source.retryOf === null);
  const canSend = prepared !== null && prepared.rows > 0 && selected !== null && !busy;

  // A production connection asks for its client code first (the send gate); nothing goes without this click.
  const send = async () => {
    if (!prepared || !selected) return;
    if (await confirmSend(api, { mode: 'send', profileId: selected.id, rows: prepared.rows })) await start(api, prepared.preparedDir, selected.id);
  };

  const state = showJob ? 'job' : busy ? 'starting' : prepared ? 'ready' : 'empty';
  return (
    <section className="step" data-testid="upload-step" data-state={state} aria-labelledby="upload-heading">
      <Heading level={2} id="upload-heading">
        {t('upload.heading')}
      </Heading>
      <StepFooter back="review">
        {!showJob && (
          <Button variant="accent" isDisabled={!canSend} onPress={() => void send()} data-testid="send">
            {busy ? t('upload.sending') : t('upload.send', { rows: n(prepared?.rows ?? 0) })}
          </Button>
        )}
        {showJob && finished && (
          <Button
            variant="accent"
            onPress={() => {
              unlock('results');
              goTo('results');
            }}
            data-testid="see-results"
          >
            {t('upload.seeResults')}
          </Button>
        )}
      </StepFooter>
      {!showJob && (
        <Flex direction="column" gap="size-200">
          <Text>{t('upload.intro')}</Text>
          {prepared ? (
            <Text data-testid="upload-ready">{t('upload.ready', { count: prepared.rows, rows: t('review.rowCount', { count: prepared.rows }), batches: t('review.batchCount', { count: prepared.batches }) })}</Text>
          ) : (
            <InlineAlert variant="info" data-testid="upload-not-ready">
              <Heading>{t('steps.upload')}</Heading>
              <Content>{t('upload.notReady')}</Content>
            </InlineAlert>
          )}
          {connections.kind === 'loading' && <ProgressCircle aria-label={t('grid.loading')} isIndeterminate size="S" />}
          {connections.kind === 'failed' && (
            <div role="alert" className="problem">
              {t('upload.problem', { message: problemText(t, connections.problem) })}
            </div>
          )}
          {connections.kind === 'ready' && list.length === 0 && <Text>{t('upload.noConnections')}</Text>}
          {list.length > 0 && <ConnectionPicker connections={list} selectedId={selectedId} onSelect={select} isDisabled={busy} />}
        </Flex>
      )}
      {problem && (
        <div role="alert" className="problem" data-testid="upload-problem">
          {t('upload.problem', { message: problemText(t, problem) })}
        </div>
      )}
      {showJob && view && currentJobId && (
        <JobProgress api={api} view={view} {...(prepared && finished ? { onSendAgain: () => setLeftJob(currentJobId) } : {})} />
      )}
    </section>
  );
}
