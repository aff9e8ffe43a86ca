import { expect, test } from './testing/fixtures.js';
import { startSandbox, type RunningSandbox } from '../sandbox/index.js';
import { expectAccessible, expectAccessibleAndCapture } from './testing/accessibility.js';
import { LoadPage } from './pages/load-page.js';
import { SettingsPage } from './pages/settings-page.js';
import { UploadPage } from './pages/upload-page.js';
import { prepareSample } from './testing/sample.js';
import { chooseOption } from './testing/choose-option.js';

test('an upload that changed nothing is not a success: a v1 upload of ids Target does not have says so in the colour, the toast, Results and history', async ({ page, appHost }) => {
  test.setTimeout(180_000);
  const sandbox: RunningSandbox = await startSandbox({ port: 0 });
  try {
    const load = new LoadPage(page);
    await load.open(appHost.url);
    const settings = new SettingsPage(page);
    await settings.openByKeyboard();
    // v1 only updates profiles that exist; this Target has none of the sample's ids.
    await settings.addConnection({ name: 'Update only', environment: 'Staging', clientCode: 'acme', baseUrl: sandbox.baseUrl, apiVersion: 'v1', verifyAfterUpload: false });
    await settings.close();
    await prepareSample(page);
    const upload = new UploadPage(page);
    await upload.chooseConnection('Update only');
    await upload.sendButton.click();
    await upload.waitJob('completed');

    const done = page.getByTestId('job-done');
    const outcome = done.getByTestId('outcome');
    await expect(outcome).toHaveAttribute('data-tone', 'negative');
    await expect(outcome).toHaveAttribute('data-kind', 'none-not-found');
    const notFound = Number((await outcome.textContent())?.match(/(\d+) ids were not found/)?.[1]);
    expect(notFound).toBeGreaterThan(0);
    await expect(outcome).toContainText(`No profiles were updated: ${notFound} ids were not found. API v1 only updates profiles that already exist in Target.`);
    await expect(outcome).toContainText(`Not found ${notFound}`);
    // The toast names the not-found count too, and is not green.
    const toast = page.getByRole('alert').filter({ hasText: 'Upload finished' });
    await expect(toast).toContainText(`Not found ${notFound}`);
    await expect(toast).not.toContainText('Updated');
    await expectAccessibleAndCapture(page, 'upload: nothing updated', 'upload-nothing-updated');

    await page.getByTestId('see-results').click();
    const results = page.getByTestId('results-step').getByTestId('outcome');
    await expect(results).toHaveAttribute('data-tone', 'negative');
    await expect(results).toContainText('No profiles were updated');
    const row = page.getByTestId('history-row').first();
    await expect(row.getByTestId('history-not-found')).toHaveText(String(notFound));
    await expect(row.getByTestId('history-nothing-updated')).toHaveText('Nothing updated');
    await expect(page.getByTestId('job-history').getByRole('columnheader', { name: 'Not found' })).toBeVisible();
    await expectAccessible(page, 'results: nothing updated');

    await chooseOption(page.getByTestId('language-picker'), page.getByRole('option', { name: '한국어' }));
    await expect(results).toContainText(`업데이트된 프로필이 없습니다. ID ${notFound}개를 찾지 못했습니다. API v1은 Target에 이미 있는 프로필만 업데이트합니다.`);
    await expect(row.getByTestId('history-nothing-updated')).toHaveText('업데이트된 프로필 없음');
    await expectAccessible(page, 'results: nothing updated (ko)');
    // Results offers the next upload; it goes back to Load with focus on its heading.
    await page.getByTestId('start-new-upload').click();
    await expect(page.getByTestId('load-step')).toBeVisible();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id ?? '')).toBe('load-heading');
  } finally {
    await sandbox.close();
  }
});
