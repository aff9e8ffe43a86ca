import type { Locator, Page } from '@playwright/test';

/** Page object for the Upload step. */
export class UploadPage {
  readonly step: Locator;
  readonly sendButton: Locator;
  readonly progress: Locator;
  readonly batches: Locator;

  constructor(readonly page: Page) {
    this.step = page.getByTestId('upload-step');
    this.sendButton = page.getByTestId('send');
    this.progress = page.getByTestId('job-progress');
    this.batches = page.getByTestId('batch-row');
  }

  /** Picks a connection by its visible name in the connection picker. */
  async chooseConnection(name: string): Promise<void> {
    await this.page.getByTestId('connection-picker').getByRole('button').first().click();
    await this.page.getByRole('option', { name: new RegExp(`^${name}`) }).click();
  }

  /** Waits for the job on screen to reach `state` (completed, cancelled, paused, running). */
  async waitJob(state: string, timeout = 60_000): Promise<void> {
    await this.page.locator(`[data-testid="job-progress"][data-state="${state}"]`).waitFor({ timeout });
  }

  /** The id of the job on screen. */
  async jobId(): Promise<string> {
    const id = await this.progress.getAttribute('data-job-id');
    if (!id) throw new Error('No job on screen');
    return id;
  }
}
