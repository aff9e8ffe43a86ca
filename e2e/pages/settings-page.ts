import type { Locator, Page } from '@playwright/test';

/** A connection as the Settings form takes it. */
export interface ConnectionForm {
  readonly name: string;
  readonly environment: string;
  readonly clientCode: string;
  readonly baseUrl: string;
  readonly token?: string;
  /** A pasted token's expiry date, YYYY-MM-DD. */
  readonly tokenExpiresAt?: string;
  /** Whether it reaches real visitors (the form's required production choice); default no. */
  readonly production?: boolean;
  /** Whether its uploads are read back from Target when they complete (the form's default: yes). */
  readonly verifyAfterUpload?: boolean;
  /** The Bulk API version (the form's default: v2). */
  readonly apiVersion?: 'v1' | 'v2';
}

/** The Adobe Developer Console fields of the connection form. */
export interface AdobeSignInForm {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly orgId: string;
  readonly tenantId: string;
  readonly imsUrl?: string;
  readonly adminApiUrl?: string;
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
    const f = await this.startConnection(form);
    if (form.token) await f.getByLabel('Token', { exact: true }).fill(form.token);
    if (form.tokenExpiresAt) await f.getByLabel('Token expires on (optional)', { exact: true }).fill(form.tokenExpiresAt);
    await this.page.getByTestId('profile-save').click();
    await this.connection(form.name).waitFor();
  }

  /** Opens a new connection form and fills in everything but the sign-in method (not yet saved). */
  async startConnection(form: Omit<ConnectionForm, 'token'>): Promise<Locator> {
    await this.page.getByTestId('add-connection').click();
    const f = this.page.getByTestId('profile-form');
    await f.getByRole('textbox', { name: /^Name/ }).fill(form.name);
    await f.getByRole('textbox', { name: /^Environment/ }).fill(form.environment);
    await f.getByRole('textbox', { name: /^Client code/ }).fill(form.clientCode);
    await f.getByRole('textbox', { name: /^Address/ }).fill(form.baseUrl);
    await f.getByTestId('production-choice').getByRole('radio', { name: form.production ? /^Yes, production/ : /^No:/ }).check();
    if (form.verifyAfterUpload === false) await f.getByRole('checkbox', { name: /^Check every upload in Target/ }).uncheck();
    if (form.apiVersion === 'v1') await f.getByRole('radio', { name: /^v1/ }).check();
    return f;
  }

  /** Chooses Adobe Developer Console as the sign-in method of the open form and fills its fields (service addresses only when given). */
  async fillAdobeSignIn(f: Locator, s: AdobeSignInForm): Promise<void> {
    await f.getByTestId('sign-in-choice').getByRole('radio', { name: /^Adobe Developer Console/ }).check();
    await f.getByLabel('Client ID', { exact: true }).fill(s.clientId);
    await f.getByLabel('Client secret', { exact: true }).fill(s.clientSecret);
    await f.getByLabel('IMS organization ID', { exact: true }).fill(s.orgId);
    await f.getByLabel('Tenant ID', { exact: true }).fill(s.tenantId);
    if (s.imsUrl) await f.getByLabel('Adobe IMS address', { exact: true }).fill(s.imsUrl);
    if (s.adminApiUrl) await f.getByLabel('Target Admin API address', { exact: true }).fill(s.adminApiUrl);
  }

  /** The list item of a connection by name. */
  connection(name: string): Locator {
    return this.page.getByTestId('profile-item').filter({ hasText: name });
  }

  /** Closes the dialog with the keyboard (Escape). */
  async close(): Promise<void> {
    await this.dialog.focus();
    await this.page.keyboard.press('Escape');
    await this.dialog.waitFor({ state: 'detached' });
  }
}
