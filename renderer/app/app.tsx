import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Flex, Heading, Item, Picker, Provider, Text, ToastContainer, defaultTheme } from '@adobe/react-spectrum';
import type { Key } from '@adobe/react-spectrum';
import type { AppInfo } from '../../shared/contract/index.js';
import type { ClientApi } from '../api/index.js';
import { LoadStep } from '../features/load/load-step.js';
import { MapStep } from '../features/map/map-step.js';
import { ReviewStep } from '../features/review/review-step.js';
import { ResultsStep } from '../features/results/results-step.js';
import { ResumeOffer } from '../features/results/resume-offer.js';
import { ProductionReview } from '../features/settings/production-review.js';
import { SettingsButton } from '../features/settings/settings-dialog.js';
import { JobNotifier } from '../features/upload/job-notifier.js';
import { SendGateHost } from '../features/upload/send-gate.js';
import { UploadRoute } from '../features/upload/upload-route.js';
import { changeLanguage } from '../i18n/setup.js';
import type { Language } from '../i18n/setup.js';
import { languages, localeOf } from '../i18n/languages.js';
import { wireStores } from '../state/wiring.js';
import { useWizard } from '../state/wizard-store.js';
import { WizardFrame } from './wizard-frame.js';

/** The app: theme and locale provider, header with language choice, and the wizard. */
export function App({ api }: { readonly api: ClientApi }) {
  const { t, i18n } = useTranslation();
  const step = useWizard((s) => s.step);
  const [info, setInfo] = useState<AppInfo | undefined>();
  useEffect(() => {
    void api.call['app.info']({}).then(setInfo).catch(() => undefined);
  }, [api]);
  useEffect(() => wireStores(api), [api]);
  const locale = localeOf(i18n.language);
  return (
    <Provider theme={defaultTheme} locale={locale} minHeight="100vh">
      <div className="app" data-testid="app" data-state={info ? 'ready' : 'starting'} data-host={api.host}>
        <header className="app-header">
          <Flex alignItems="center" justifyContent="space-between" gap="size-200" wrap>
            <Flex direction="column">
              <Heading level={1} margin={0}>
                {t('app.title')}
              </Heading>
              <Text>{t('app.tagline')}</Text>
            </Flex>
            <Flex alignItems="center" gap="size-200">
              {info && <Text data-testid="host-kind">{info.host === 'browser' ? t('app.browserMode') : t('app.electronMode')} · v{info.version}</Text>}
              <Picker
                label={t('app.language')}
                labelPosition="side"
                selectedKey={i18n.language}
                onSelectionChange={(key: Key | null) => void changeLanguage(key as Language)}
                width="size-2400"
                data-testid="language-picker"
              >
                {languages.map((l) => (
                  <Item key={l.code}>{l.name}</Item>
                ))}
              </Picker>
              <SettingsButton api={api} />
            </Flex>
          </Flex>
        </header>
        <ProductionReview api={api} />
        <ResumeOffer api={api} />
        <WizardFrame>
          {step === 'load' && <LoadStep api={api} />}
          {step === 'map' && <MapStep api={api} />}
          {step === 'review' && <ReviewStep api={api} />}
          {step === 'upload' && <UploadRoute api={api} />}
          {step === 'results' && <ResultsStep api={api} />}
        </WizardFrame>
        <JobNotifier api={api} />
        <SendGateHost />
        <ToastContainer />
      </div>
    </Provider>
  );
}
