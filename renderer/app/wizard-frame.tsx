import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { wizardSteps, useWizard } from '../state/wizard-store.js';

/** The five steps as a keyboard-reachable list of buttons; later steps stay disabled until reachable. */
export function WizardFrame({ children }: { readonly children: ReactNode }) {
  const { t } = useTranslation();
  const step = useWizard((s) => s.step);
  const reachable = useWizard((s) => s.reachable);
  const goTo = useWizard((s) => s.goTo);
  const reachableIndex = wizardSteps.indexOf(reachable);
  return (
    <div className="wizard" data-step={step}>
      <nav aria-label={t('steps.label')}>
        <ol className="steps">
          {wizardSteps.map((name, index) => {
            const enabled = index <= reachableIndex;
            return (
              <li key={name}>
                <button
                  type="button"
                  className={name === step ? 'step-tab step-tab--current' : 'step-tab'}
                  aria-current={name === step ? 'step' : undefined}
                  disabled={!enabled}
                  title={enabled ? undefined : t('steps.notYet')}
                  data-testid={`step-${name}`}
                  onClick={() => goTo(name)}
                >
                  <span className="step-number" aria-hidden="true">
                    {index + 1}
                  </span>
                  {t(`steps.${name}`)}
                </button>
              </li>
            );
          })}
        </ol>
      </nav>
      <main className="wizard-body">{children}</main>
    </div>
  );
}
