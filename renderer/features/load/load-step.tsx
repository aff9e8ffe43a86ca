import { useCallback, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Flex, Heading, ProgressBar, Text, View, Well } from '@adobe/react-spectrum';
import type { ClientApi } from '../../api/index.js';
import type { FileSummary } from '../../../shared/contract/index.js';
import { problemText } from '../../i18n/problem-text.js';
import { DataGrid } from '../../components/data-grid.js';
import { useLoad } from '../../state/load-store.js';
import { useWizard } from '../../state/wizard-store.js';
import { StepFooter } from '../../app/step-footer.js';
import { LoadOverrides } from './load-overrides.js';
import { RecentFiles } from './recent-files.js';
import { mustChooseSheet, NoRowsNote, SheetNotes } from './sheet-notes.js';
import { useWindowDrop } from './use-window-drop.js';

/** Next waits until the sheet is chosen (several hold data) and stays off for a file without data rows. */
function canGoOn(state: { readonly file: FileSummary; readonly rows: number; readonly counting: boolean }): boolean {
  return !mustChooseSheet(state.file) && (state.counting || state.rows > 0);
}

const ACCEPT = '.csv,.tsv,.txt,.xlsx,text/csv,text/tab-separated-values,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Step 1: drop or choose a spreadsheet; shows what was detected and a preview of every row. */
export function LoadStep({ api }: { readonly api: ClientApi }) {
  const { t, i18n } = useTranslation();
  const state = useLoad((s) => s.state);
  const load = useLoad((s) => s.load);
  const openPath = useLoad((s) => s.openPath);
  const openSample = useLoad((s) => s.openSample);
  const reopen = useLoad((s) => s.reopen);
  const unlock = useWizard((s) => s.unlock);
  const goTo = useWizard((s) => s.goTo);
  const next = useCallback(() => {
    const now = useLoad.getState().state;
    if (now.kind !== 'ready' || !canGoOn(now)) return;
    unlock('map');
    goTo('map');
  }, [goTo, unlock]);
  const input = useRef<HTMLInputElement>(null);
  const onFile = useCallback((file: File) => void load(api, file), [api, load]);
  const dragging = useWindowDrop(onFile);
  const format = (n: number) => n.toLocaleString(i18n.language);
  const compact = state.kind === 'ready' && !dragging;

  return (
    <section className="step" data-testid="load-step" data-state={state.kind === 'ready' ? (state.counting ? 'counting' : 'ready') : state.kind} aria-labelledby="load-heading">
      <Heading level={2} id="load-heading">
        {t('load.heading')}
      </Heading>
      {state.kind === 'ready' && (
        <StepFooter>
          <Button variant="accent" onPress={next} isDisabled={!canGoOn(state)} data-testid="to-map">
            {t('loadMore.next')}
          </Button>
        </StepFooter>
      )}
      {/* Once a file is open the drop zone shrinks to one line, so its facts and preview are in view. */}
      <div className={`drop-zone${compact ? ' drop-zone--compact' : ''}${dragging ? ' drop-zone--active' : ''}`} data-testid="drop-zone" data-compact={compact ? 'yes' : 'no'}>
        <Flex direction={compact ? 'row' : 'column'} alignItems="center" justifyContent={compact ? 'start' : undefined} gap="size-150" wrap>
          <Text>{dragging ? t('load.dropNow') : compact ? t('load.dropAnother') : t('load.dropHint')}</Text>
          {!compact && <Text>{t('load.or')}</Text>}
          <Button variant={compact ? 'secondary' : 'accent'} onPress={() => input.current?.click()} aria-label={t('load.chooseLabel')}>
            {state.kind === 'ready' ? t('load.another') : t('load.choose')}
          </Button>
          <Button variant="secondary" onPress={() => void openSample(api)} data-testid="try-sample">
            {t('loadMore.sample')}
          </Button>
          {!compact && <Text UNSAFE_className="hint">{t('loadMore.sampleHint')}</Text>}
          <input
            ref={input}
            type="file"
            accept={ACCEPT}
            hidden
            data-testid="file-input"
            aria-label={t('load.chooseLabel')}
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              if (file) onFile(file);
              e.currentTarget.value = '';
            }}
          />
        </Flex>
      </div>
      {state.kind === 'uploading' && <ProgressBar label={t('load.uploading', { name: state.name, percent: state.percent })} value={state.percent} width="100%" />}
      {state.kind === 'opening' && <ProgressBar label={t('load.opening', { name: state.name })} isIndeterminate width="100%" />}
      {state.kind === 'failed' && (
        <div role="alert" data-testid="load-error" className="load-error">
          <Well>{t('load.failed', { message: problemText(t, state.problem) })}</Well>
        </div>
      )}
      {(state.kind === 'idle' || state.kind === 'failed') && <RecentFiles api={api} refreshKey={state.kind} onOpen={(path, name, options) => void openPath(api, path, name, options)} />}
      {state.kind === 'ready' && (
        <View marginTop="size-200">
          <SheetNotes file={state.file} onReopen={(options) => void reopen(api, options)} />
          {!state.counting && state.rows === 0 && <NoRowsNote file={state.file} />}
          <dl className="facts" data-testid="file-facts">
            <div>
              <dt>{t('load.format')}</dt>
              <dd>{state.file.format.toUpperCase()}</dd>
            </div>
            {state.file.encoding && (
              <div>
                <dt>{t('load.encoding')}</dt>
                <dd data-testid="fact-encoding" data-encoding={state.file.encoding}>
                  {i18n.exists(`loadMore.encodings.${state.file.encoding}`) ? t(`loadMore.encodings.${state.file.encoding}` as 'loadMore.encodings.utf-8') : state.file.encoding}
                </dd>
              </div>
            )}
            {state.file.delimiter && (
              <div>
                <dt>{t('load.delimiter')}</dt>
                <dd data-testid="fact-delimiter">{t(`delimiters.${state.file.delimiter}` as 'delimiters.,')}</dd>
              </div>
            )}
            <div>
              <dt>{t('load.headerRow')}</dt>
              <dd>{state.file.headerRow}</dd>
            </div>
            <div>
              <dt>{t('load.rowsLabel')}</dt>
              <dd data-testid="row-count" data-state={state.counting ? 'counting' : 'counted'} aria-live="polite">
                {state.counting ? t('load.counting', { rows: format(state.rows) }) : t('load.counted', { count: state.rows, rows: format(state.rows) })}
              </dd>
            </div>
          </dl>
          <LoadOverrides file={state.file} onReopen={(options) => void reopen(api, options)} />
          <Heading level={3}>{t('load.preview', { name: state.file.name })}</Heading>
          <DataGrid api={api} fileId={state.file.fileId} fileName={state.file.name} headers={state.file.headers} totalRows={state.rows} />
          <RecentFiles api={api} refreshKey={state.file.fileId} onOpen={(path, name, options) => void openPath(api, path, name, options)} />
        </View>
      )}
    </section>
  );
}
