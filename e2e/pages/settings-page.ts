import type { Locator, Page } from '@playwright/test';

/** A connection as the Settings form takes it. */
export interface ConnectionForm {
  readonly name: string;
  readonly environment: string;
  readonly clientCode: string;
  readonly baseUrl: string;
  readonly token?: string;
  /** Whether it reaches real visitors (the form's required production choice); default no. */
  readonly production?: boolean;
}

/** Page object for the Settings dialog. */
export class SettingsPage {
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByTestId('settings-dialog');
  }

  /** Opens Settings from the header with the keyboard only (focus the button, press Enter). */
  async openByKeyboard(): Promise<void> {
    await this.page.getByRole('button', { name: /^(Open settings|설정 열기)$/ }).focus();
    await this.page.keyboard.press('Enter');
    await this.dialog.waitFor();
  }

  /** Adds a connection through the form and waits for it in the list. */
  async addConnection(form: ConnectionForm): Promise<void> {
    await this.page.getByTestId('add-connection').click();
    const f = this.page.getByTestId('profile-form');
    await f.getByRole('textbox', { name: /^Name/ }).fill(form.name);
    await f.getByRole('textbox', { name: /^Environment/ }).fill(form.environment);
    await f.getByRole('textbox', { name: /^Client code/ }).fill(form.clientCode);
    await f.getByRole('textbox', { name: /^Address/ }).fill(form.baseUrl);
    await f.getByTestId('production-choice').getByRole('radio', { name: form.production ? /^Yes, production/ : /^No:/ }).check();
    if (form.token) await f.getByLabel(/^Token/).fill(form.token);
    await this.page.getByTestId('profile-save').click();
    await this.profile(form.name).waitFor();
  }

  /** The list item of a connection by name. */
  profile(name: string): Locator {
    return this.page.getByTestId('profile-item').filter({ hasText: name });
  }

  /** Closes the dialog with the keyboard (Escape). */
  async close(): Promise<void> {
    await this.dialog.focus();
    await this.page.keyboard.press('Escape');
    await this.dialog.waitFor({ state: 'detached' });
  }
}
