import type { Locator } from '@playwright/test';
import { expect } from '@playwright/test';
import { StepPage } from './step-page.js';
import { chooseOption } from '../testing/choose-option.js';

/** Page object for the Review step. */
export class ReviewPage extends StepPage {
  readonly step = this.byTestId('review-step');
  readonly grid = this.byTestId('review-grid');
  readonly uploadButton = this.byTestId('to-upload');
  readonly gate = this.byTestId('upload-gate');

  /** The number on one summary card (rows, ready, warnings, blocking, excluded). */
  card(name: 'rows' | 'ready' | 'warnings' | 'blocking' | 'excluded'): Locator {
    return this.page.getByTestId(`card-${name}`);
  }

  /** Waits until the check that follows an action has finished with run number above `run`. */
  async waitRunAfter(run: number): Promise<number> {
    // Stops at a failed check too, so a failure shows its message instead of a timeout.
    await this.page.locator(`[data-testid="review-step"][data-state="ready"]:not([data-run="${run}"]), [data-testid="review-step"][data-state="failed"]`).waitFor({ timeout: 120_000 });
    await expect(this.step).toHaveAttribute('data-state', 'ready');
    return this.run();
  }

  /** The number of the check shown now. */
  async run(): Promise<number> {
    return Number(await this.step.getAttribute('data-run'));
  }

  /** One rendered row of the grid by its row number in the file. */
  row(row: number): Locator {
    return this.grid.locator(`[role="row"][data-row="${row}"]`);
  }

  /** The problems cell of a rendered row: short words in the cell, the full sentences in its `title`. */
  issues(row: number): Locator {
    return this.row(row).locator('.review-issues');
  }

  /** One cell of a rendered row by column name. */
  cell(row: number, column: string): Locator {
    return this.row(row).locator(`[data-column="${column}"]`);
  }

  /** Jumps to a row with the "Go to row" field; the grid gets focus with that row active. */
  async jumpTo(row: number): Promise<void> {
    await this.page.getByRole('textbox', { name: /^(Go to row|행으로 이동)$/ }).fill(String(row));
    await this.page.getByTestId('jump-go').click();
    await this.row(row).waitFor();
  }

  /** Chooses a row filter from the "Show" picker by its visible name. */
  async filter(name: RegExp): Promise<void> {
    await chooseOption(this.page.getByTestId('row-filter'), this.page.getByRole('option', { name }));
  }
}
