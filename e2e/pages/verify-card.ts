import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

/** The counts the verification card shows, as numbers (from its data attributes). */
export interface ShownVerification {
  readonly checked: number;
  readonly verified: number;
  readonly missing: number;
  readonly differs: number;
}

/** Page object for the Results step's verification card and its problem rows. */
export class VerifyCard {
  readonly card: Locator;
  readonly summary: Locator;
  readonly problems: Locator;
  readonly problemRows: Locator;
  readonly resend: Locator;

  constructor(readonly page: Page) {
    this.card = page.getByTestId('verify-card');
    this.summary = this.card.getByTestId('verify-summary');
    this.problems = this.card.getByTestId('verify-problems');
    this.problemRows = this.problems.getByTestId('verify-problem-row');
    this.resend = this.card.getByTestId('resend-missing');
  }

  /** Waits until the card shows `jobId`'s verification in `state` (running, waiting, paused, finished, never). */
  async waitState(jobId: string, state: string, timeout = 90_000): Promise<void> {
    await this.page.locator(`[data-testid="verify-card"][data-job-id="${jobId}"][data-state="${state}"]`).waitFor({ timeout });
  }

  /** Reads the counts the card shows. */
  async counts(): Promise<ShownVerification> {
    const read = async (name: string) => Number(await this.card.getAttribute(`data-${name}`));
    return { checked: await read('checked'), verified: await read('verified'), missing: await read('missing'), differs: await read('differs') };
  }
}

/** Page object for the "Look up one profile" dialog. */
export class LookupDialog {
  readonly dialog: Locator;
  readonly answer: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByTestId('lookup-dialog');
    this.answer = this.dialog.getByTestId('lookup-answer');
  }

  /** Looks one id up (typing it, choosing the kind of id by its label) and waits for Target's answer. */
  async lookUp(id: string, idTypeLabel: RegExp): Promise<void> {
    await this.dialog.getByRole('textbox', { name: /^(Id|ID)/ }).fill(id);
    await this.dialog.getByRole('radio', { name: idTypeLabel }).check();
    await this.dialog.getByTestId('lookup-submit').click();
    await expect(this.answer).toHaveAttribute('data-state', /done|failed/);
  }
}
