import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { wizardSteps, useWizard } from '../state/wizard-store.js';
import { focusStepHeading } from './step-focus.js';

/** The five steps as a keyboard-reachable list of buttons; later steps stay disabled until reachable. Focus follows the step to its heading. */
export function WizardFrame({ children }: { readonly children: ReactNode }) {
  const { t } = useTranslation();
  const step = useWizard((s) => s.step);
  const reachable = useWizard((s) => s.reachable);
  const goTo = useWizard((s) => s.goTo);
  const reachableIndex = wizardSteps.indexOf(reachable);
  // Every step change puts focus on the new step's heading (not at the app's start: focus stays where the page puts it).
  const shown = useRef(step);
  useEffect(() => {
    if (shown.current === step) return;
    shown.current = step;
    focusStepHeading(step);
  }, [step]);
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
