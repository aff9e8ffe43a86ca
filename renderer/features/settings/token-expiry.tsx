import { useTranslation } from 'react-i18next';
import { StatusLight } from '@adobe/react-spectrum';
import type { ConnectionView } from '../../../shared/contract/connections.js';
import { daysUntil } from '../../../shared/contract/token-expiry.js';
import { tokenExpiresSoon } from './connection-fields.js';

/**
 * When the connection's token stops working, where known ("expires in 83 days"): a warning from 14 days
 * before for a pasted token (Target will refuse it; a new one must be pasted), plain information for a
 * token Adobe sign-in minted (the app renews it).
 */
export function TokenExpiry({ connection }: { readonly connection: ConnectionView }) {
  const { t } = useTranslation();
  const days = daysUntil(connection.tokenExpiresAt);
  if (days === undefined || !connection.hasToken) return null;
  const soon = tokenExpiresSoon(connection);
  const text = days < 0 ? t('settings.expired', { count: -days }) : days === 0 ? t('settings.expiresToday') : t('settings.expiresIn', { count: days });
  return (
    <StatusLight variant={soon ? 'notice' : 'neutral'} data-testid="token-expiry" data-days={days} data-soon={soon ? 'true' : 'false'}>
      {soon ? t('settings.expirySoon', { when: text }) : text}
    </StatusLight>
  );
}
