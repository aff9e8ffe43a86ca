import { useTranslation } from 'react-i18next';
import { ActionButton } from '@adobe/react-spectrum';
import type { CatalogMark, CatalogName } from '../../../shared/catalog/attribute-catalog.js';
import { formatWhen } from '../upload/format.js';

/**
 * What the attribute catalog says about one parameter name on the Map step: already in Target (sent to
 * this connection before), new for the connection, or new and easily mistaken for a name already there,
 * with a button that takes the existing name instead.
 */
export function CatalogMarkNote(props: {
  readonly mark: CatalogMark;
  readonly column: string;
  readonly connection: string;
  /** The catalog line of the name (for a known one) or of the name it resembles. */
  readonly entry: CatalogName | undefined;
  readonly onUse: (name: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const { mark, column, connection, entry } = props;
  if (mark.status === 'known') {
    return (
      <span className="catalog-mark catalog-mark--known" data-testid={`catalog-mark-${column}`} data-mark="known" title={t('catalog.mark.knownHelp', { connection, when: formatWhen(entry?.lastSentAt ?? null, i18n.language), file: entry?.lastFile ?? '' })}>
        {t('catalog.mark.known')}
      </span>
    );
  }
  if (mark.nearDuplicate === null) {
    return (
      <span className="catalog-mark" data-testid={`catalog-mark-${column}`} data-mark="new" title={t('catalog.mark.newHelp', { connection })}>
        {t('catalog.mark.new', { connection })}
      </span>
    );
  }
  const { of, kind } = mark.nearDuplicate;
  return (
    <span className="catalog-mark catalog-mark--near" data-testid={`catalog-mark-${column}`} data-mark="near" data-of={of}>
      <span role="note">
        <strong>{t('catalog.mark.near', { of })}</strong> {t(`catalog.mark.nearHelp.${kind}`, { name: mark.name, of })}
      </span>{' '}
      <ActionButton isQuiet onPress={() => props.onUse(of)} aria-label={t('catalog.mark.useLabel', { column, of })} data-testid={`catalog-use-${column}`}>
        {t('catalog.mark.use', { of })}
      </ActionButton>
    </span>
  );
}
