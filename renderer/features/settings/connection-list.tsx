import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionButton, AlertDialog, DialogContainer, Flex, ProgressCircle, StatusLight, Text } from '@adobe/react-spectrum';
import { TokenExpiry } from './token-expiry.js';
import { TokenLight } from './token-light.js';
import type { ConnectionView } from '../../../shared/contract/connections.js';
import type { ConnectionTestState } from '../../state/connections-store.js';
import { connectionColor } from '../upload/format.js';
import { problemText } from '../../i18n/problem-text.js';

/** Every connection with what it points at, whether a token is saved, and Edit / Test / Delete. */
export function SavedConnections(props: {
  readonly connections: readonly ConnectionView[];
  readonly tests: Readonly<Record<string, ConnectionTestState>>;
  readonly onEdit: (connection: ConnectionView) => void;
  readonly onTest: (connection: ConnectionView) => void;
  readonly onDelete: (connection: ConnectionView) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [deleting, setDeleting] = useState<ConnectionView | null>(null);
  return (
    <>
      <ul className="profile-list" aria-label={t('settings.connections')}>
        {props.connections.map((p) => {
          const test = props.tests[p.id];
          return (
            <li key={p.id} className="profile-item" data-testid="profile-item" data-profile-id={p.id} style={{ borderInlineStartColor: connectionColor(p.color) }}>
              <Flex justifyContent="space-between" alignItems="start" gap="size-200" wrap>
                <div>
                  <div className="profile-name">
                    <span className="env-dot" style={{ background: connectionColor(p.color) }} aria-hidden="true" />
                    {p.name}
                    {p.environment && <span className="env-badge" style={{ borderColor: connectionColor(p.color), marginInlineStart: 8 }}>{p.environment}</span>}
                    {p.production && (
                      <span className="production-badge" data-testid="production-badge">
                        {t('settings.productionBadge')}
                      </span>
                    )}
                  </div>
                  <div className="batch-message">
                    {p.builtIn ? t('settings.builtInHelp') : `${p.baseUrl} · ${t('settings.clientCode')} ${p.clientCode} · ${p.apiVersion}`}
                  </div>
                  {!p.builtIn && (
                    <div className="token-lights">
                      <TokenLight connection={p} />
                      <TokenExpiry connection={p} />
                    </div>
                  )}
                </div>
                <Flex gap="size-100" wrap>
                  {!p.builtIn && (
                    <ActionButton onPress={() => props.onEdit(p)} aria-label={t('settings.editOf', { name: p.name })}>
                      {t('settings.edit')}
                    </ActionButton>
                  )}
                  {/* Not disabled while testing: a disabled button would drop the keyboard focus. */}
                  <ActionButton onPress={() => test?.kind !== 'testing' && props.onTest(p)} aria-label={t('settings.testOf', { name: p.name })}>
                    {t('settings.test')}
                  </ActionButton>
                  {!p.builtIn && (
                    <ActionButton onPress={() => setDeleting(p)} aria-label={t('settings.deleteOf', { name: p.name })}>
                      {t('settings.delete')}
                    </ActionButton>
                  )}
                </Flex>
              </Flex>
              {test && (
                <div className="profile-test" role="status" data-testid="profile-test" data-state={test.kind === 'done' ? (test.result.ok ? 'ok' : 'failed') : test.kind}>
                  {test.kind === 'testing' && (
                    <Flex gap="size-100" alignItems="center">
                      <ProgressCircle aria-label={t('settings.testing')} isIndeterminate size="S" />
                      <Text>{t('settings.testing')}</Text>
                    </Flex>
                  )}
                  {test.kind === 'failed' && <Text>{t('settings.testFailed')} {problemText(t, test.problem)}</Text>}
                  {test.kind === 'done' && (
                    <>
                      <Text>{test.result.ok ? t('settings.testOk') : t('settings.testFailed')}</Text>
                      <ul className="checks">
                        {test.result.checks.map((c) => (
                          <li key={c.check} data-check={c.check} data-ok={c.ok ? 'true' : 'false'}>
                            <StatusLight variant={c.ok ? 'positive' : 'negative'}>
                              {t(`settings.check.${c.check}`)}: {c.ok ? t('settings.checkPassed') : t('settings.checkProblem')}
                            </StatusLight>
                            <span className="batch-message check-detail">{problemText(t, c)}</span>
                          </li>
                        ))}
                      </ul>
                    </>
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ul>
      <DialogContainer onDismiss={() => setDeleting(null)}>
        {deleting && (
          <AlertDialog
            title={t('settings.deleteTitle')}
            variant="destructive"
            primaryActionLabel={t('settings.deleteConfirm')}
            cancelLabel={t('settings.cancel')}
            onPrimaryAction={() => void props.onDelete(deleting)}
          >
            {t('settings.deleteBody', { name: deleting.name })}
          </AlertDialog>
        )}
      </DialogContainer>
    </>
  );
}
