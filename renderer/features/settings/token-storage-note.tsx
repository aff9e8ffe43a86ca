import { useTranslation } from 'react-i18next';
import type { SecretStorageKind } from '../../../shared/contract/connections.js';

/** The one sentence about how saved tokens are kept on this computer, shown wherever a token is saved or mentioned. */
export function TokenStorageNote({ kind }: { readonly kind: SecretStorageKind }) {
  const { t } = useTranslation();
  return (
    <>
      <strong>{t('settings.storage.label')}:</strong> {t(`settings.storage.${kind}`)}
    </>
  );
}
