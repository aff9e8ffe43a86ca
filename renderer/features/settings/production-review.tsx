import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, ButtonGroup, Content, Heading, InlineAlert } from '@adobe/react-spectrum';
import type { ClientApi } from '../../api/index.js';
import { useConnections } from '../../state/connections-store.js';
import { useSettingsDialog } from '../../state/settings-dialog-store.js';

/**
 * Shown once after the upgrade that made production a switch: the connections whose setting was taken
 * from their environment label, for the user to confirm or change. Either answer ends it.
 */
export function ProductionReview({ api }: { readonly api: ClientApi }) {
  const { t } = useTranslation();
  const state = useConnections((s) => s.state);
  const load = useConnections((s) => s.load);
  const review = useConnections((s) => s.reviewProduction);
  const openSettings = useSettingsDialog((s) => s.show);
  useEffect(() => {
    void load(api);
  }, [api, load]);
  if (state.kind !== 'ready') return null;
  const guessed = state.list.connections.filter((p) => p.productionSetBy === 'environment-name');
  if (guessed.length === 0) return null;
  const ids = guessed.map((p) => p.id);
  return (
    <div className="resume-offer">
      <InlineAlert variant="notice" data-testid="production-review">
        <Heading>{t('settings.reviewTitle')}</Heading>
        <Content>
          {t('settings.reviewBody')}
          <ul>
            {guessed.map((p) => (
              <li key={p.id} data-production={p.production ? 'true' : 'false'}>
                {p.production ? t('settings.reviewIs', { name: p.name }) : t('settings.reviewIsNot', { name: p.name })}
              </li>
            ))}
          </ul>
          <ButtonGroup>
            <Button variant="accent" onPress={() => void review(api, ids)} data-testid="production-review-ok">
              {t('settings.reviewOk')}
            </Button>
            <Button
              variant="secondary"
              onPress={() => {
                void review(api, ids);
                openSettings();
              }}
            >
              {t('settings.reviewEdit')}
            </Button>
          </ButtonGroup>
        </Content>
      </InlineAlert>
    </div>
  );
}
