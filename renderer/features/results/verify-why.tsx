import { useTranslation } from 'react-i18next';
import { Disclosure, DisclosurePanel, DisclosureTitle } from '@adobe/react-spectrum';

const REASONS = ['adobe', 'lag', 'merged', 'aged'] as const;

/** "Why can a row be missing?": collapsed by default; Adobe's 0.1%, visibility lag, a merged or an aged-out profile, in plain words. */
export function VerifyWhy() {
  const { t } = useTranslation();
  return (
    <Disclosure isQuiet data-testid="verify-why">
      <DisclosureTitle level={4}>{t('verify.why.title')}</DisclosureTitle>
      <DisclosurePanel>
        <ul className="verify-why-list">
          {REASONS.map((reason) => (
            <li key={reason}>{t(`verify.why.${reason}`)}</li>
          ))}
        </ul>
      </DisclosurePanel>
    </Disclosure>
  );
}
