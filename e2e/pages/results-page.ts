import type { JobTotals } from '../../shared/jobs/job-summary.js';
import { StepPage } from './step-page.js';

/** The totals the Results step shows, as numbers (all of a job's totals but `sent`). */
export type ShownTotals = Omit<JobTotals, 'sent'>;

/** Page object for the Results step. */
export class ResultsPage extends StepPage {
  readonly step = this.byTestId('results-step');
  readonly history = this.byTestId('job-history');

  /** Waits until the shown job has finished and its results are on screen. */
  async waitReady(): Promise<void> {
    await this.page.locator('[data-testid="results-step"][data-state="ready"]').waitFor();
  }

  /** Reads every total card (from its `data-value`). */
  async totals(): Promise<ShownTotals> {
    const read = async (key: keyof ShownTotals) => Number(await this.page.getByTestId(`total-${key}`).getAttribute('data-value'));
    return {
      rows: await read('rows'),
      confirmed: await read('confirmed'),
      notFound: await read('notFound'),
      failed: await read('failed'),
      rejected: await read('rejected'),
      excluded: await read('excluded'),
      unknown: await read('unknown'),
      pending: await read('pending'),
    };
  }
}
