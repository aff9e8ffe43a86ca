import { expect } from '@playwright/test';
import type { Locator } from '@playwright/test';
import { StepPage } from './step-page.js';
import { chooseOption } from '../testing/choose-option.js';

/** Page object for the Map step. */
export class MapPage extends StepPage {
  readonly step = this.byTestId('map-step');
  readonly templateApplied = this.byTestId('template-applied');
  readonly idColumnPicker = this.byTestId('id-column-picker');

  /** Goes from a loaded file to the Map step and waits for the suggestion. */
  async openFromLoad(): Promise<void> {
    await this.page.getByTestId('to-map').click();
    await this.step.and(this.page.locator('[data-state="ready"]')).waitFor();
  }

  /** Chooses `column` as the identifier in the picker and waits until the picker shows it. */
  async chooseIdColumn(column: string): Promise<void> {
    await chooseOption(this.idColumnPicker, this.page.getByRole('option', { name: column, exact: true }));
    await expect(this.idColumnPicker).toHaveText(column);
  }

  /** Expects the suggestion to take `idColumn` as the id and to send `column` under its own name. */
  async expectSuggested(idColumn: string, column: string): Promise<void> {
    await expect(this.idColumnPicker).toContainText(idColumn);
    await expect(this.paramField(column)).toHaveValue(column);
  }

  /** The parameter-name field of one column. */
  paramField(column: string): Locator {
    return this.page.getByTestId('param-table').locator(`tr[data-column="${column}"] input[type="text"]`);
  }

  /** The "Change values" picker (its button) of one column. */
  transformPicker(column: string): Locator {
    return this.page.getByTestId('param-table').locator(`tr[data-column="${column}"] button`).first();
  }

  /** The "Send" checkbox of one column. */
  sendBox(column: string): Locator {
    return this.page.getByTestId('param-table').locator(`tr[data-column="${column}"] input[type="checkbox"]`);
  }

  /** The table row of one column (its `data-personal` says what the personal-data guard does with it). */
  row(column: string): Locator {
    return this.page.getByTestId('param-table').locator(`tr[data-column="${column}"]`);
  }

  /** The "Send anyway" checkbox of a column that holds personal data. */
  sendAnyway(column: string): Locator {
    return this.row(column).getByRole('checkbox');
  }

  /** Saves the mapping as a template under `name`. */
  async saveTemplate(name: string): Promise<void> {
    await this.page.getByRole('textbox', { name: /^(Template name|템플릿 이름)$/ }).fill(name);
    await this.page.getByTestId('save-template').click();
    await this.page.getByTestId('template-saved').waitFor();
  }

  /** Runs the check and waits for the Review step to show its first result. */
  async check(): Promise<void> {
    await this.page.getByTestId('to-review').click();
    await this.page.getByTestId('review-step').and(this.page.locator('[data-state="ready"]')).waitFor({ timeout: 120_000 });
  }
}
