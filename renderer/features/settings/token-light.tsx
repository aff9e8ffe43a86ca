import { useTranslation } from 'react-i18next';
import { StatusLight } from '@adobe/react-spectrum';
import type { ConnectionView } from '../../../shared/contract/connections.js';
import { formatWhen } from '../upload/format.js';

/**
 * What is known about a connection's token, from the last "Test connection" (or a refusal during an
 * upload): green only when Target accepted it, red when it refused it, neutral when saved but untested
 * (or, for Adobe sign-in, not minted yet).
 */
export function TokenLight({ connection }: { readonly connection: ConnectionView }) {
  const { t, i18n } = useTranslation();
  const test = connection.lastTest;
  const when = test ? formatWhen(test.at, i18n.language) : '';
  const [variant, text, state] = !connection.hasToken
    ? connection.auth.kind === 'adobe-oauth'
      ? (['neutral', t('settings.tokenNotMinted'), 'none'] as const)
      : (['neutral', t('settings.tokenNone'), 'none'] as const)
    : test === null
      ? (['neutral', t('settings.tokenSaved'), 'untested'] as const)
      : test.token === 'accepted'
        ? (['positive', t('settings.tokenAccepted', { when }), 'accepted'] as const)
        : test.token === 'refused'
          ? (['negative', t('settings.tokenRefused', { when }), 'refused'] as const)
          : (['notice', t('settings.tokenNotReached', { when }), 'not-reached'] as const);
  return (
    <StatusLight variant={variant} data-testid="token-status" data-state={state}>
      {text}
    </StatusLight>
  );
}
