import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@adobe/react-spectrum';
import { useWizard, type WizardStep } from '../state/wizard-store.js';

/**
 * A step's Back and main action, in a bar that stays in view at the bottom of the window while the
 * step scrolls. It comes right after the step heading in the page (so the main action is a couple
 * of Tabs from the heading, where focus lands on every step change) and is drawn last by CSS order.
 */
export function StepFooter({ back, children }: { readonly back?: WizardStep; readonly children?: ReactNode }) {
  const { t } = useTranslation();
  const goTo = useWizard((s) => s.goTo);
  return (
    <div className="step-footer" role="group" aria-label={t('steps.footer')} data-testid="step-footer">
      {back ? (
        <Button variant="secondary" onPress={() => goTo(back)} data-testid="step-back">
          {t('steps.back', { step: t(`steps.${back}`) })}
        </Button>
      ) : (
        <span />
      )}
      <div className="step-footer-main">{children}</div>
    </div>
  );
}
