import { create } from 'zustand';

export const wizardSteps = ['load', 'map', 'review', 'upload', 'results'] as const;
export type WizardStep = (typeof wizardSteps)[number];

interface WizardState {
  readonly step: WizardStep;
  /** The furthest step the user may reach now (later steps unlock as earlier ones complete). */
  readonly reachable: WizardStep;
  goTo(step: WizardStep): void;
  unlock(step: WizardStep): void;
}

const indexOf = (step: WizardStep) => wizardSteps.indexOf(step);

/** Which wizard step is shown and how far the user may go. */
export const useWizard = create<WizardState>((set, get) => ({
  step: 'load',
  reachable: 'load',
  goTo(step) {
    if (indexOf(step) <= indexOf(get().reachable)) set({ step });
  },
  unlock(step) {
    if (indexOf(step) > indexOf(get().reachable)) set({ reachable: step });
  },
}));
