import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Content, Flex, Heading, InlineAlert, Item, NumberField, Picker, ProgressBar, Text, Well } from '@adobe/react-spectrum';
import type { Key } from '@adobe/react-spectrum';
import type { ReviewFilter } from '../../../shared/contract/index.js';
import type { DuplicatePolicy } from '../../../shared/validation/duplicate-policy.js';
import type { ClientApi } from '../../api/index.js';
import { issueText } from '../../i18n/issue-text.js';
import { problemText } from '../../i18n/problem-text.js';
import { lastSummary, useMapReview } from '../../state/map-review-store.js';
import { useWizard } from '../../state/wizard-store.js';
import { IssueKinds } from './issue-kinds.js';
import { RejectedExportButton } from './rejected-export.js';
import { ReviewGrid } from './review-grid.js';
import { focusStepHeading } from '../../app/step-focus.js';
import { StepFooter } from '../../app/step-footer.js';
import { SummaryCards } from './summary-cards.js';
import { TopValuesPanel } from './top-values.js';

const FILTERS = ['all', 'issues', 'blocking', 'warnings', 'excluded'] as const;
const POLICIES: readonly DuplicatePolicy[] = ['flag', 'merge', 'last-wins', 'first-wins'];

/** Step 3: what the check found, every row with its problems, fixes, and the gate to Upload. */
export function ReviewStep({ api }: { readonly api: ClientApi }) {
  const { t, i18n } = useTranslation();
  const file = useMapReview((s) => s.file);
  const review = useMapReview((s) => s.review);
  const runReview = useMapReview((s) => s.runReview);
  const edit = useMapReview((s) => s.edit);
  const bulk = useMapReview((s) => s.bulk);
  const unlock = useWizard((s) => s.unlock);
  const goTo = useWizard((s) => s.goTo);
  const [filter, setFilter] = useState<ReviewFilter>('all');
  // Rows fixed or left out while a filter is on stay in the list (marked) until the list is refreshed.
  const [kept, setKept] = useState<readonly number[]>([]);
  const filterText = JSON.stringify(filter);
  useEffect(() => setKept([]), [filterText, file?.fileId]);
  const [jumpRow, setJumpRow] = useState<number>(Number.NaN);
  const [jump, setJump] = useState<{ index: number; nonce: number } | null>(null);
  const [jumpError, setJumpError] = useState<string | null>(null);
  const summary = lastSummary(review);
  const failedText = review.kind === 'failed' && t('review.failed', { message: problemText(t, review.problem) });
  const n = (x: number) => x.toLocaleString(i18n.language);

  useEffect(() => {
    if (summary?.uploadAllowed) unlock('upload');
  }, [summary?.uploadAllowed, unlock]);

  const busy = review.kind === 'running';
  const heading = (
    <Heading level={2} id="review-heading">
      {t('review.heading')}
    </Heading>
  );
  if (!file || !summary) {
    return (
      <section className="step" data-testid="review-step" data-state={review.kind} aria-labelledby="review-heading">
        {heading}
        {review.kind === 'idle' && <Text>{t('review.notChecked')}</Text>}
        {review.kind === 'running' && <ProgressBar label={review.rows > 0 ? t('map.checkingRows', { rows: n(review.rows) }) : t('map.checking')} isIndeterminate width="100%" />}
        {review.kind === 'failed' && (
          <div role="alert" data-testid="review-error">
            <Well>{failedText}</Well>
            <Button variant="secondary" onPress={() => goTo('map')}>
              {t('review.backToMap')}
            </Button>
          </div>
        )}
      </section>
    );
  }

  const filterKey = typeof filter === 'string' ? filter : 'code';
  const keepInView = (row: number) => {
    if (filter !== 'all' && !kept.includes(row)) setKept([...kept, row].slice(-10_000));
  };
  const doJump = () => {
    if (!Number.isFinite(jumpRow)) return;
    if (jumpRow < 1 || jumpRow > summary.rows) {
      setJumpError(t('review.jumpOutOfRange', { row: n(jumpRow), rows: n(summary.rows) }));
      return;
    }
    setJumpError(null);
    setFilter('all');
    setJump({ index: jumpRow - 1, nonce: Date.now() });
  };
  const blockText = summary.uploadBlock
    ? t(`review.blockedBecause.${summary.uploadBlock}`, { count: summary.blocking })
    : t('review.uploadReady', { count: summary.ready, rows: t('review.rowCount', { count: summary.ready }), batches: t('review.batchCount', { count: summary.batches }) });

  return (
    <section className="step" data-testid="review-step" data-state={review.kind} data-run={summary.run} aria-labelledby="review-heading" aria-busy={busy}>
      {heading}
      <StepFooter back="map">
        <Text id="upload-gate" data-testid="upload-gate" data-allowed={summary.uploadAllowed ? 'yes' : 'no'}>
          {blockText}
        </Text>
        <Button
          variant="accent"
          isDisabled={!summary.uploadAllowed || busy}
          aria-describedby="upload-gate"
          onPress={() => {
            unlock('upload');
            goTo('upload');
          }}
          data-testid="to-upload"
        >
          {t('review.toUpload')}
        </Button>
      </StepFooter>
      {busy && <ProgressBar label={t('review.working')} isIndeterminate width="100%" data-testid="review-working" />}
      {review.kind === 'failed' && (
        <div role="alert" data-testid="review-error">
          <Well>{failedText}</Well>
        </div>
      )}
      <SummaryCards summary={summary} />
      {summary.fileIssues.some((i) => i.severity !== 'info') && (
        <InlineAlert variant={summary.uploadBlock === 'file-issues' ? 'negative' : 'notice'} marginTop="size-200" data-testid="file-issues">
          <Heading>{t('review.fileIssues')}</Heading>
          <Content>
            <ul>
              {summary.fileIssues.map((issue, i) => (
                <li key={i}>
                  <strong>{t(`review.kinds.${issue.code}`)}</strong>: {issueText(t, issue)}
                </li>
              ))}
            </ul>
            {summary.uploadBlock === 'file-issues' && (
              <Button variant="secondary" onPress={() => goTo('map')}>
                {t('review.backToMap')}
              </Button>
            )}
          </Content>
        </InlineAlert>
      )}
      {summary.issuesTruncated && <Text>{t('review.truncated')}</Text>}
      <div className="review-columns">
        <IssueKinds
          summary={summary}
          delimiter={file.delimiter}
          busy={busy}
          onShow={(code) => setFilter({ code })}
          onBulk={(action) => {
            // The pressed fix often disappears with the problem it fixed: focus goes back to the heading, one Tab from Upload.
            void bulk(api, action).then(() => focusStepHeading('review'));
          }}
        />
        <section className="panel" aria-labelledby="dup-heading">
          <h3 id="dup-heading" className="subheading">
            {t('review.duplicates')}
          </h3>
          <Picker
            aria-labelledby="dup-heading"
            selectedKey={summary.duplicates}
            isDisabled={busy}
            onSelectionChange={(key: Key | null) => key !== null && void runReview(api, key as DuplicatePolicy)}
            data-testid="duplicate-policy"
          >
            {POLICIES.map((p) => (
              <Item key={p}>{t(`review.duplicatePolicies.${p}`)}</Item>
            ))}
          </Picker>
          <Flex marginTop="size-200" gap="size-100" wrap>
            <RejectedExportButton api={api} fileId={summary.fileId} rejected={summary.blocking} />
          </Flex>
        </section>
      </div>
      <Flex gap="size-300" alignItems="end" wrap marginTop="size-200">
        <Picker
          label={t('review.filter')}
          selectedKey={filterKey}
          onSelectionChange={(key: Key | null) => key !== null && key !== 'code' && setFilter(key as (typeof FILTERS)[number])}
          data-testid="row-filter"
          width="size-3600"
        >
          {[
            ...FILTERS.map((f) => <Item key={f}>{t(`review.filters.${f}`)}</Item>),
            ...(typeof filter === 'object' ? [<Item key="code">{t('review.filters.code', { kind: t(`review.kinds.${filter.code}` as 'review.kinds.id-missing') })}</Item>] : []),
          ]}
        </Picker>
        <Flex gap="size-100" alignItems="end">
          <NumberField label={t('review.jump')} minValue={1} value={jumpRow} onChange={setJumpRow} data-testid="jump-row" width="size-2000" hideStepper />
          <Button variant="secondary" onPress={doJump} data-testid="jump-go">
            {t('review.jumpButton')}
          </Button>
        </Flex>
        {jumpError && (
          <p role="alert" data-testid="jump-error">
            {jumpError}
          </p>
        )}
      </Flex>
      {kept.length > 0 && (
        <Flex gap="size-150" alignItems="center" wrap marginTop="size-100" data-testid="kept-note">
          <Text>{t('review.grid.keptNote', { count: kept.length })}</Text>
          <Button variant="secondary" onPress={() => setKept([])} data-testid="refresh-list">
            {t('review.grid.refreshList')}
          </Button>
        </Flex>
      )}
      <ReviewGrid
        api={api}
        fileId={summary.fileId}
        fileName={file.name}
        headers={file.headers}
        run={summary.run}
        filter={filter}
        keep={kept}
        initialTotal={filter === 'all' ? summary.rows : 0}
        jump={jump}
        busy={busy}
        onEdit={(row, column, value) => {
          keepInView(row);
          void edit(api, [{ row, cells: { [column]: value } }]);
        }}
        onExclude={(row, exclude) => {
          keepInView(row);
          void edit(api, [{ row, exclude }]);
        }}
      />
      <TopValuesPanel api={api} fileId={summary.fileId} run={summary.run} rows={summary.ready} />
    </section>
  );
}
