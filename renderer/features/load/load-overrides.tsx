import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Flex, Item, NumberField, Picker, Text } from '@adobe/react-spectrum';
import type { Key } from '@adobe/react-spectrum';
import type { FileSummary, ReadOverrides } from '../../../shared/contract/index.js';

const ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'cp949', 'shift_jis', 'windows-1252'] as const;
const DELIMITERS = [',', ';', '\t', '|'] as const;
const AUTO = 'auto';

/**
 * What the reader detected (encoding, column separator, header row, sheet), each with an override.
 * Changing a picker re-reads the file at once; the header row is applied with its button.
 */
export function LoadOverrides({ file, onReopen }: { readonly file: FileSummary; readonly onReopen: (options: ReadOverrides) => void }) {
  const { t } = useTranslation();
  const [headerRow, setHeaderRow] = useState(file.headerRow);
  useEffect(() => setHeaderRow(file.headerRow), [file.headerRow]);
  const source = (s: string | null) => (s === 'override' ? t('loadMore.chosen') : t('loadMore.detected'));
  const change = (patch: Partial<Record<keyof ReadOverrides, string | number | undefined>>) => {
    const next: Record<string, string | number> = { ...file.options };
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === AUTO) delete next[k];
      else next[k] = v;
    }
    onReopen(next as ReadOverrides);
  };
  return (
    <section aria-labelledby="overrides-heading" className="overrides" data-testid="load-overrides">
      <h3 id="overrides-heading" className="subheading">
        {t('loadMore.overrides')}
      </h3>
      <Text>{t('loadMore.overridesHint')}</Text>
      <Flex gap="size-300" wrap marginTop="size-150" alignItems="end">
        {file.format === 'xlsx' && file.sheets.length > 0 && (
          <Picker
            label={t('loadMore.sheet')}
            selectedKey={file.sheet ?? file.sheets[0] ?? null}
            onSelectionChange={(key: Key | null) => key !== null && change({ sheet: String(key) })}
            data-testid="sheet-picker"
          >
            {file.sheets.map((name) => (
              <Item key={name}>{name}</Item>
            ))}
          </Picker>
        )}
        {file.format === 'csv' && (
          <Picker
            label={`${t('load.encoding')} (${source(file.encodingSource)})`}
            selectedKey={file.options.encoding ?? file.encoding ?? AUTO}
            onSelectionChange={(key: Key | null) => key !== null && change({ encoding: String(key) })}
            data-testid="encoding-picker"
          >
            {[
              <Item key={AUTO}>{t('loadMore.auto')}</Item>,
              ...ENCODINGS.map((e) => <Item key={e}>{t(`loadMore.encodings.${e}`)}</Item>),
            ]}
          </Picker>
        )}
        {file.format === 'csv' && (
          <Picker
            label={`${t('load.delimiter')} (${source(file.delimiterSource)})`}
            selectedKey={file.options.delimiter ?? file.delimiter ?? AUTO}
            onSelectionChange={(key: Key | null) => key !== null && change({ delimiter: String(key) })}
            data-testid="delimiter-picker"
          >
            {[<Item key={AUTO}>{t('loadMore.auto')}</Item>, ...DELIMITERS.map((d) => <Item key={d}>{t(`delimiters.${d}`)}</Item>)]}
          </Picker>
        )}
        <Flex gap="size-100" alignItems="end">
          <NumberField
            label={`${t('loadMore.headerRowField')} (${source(file.headerRowSource)})`}
            minValue={1}
            maxValue={1000}
            step={1}
            value={headerRow}
            onChange={(v) => Number.isFinite(v) && setHeaderRow(v)}
            data-testid="header-row-field"
            width="size-2400"
          />
          <Button variant="secondary" isDisabled={headerRow === file.headerRow} onPress={() => change({ headerRow })}>
            {t('loadMore.apply')}
          </Button>
        </Flex>
      </Flex>
    </section>
  );
}
