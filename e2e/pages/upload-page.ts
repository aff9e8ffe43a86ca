import { StepPage } from './step-page.js';
import { chooseOption } from '../testing/choose-option.js';

/** Page object for the Upload step. */
export class UploadPage extends StepPage {
  readonly step = this.byTestId('upload-step');
  readonly sendButton = this.byTestId('send');
  readonly progress = this.byTestId('job-progress');
  readonly batches = this.byTestId('batch-row');

  /** Picks a connection by its visible name in the connection picker. */
  async chooseConnection(name: string): Promise<void> {
    await chooseOption(this.page.getByTestId('connection-picker').getByRole('button').first(), this.page.getByRole('option', { name: new RegExp(`^${name}`) }));
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
