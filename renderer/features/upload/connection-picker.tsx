import { useTranslation } from 'react-i18next';
import { Flex, Item, Picker, StatusLight, Text } from '@adobe/react-spectrum';
import type { Key } from '@adobe/react-spectrum';
import type { ConnectionView } from '../../../shared/contract/connections.js';
import { connectionColor } from './format.js';
import { TokenLight } from '../settings/token-light.js';
import { tokenExpiryWarning } from '../../../shared/contract/token-expiry.js';
import { problemText } from '../../i18n/problem-text.js';
import { TokenExpiry } from '../settings/token-expiry.js';

/** Picks the connection an upload goes to; each shows its environment's colour, client code and token state. */
export function ConnectionPicker(props: {
  readonly connections: readonly ConnectionView[];
  readonly selectedId: string | null;
  readonly onSelect: (id: string) => void;
  readonly isDisabled?: boolean;
}) {
  const { t } = useTranslation();
  const selected = props.connections.find((p) => p.id === props.selectedId) ?? null;
  // A saved, pasted token that expires soon (or did) is called out before sending.
  const expiring = selected?.hasToken ? tokenExpiryWarning(selected) : null;
  return (
    <div className="connection-picker" data-testid="connection-picker">
      <Picker
        label={t('upload.connection')}
        description={t('upload.connectionHelp')}
        items={props.connections}
        selectedKey={props.selectedId}
        onSelectionChange={(key: Key | null) => key !== null && props.onSelect(String(key))}
        isDisabled={props.isDisabled}
        width="size-4600"
        maxWidth="100%"
      >
        {(p) => (
          <Item key={p.id} textValue={p.environment ? `${p.name} (${p.environment})` : p.name}>
            <Text>
              <span className="env-dot" style={{ background: connectionColor(p.color) }} aria-hidden="true" />
              {p.name}
            </Text>
            <Text slot="description">{p.environment || t('upload.environmentNone')}</Text>
          </Item>
        )}
      </Picker>
      {selected && (
        <div
          className="connection-card"
          data-testid="connection-card"
          data-production={selected.production ? 'true' : 'false'}
          style={{ borderInlineStartColor: connectionColor(selected.color) }}
        >
          <Flex gap="size-300" wrap alignItems="center">
            <span className="env-badge" style={{ borderColor: connectionColor(selected.color) }}>
              {selected.environment || t('upload.environmentNone')}
            </span>
            {selected.production && (
              <span className="production-badge" data-testid="production-badge">
                {t('upload.productionBadge')}
              </span>
            )}
            <Text>
              {t('upload.clientCode')}: <strong>{selected.clientCode}</strong>
            </Text>
            <Text>
              {t('upload.apiVersion')}: <strong>{selected.apiVersion}</strong>
            </Text>
            {selected.builtIn ? (
              <StatusLight variant="neutral">{t('upload.tokenNotNeeded')}</StatusLight>
            ) : selected.hasToken || selected.auth.kind === 'adobe-oauth' ? (
              <TokenLight connection={selected} />
            ) : (
              <StatusLight variant="negative">{t('upload.tokenMissing')}</StatusLight>
            )}
            {selected.auth.kind === 'adobe-oauth' && <StatusLight variant="info">{t('upload.signedInWithAdobe')}</StatusLight>}
            {!selected.builtIn && <TokenExpiry connection={selected} />}
          </Flex>
          {expiring && (
            <p className="problem" data-testid="token-expiry-warning">
              {problemText(t, expiring)}
            </p>
          )}
          {selected.production && selected.baseUrl.startsWith('http://') && (
            <p className="problem" data-testid="http-production">
              {t('upload.httpProduction')}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
