import { useTranslation } from 'react-i18next';
import { Item, Picker } from '@adobe/react-spectrum';
import type { Key } from '@adobe/react-spectrum';
import type { ColumnTransform } from '../../../shared/domain/mapping-spec.js';
import { DATE_SOURCE_FORMATS, detectDateFormat } from '../../../shared/domain/date-formats.js';
import { compileTransforms } from '../../../shared/domain/column-transforms.js';
import { dateFromOf, withDateFrom } from './mapping-edit.js';

/** The source format of a date column: a picker (the format found in the first rows is shown), with how the first value is sent. */
export function DateFormatField({
  column,
  transforms,
  samples,
  onChange,
}: {
  readonly column: string;
  readonly transforms: readonly ColumnTransform[];
  /** The column's values in the first rows of the file. */
  readonly samples: readonly string[];
  readonly onChange: (transforms: ColumnTransform[]) => void;
}) {
  const { t } = useTranslation();
  const from = dateFromOf(transforms);
  if (from === null) return null;
  const found = detectDateFormat(samples);
  const keys: readonly string[] = (DATE_SOURCE_FORMATS as readonly string[]).includes(from) ? DATE_SOURCE_FORMATS : [from, ...DATE_SOURCE_FORMATS];
  const first = samples.find((v) => v.trim() !== '');
  const after = first === undefined ? null : compileTransforms(transforms)?.(first);
  const hintId = `date-hint-${column}`;
  return (
    <div className="date-format" data-testid={`date-format-${column}`} data-found={found.format ?? ''} data-tied={found.tied}>
      <Picker
        label={t('map.dates.format')}
        aria-label={t('map.dates.formatLabel', { column })}
        aria-describedby={hintId}
        selectedKey={from}
        onSelectionChange={(key: Key | null) => key !== null && onChange(withDateFrom(transforms, String(key)))}
        width="size-3000"
        data-testid={`date-format-picker-${column}`}
      >
        {keys.map((k) => (
          <Item key={k}>{t(`map.dates.formats.${k}`, { defaultValue: k })}</Item>
        ))}
      </Picker>
      <div id={hintId} className="hint">
        <p data-testid={`date-found-${column}`}>
          {found.format === null
            ? t('map.dates.none')
            : found.tied
              ? t('map.dates.tied', { values: found.values })
              : t('map.dates.found', { values: found.values, format: found.format, readable: found.readable })}
        </p>
        {first !== undefined && after !== null && after !== undefined && <p data-testid={`date-preview-${column}`}>{t('map.dates.preview', { before: first, after })}</p>}
        <p>{t('map.dates.unreadable')}</p>
      </div>
    </div>
  );
}
