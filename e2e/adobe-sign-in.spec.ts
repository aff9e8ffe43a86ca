import { startSandbox } from '../sandbox/index.js';
import { admin } from '../sandbox/testing/http.js';
import { expectAccessible, expectAccessibleAndCapture } from './testing/accessibility.js';
import { expect, test } from './testing/fixtures.js';
import { LoadPage } from './pages/load-page.js';
import { SettingsPage } from './pages/settings-page.js';
import { UploadPage } from './pages/upload-page.js';
import { prepareSample } from './testing/sample.js';
import { chooseOption } from './testing/choose-option.js';

const oauth = { clientId: 'e2e-client-5b7e', clientSecret: 'e2e-secret-91ac3f', tenantId: 'acmetenant' };

test('Settings adds an Adobe Developer Console connection, the test lists every check, and an upload to it completes (English and Korean, axe)', async ({ page, appHost }) => {
  test.setTimeout(300_000);
  const sandbox = await startSandbox({ port: 0, processingDelayMs: 200, settings: { oauth, requireAuth: true, authOnStatus: true, knownClients: 'acme' } });
  try {
    const load = new LoadPage(page);
    await load.open(appHost.url);
    const settings = new SettingsPage(page);
    await settings.openByKeyboard();
    const form = await settings.startConnection({ name: 'Acme via Adobe', environment: 'Staging', clientCode: 'acme', baseUrl: sandbox.baseUrl });
    // Where each value is found, with the console's own names; the defaults are Adobe's.
    await form.getByTestId('sign-in-choice').getByRole('radio', { name: /^Adobe Developer Console/ }).check();
    await expect(form).toContainText('Developer Console → your project → OAuth Server-to-Server → Client ID');
    await expect(form).toContainText('Not the client code');
    await expect(form.getByLabel('Adobe IMS address', { exact: true })).toHaveValue('https://ims-na1.adobelogin.com');
    await expect(form.getByLabel('Target Admin API address', { exact: true })).toHaveValue('https://mc.adobe.io');
    // Nothing filled yet: each field says what it needs, under the field; the secret is required for a new connection.
    await page.getByTestId('profile-save').click();
    for (const words of ['Enter the client ID', 'Enter the client secret', 'Enter the IMS organization ID', 'Enter the tenant ID']) await expect(form).toContainText(words);
    await settings.fillAdobeSignIn(form, { ...oauth, orgId: 'ACME0123@AdobeOrg', imsUrl: sandbox.baseUrl, adminApiUrl: sandbox.baseUrl });
    await expectAccessible(page, 'connection form (Adobe Developer Console)');
    await page.getByTestId('profile-save').click();
    const item = settings.connection('Acme via Adobe');
    await expect(item.getByTestId('token-status')).toHaveText('Adobe sign-in: the token is made at the first test or upload');

    // The secret is write-only: the edit form says one is saved and shows nothing.
    await item.getByRole('button', { name: 'Edit Acme via Adobe' }).click();
    await expect(form.getByLabel('Client secret', { exact: true })).toHaveValue('');
    await expect(form).toContainText('A client secret is saved and is never shown');
    await form.getByRole('button', { name: 'Cancel' }).click();

    await item.getByRole('button', { name: 'Test connection Acme via Adobe' }).click();
    await expect(item.getByTestId('profile-test')).toHaveAttribute('data-state', 'ok');
    const checks = item.getByTestId('profile-test').locator('li[data-check]');
    await expect(checks).toHaveCount(4);
    expect(await checks.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-check')}:${e.getAttribute('data-ok')}`))).toEqual(['reachable:true', 'sign-in:true', 'token:true', 'client-code:true']);
    await expect(item.getByTestId('profile-test')).toContainText('Adobe sign-in: OK');
    await expect(item.getByTestId('token-status')).toHaveAttribute('data-state', 'accepted');
    // The minted token's lifetime is shown (the sandbox's default is 30 days).
    await expect(item.getByTestId('token-expiry')).toHaveText(/^Token expires in (29|30) days$/);
    await expectAccessible(page, 'settings (test of an Adobe sign-in connection)');
    await item.screenshot({ path: 'e2e/artifacts/settings-adobe-sign-in.png' });

    // The same form in Korean passes axe too.
    await page.getByRole('tab', { name: 'Language and look' }).click();
    await chooseOption(page.getByTestId('settings-language'), page.getByRole('option', { name: '한국어' }));
    await page.getByRole('tab', { name: '연결' }).click();
    await item.getByRole('button', { name: 'Acme via Adobe 편집' }).click();
    await expect(form).toContainText('클라이언트 코드가 아닙니다');
    await expect(form.getByTestId('sign-in-choice').getByRole('radio', { name: /^Adobe Developer Console/ })).toBeChecked();
    await expectAccessibleAndCapture(page, 'connection form (Adobe Developer Console, ko)', 'settings-adobe-sign-in-ko');
    await form.getByRole('button', { name: '취소' }).click();
    await page.getByRole('tab', { name: '언어 및 모양' }).click();
    await chooseOption(page.getByTestId('settings-language'), page.getByRole('option', { name: 'English' }));
    await settings.close();

    // An upload to it completes.
    await prepareSample(page);
    const upload = new UploadPage(page);
    await upload.chooseConnection('Acme via Adobe');
    await expect(page.getByTestId('connection-card')).toContainText('Signs in with Adobe');
    await upload.sendButton.click();
    await upload.waitJob('completed');
    const stats = (await admin(sandbox, 'GET', '/admin/stats')).json as Record<string, number>;
    expect(stats['profileTokensMinted']).toBe(1);
    expect(stats['imsTokensIssued']).toBeGreaterThanOrEqual(1);
  } finally {
    await sandbox.close();
  }
});

test('a wrong client secret pauses the upload with IMS’s words; new sign-in details send nothing until Resume now, then it completes', async ({ page, appHost }) => {
  test.setTimeout(300_000);
  const sandbox = await startSandbox({ port: 0, settings: { oauth, requireAuth: true } });
  try {
    await new LoadPage(page).open(appHost.url);
    const settings = new SettingsPage(page);
    await settings.openByKeyboard();
    const form = await settings.startConnection({ name: 'Acme typo', environment: 'Staging', clientCode: 'acme', baseUrl: sandbox.baseUrl });
    await settings.fillAdobeSignIn(form, { ...oauth, clientSecret: 'not-the-secret', orgId: 'ACME0123@AdobeOrg', imsUrl: sandbox.baseUrl, adminApiUrl: sandbox.baseUrl });
    await page.getByTestId('profile-save').click();
    await settings.connection('Acme typo').waitFor();
    await settings.close();

    await prepareSample(page);
    const upload = new UploadPage(page);
    await upload.chooseConnection('Acme typo');
    await upload.sendButton.click();
    await upload.waitJob('paused');
    const pause = page.getByTestId('pause-reason');
    await expect(pause).toContainText('Adobe sign-in failed for this connection');
    await expect(pause).toContainText('Adobe IMS refused the sign-in: invalid_client: invalid client_secret parameter');
    await expect(pause).not.toContainText('not-the-secret');
    await expectAccessible(page, 'upload paused for Adobe sign-in');

    await page.getByTestId('update-token').click();
    const edit = page.getByTestId('profile-form');
    await expect(edit.getByRole('heading')).toHaveText('Edit Acme typo');
    await edit.getByLabel('Client secret', { exact: true }).fill(oauth.clientSecret);
    await page.getByTestId('profile-save').click();
    await expect(page.getByTestId('waiting-uploads')).toContainText('loyalty-sample.csv to Acme typo');
    expect(((await admin(sandbox, 'GET', '/admin/stats')).json as Record<string, number>)['profileTokensMinted']).toBe(0);
    await page.getByTestId('waiting-resume').click();
    await upload.waitJob('completed', 90_000);
    expect(((await admin(sandbox, 'GET', '/admin/stats')).json as Record<string, number>)['profileTokensMinted']).toBe(1);
  } finally {
    await sandbox.close();
  }
});
