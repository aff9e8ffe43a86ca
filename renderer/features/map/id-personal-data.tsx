import { useTranslation } from 'react-i18next';
import { Checkbox, Content, Flex, Heading, InlineAlert, Text } from '@adobe/react-spectrum';
import type { MappingSpec } from '../../../shared/domain/mapping-spec.js';
import type { ColumnDetection } from '../../../shared/privacy/column-guard.js';
import { hashesValues } from '../../../shared/privacy/column-guard.js';
import { sha256Hex } from '../../../shared/domain/sha256-hex.js';
import { withIdHashed, withPersonalChoice } from './personal-data.js';

/**
 * Shown when the identifier column holds personal data (e-mails, phone numbers, …): offers to hash it
 * (with the normalisation and a real value before and after) or, as an explicit choice, to send it as it is.
 * A resident registration number cannot be the identifier: only another column can be chosen.
 */
export function IdPersonalData({
  mapping,
  personal,
  example,
  headers,
  onChange,
}: {
  readonly mapping: MappingSpec;
  readonly personal: readonly ColumnDetection[];
  readonly example: readonly string[] | null;
  readonly headers: readonly string[];
  readonly onChange: (mapping: MappingSpec) => void;
}) {
  const { t } = useTranslation();
  const d = personal.find((p) => p.column === mapping.idColumn);
  if (!d) return null;
  const kind = t(`map.personal.kinds.${d.kind}`);
  const hashed = hashesValues(mapping.idTransforms);
  const value = example?.[headers.indexOf(d.column)] ?? '';
  return (
    <InlineAlert variant={hashed ? 'info' : 'notice'} marginTop="size-200" data-testid="id-personal-data">
      <Heading>{t('map.personal.idHeading')}</Heading>
      <Content>
        <Flex direction="column" gap="size-100">
          <Text>{d.kind === 'rrn' ? t('map.personal.never') : t('map.personal.idText', { column: d.column, kind })}</Text>
          {d.kind !== 'rrn' && (
            <>
              <Checkbox isSelected={hashed} onChange={(v) => onChange(withIdHashed(mapping, v))} data-testid="hash-id">
                {t('map.personal.idHash')}
              </Checkbox>
              {hashed && value.trim() !== '' && (
                <Text UNSAFE_className="hint" data-testid="hash-shown-id">
                  {t('map.personal.hashShown', { before: value, after: sha256Hex(value.trim().toLowerCase()) })}
                </Text>
              )}
              {!hashed && (
                <Checkbox isSelected={mapping.allowPersonalData.includes(d.column)} onChange={(v) => onChange(withPersonalChoice(mapping, d.column, v))} data-testid="send-id-as-is">
                  {t('map.personal.idSendAsIs')}
                </Checkbox>
              )}
            </>
          )}
        </Flex>
      </Content>
    </InlineAlert>
  );
}
