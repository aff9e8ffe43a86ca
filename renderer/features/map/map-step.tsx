import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, ButtonGroup, Content, Flex, Heading, InlineAlert, Item, Picker, ProgressBar, Radio, RadioGroup, Text, TextField, Well } from '@adobe/react-spectrum';
import type { Key } from '@adobe/react-spectrum';
import type { ClientApi } from '../../api/index.js';
import { problemText } from '../../i18n/problem-text.js';
import { useMapReview } from '../../state/map-review-store.js';
import { StepFooter } from '../../app/step-footer.js';
import { useWizard } from '../../state/wizard-store.js';
import { withColumn, withIdColumn } from './mapping-edit.js';
import { mappingSpecSchema } from '../../../shared/domain/mapping-spec.js';
import { ParamTable } from './param-table.js';
import { CatalogMarkNote } from './catalog-mark.js';
import { useCatalogMarks } from './use-catalog-marks.js';
import { useConnections } from '../../state/connections-store.js';

const SAMPLE_ROWS = 200;
const EMPTY_MAPPING = mappingSpecSchema.parse({ idColumn: '', idKind: 'thirdPartyId' });
import { IdPersonalData } from './id-personal-data.js';

/** Step 2: the identifier (column and kind), the parameter table, and templates. */
export function MapStep({ api }: { readonly api: ClientApi }) {
  const { t } = useTranslation();
  const file = useMapReview((s) => s.file);
  const map = useMapReview((s) => s.map);
  const suggestion = useMapReview((s) => s.suggestion);
  const mapping = useMapReview((s) => s.mapping);
  const beforeTemplate = useMapReview((s) => s.beforeTemplate);
  const setMapping = useMapReview((s) => s.setMapping);
  const undoTemplate = useMapReview((s) => s.undoTemplate);
  const runReview = useMapReview((s) => s.runReview);
  const unlock = useWizard((s) => s.unlock);
  const goTo = useWizard((s) => s.goTo);
  const [example, setExample] = useState<readonly string[] | null>(null);
  const [samples, setSamples] = useState<readonly (readonly string[])[]>([]);
  const [templateName, setTemplateName] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const selectConnection = useConnections((s) => s.select);
  // Names made by romanising a header are also compared with the catalog as spelling variants.
  const romanised = useMemo(() => new Set((suggestion?.columns ?? []).filter((c) => c.reason === 'romanised').map((c) => c.param)), [suggestion]);
  const catalog = useCatalogMarks(api, mapping ?? EMPTY_MAPPING, romanised);

  useEffect(() => {
    if (!file) return;
    let live = true;
    // The first rows give the example column and the values a date column's format is found in.
    void api.call['files.rows']({ fileId: file.fileId, first: 1, count: SAMPLE_ROWS, wait: true }).then(
      (page) => {
        if (!live) return;
        setExample(page.rows[0] ?? null);
        setSamples(page.rows);
      },
      () => undefined,
    );
    setTemplateName(file.name.replace(/\.[^.]+$/, ''));
    return () => {
      live = false;
    };
  }, [api, file]);

  const state = !file ? 'idle' : map.kind;
  if (!file || !mapping || !suggestion) {
    return (
      <section className="step" data-testid="map-step" data-state={state} aria-labelledby="map-heading">
        <Heading level={2} id="map-heading">
          {t('map.heading')}
        </Heading>
        {map.kind === 'failed' ? (
          <div role="alert">
            <Well>{t('map.failed', { message: problemText(t, map.problem) })}</Well>
          </div>
        ) : file ? (
          <ProgressBar label={t('map.loading')} isIndeterminate />
        ) : (
          <Text>{t('map.noFile')}</Text>
        )}
      </section>
    );
  }

  // The identifier column's own suggestion too: it is sent like any column once another is the identifier.
  const suggestions = suggestion.idParam ? [...suggestion.columns, suggestion.idParam] : suggestion.columns;
  const next = () => {
    void runReview(api);
    unlock('review');
    goTo('review');
  };
  const save = async () => {
    const name = templateName.trim();
    if (!name) return;
    await api.call['templates.save']({ name, headers: [...file.headers], mapping });
    setSaved(name);
  };

  return (
    <section className="step" data-testid="map-step" data-state="ready" aria-labelledby="map-heading">
      <Heading level={2} id="map-heading">
        {t('map.heading')}
      </Heading>
      <StepFooter back="load">
        <Button variant="accent" onPress={next} data-testid="to-review">
          {t('map.next')}
        </Button>
      </StepFooter>
      {suggestion.template && (
        <InlineAlert variant="info" data-testid="template-applied" marginBottom="size-200">
          <Heading>{t('map.templatesHeading')}</Heading>
          <Content>
            <Flex alignItems="center" gap="size-200" wrap>
              <Text>{t('map.templateApplied', { name: suggestion.template.name })}</Text>
              <Button variant="secondary" onPress={undoTemplate} data-testid="undo-template">
                {t('map.undoTemplate')}
              </Button>
            </Flex>
          </Content>
        </InlineAlert>
      )}
      {beforeTemplate && !suggestion.template && (
        <p role="status" data-testid="template-undone">
          {t('map.templateUndone')}
        </p>
      )}

      <section aria-labelledby="id-heading" className="panel">
        <Heading level={3} id="id-heading">
          {t('map.idHeading')}
        </Heading>
        <Flex gap="size-400" wrap alignItems="start">
          <Flex direction="column" gap="size-100">
            <Picker
              label={t('map.idColumn')}
              selectedKey={mapping.idColumn}
              onSelectionChange={(key: Key | null) => key !== null && setMapping(withIdColumn(mapping, file.headers, String(key), suggestions))}
              data-testid="id-column-picker"
              width="size-3600"
            >
              {file.headers
                .filter((h) => h.trim() !== '')
                .map((h) => (
                  <Item key={h}>{h}</Item>
                ))}
            </Picker>
            <Text UNSAFE_className="hint">{suggestion.idConfidence > 0 ? t('map.idGuess', { percent: Math.round(suggestion.idConfidence * 100) }) : t('map.idNoGuess')}</Text>
          </Flex>
          <RadioGroup
            label={t('map.idKind')}
            value={mapping.idKind}
            onChange={(value) => setMapping({ ...mapping, idKind: value === 'pcId' ? 'pcId' : 'thirdPartyId' })}
            data-testid="id-kind"
          >
            <Radio value="thirdPartyId">{t('map.kindThirdParty')}</Radio>
            <Radio value="pcId">{t('map.kindPcId')}</Radio>
          </RadioGroup>
        </Flex>
        <Well marginTop="size-150" UNSAFE_className="help-text">
          {t('map.kindHelp')}
        </Well>
        <IdPersonalData mapping={mapping} personal={suggestion.personalData ?? []} example={example} headers={file.headers} onChange={setMapping} />
      </section>

      <section aria-labelledby="params-heading" className="panel">
        <Heading level={3} id="params-heading">
          {t('map.paramsHeading')}
        </Heading>
        {catalog.connection && (
          <Flex alignItems="end" gap="size-200" wrap marginBottom="size-150">
            <Picker
              label={t('map.compareWith')}
              selectedKey={catalog.connection.id}
              onSelectionChange={(key: Key | null) => key !== null && selectConnection(String(key))}
              data-testid="catalog-connection-picker"
              width="size-3600"
            >
              {catalog.connections.map((c) => (
                <Item key={c.id}>{c.name}</Item>
              ))}
            </Picker>
            <Text UNSAFE_className="hint">{t('catalog.mark.checkedAgainst', { connection: catalog.connection.name })}</Text>
          </Flex>
        )}
        <ParamTable
          mapping={mapping}
          suggestions={suggestions}
          example={example}
          samples={samples}
          headers={file.headers}
          personal={suggestion.personalData ?? []}
          onChange={setMapping}
          noteFor={(column) => {
            const hit = catalog.byColumn.get(column);
            if (!hit || !catalog.connection) return null;
            return <CatalogMarkNote mark={hit.mark} column={column} connection={catalog.connection.name} entry={hit.entry} onUse={(name) => setMapping(withColumn(mapping, column, { param: name }))} />;
          }}
        />
      </section>

      <section aria-labelledby="templates-heading" className="panel">
        <Heading level={3} id="templates-heading">
          {t('map.templatesHeading')}
        </Heading>
        <Flex gap="size-200" alignItems="end" wrap>
          <TextField label={t('map.templateName')} value={templateName} onChange={setTemplateName} width="size-4600" data-testid="template-name" />
          <ButtonGroup>
            <Button variant="secondary" onPress={() => void save()} isDisabled={templateName.trim() === ''} data-testid="save-template">
              {t('map.saveTemplate')}
            </Button>
          </ButtonGroup>
        </Flex>
        {saved && (
          <p role="status" data-testid="template-saved">
            {t('map.templateSaved', { name: saved })}
          </p>
        )}
      </section>
    </section>
  );
}
