import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './testing/fixtures.js';
import { expectAccessible, expectAccessibleAndCapture } from './testing/accessibility.js';
import { LoadPage } from './pages/load-page.js';
import { MapPage } from './pages/map-page.js';
import { SettingsPage } from './pages/settings-page.js';
import { UploadPage } from './pages/upload-page.js';
import { prepareSample } from './testing/sample.js';
import { chooseOption } from './testing/choose-option.js';

test('names already in Target: after the sample is sent, a file with `LoyaltyTier` is flagged against `loyaltyTier`, one click takes the existing name, and Settings lists every name sent', async ({ page, appHost }) => {
  test.setTimeout(180_000);
  const dir = await mkdtemp(join(tmpdir(), 'pl-catalog-'));
  try {
    const load = new LoadPage(page);
    await load.open(appHost.url);
    // The sample goes to the built-in Local sandbox: loyaltyTier, pointsBalance, … are now in its catalog.
    await prepareSample(page);
    const upload = new UploadPage(page);
    await upload.sendButton.click();
    await upload.waitJob('completed');

    const next = join(dir, 'spring-crm.csv');
    await writeFile(next, 'thirdPartyId,LoyaltyTier,points_balance,region\nLOY-0100037,Gold,900,South\nLOY-0100044,Silver,120,North\n');
    await page.getByTestId('step-load').click();
    await load.chooseFile(next);
    await load.waitCounted();
    const map = new MapPage(page);
    await map.openFromLoad();

    const tierMark = page.getByTestId('catalog-mark-LoyaltyTier');
    await expect(tierMark).toHaveAttribute('data-mark', 'near');
    await expect(tierMark).toHaveAttribute('data-of', 'loyaltyTier');
    await expect(tierMark).toContainText('only in capital letters');
    await expect(page.getByTestId('catalog-mark-points_balance')).toHaveAttribute('data-of', 'pointsBalance');
    await expect(page.getByTestId('catalog-mark-region')).toHaveAttribute('data-mark', 'new');
    await expect(page.getByTestId('catalog-mark-region')).toContainText('New for Local sandbox');
    await expectAccessibleAndCapture(page, 'map step with catalog marks', 'map-catalog');

    // One click (keyboard) takes the name already in Target.
    await page.getByRole('button', { name: 'Send column LoyaltyTier as “loyaltyTier”, the name already in Target' }).focus();
    await page.keyboard.press('Enter');
    await expect(map.paramField('LoyaltyTier')).toHaveValue('loyaltyTier');
    await expect(tierMark).toHaveAttribute('data-mark', 'known');
    await expect(tierMark).toHaveText('Already in Target');

    // Settings › Names sent lists what the sample sent, with the column each name came from.
    const settings = new SettingsPage(page);
    await settings.openByKeyboard();
    await settings.dialog.getByRole('tab', { name: 'Names sent' }).click();
    const panel = page.getByTestId('catalog-panel');
    await expect(panel).toHaveAttribute('data-state', 'ready');
    const row = page.getByTestId('catalog-table').locator('tr[data-name="loyaltyTier"]');
    await expect(row).toContainText('loyalty-sample.csv · column “loyaltyTier”');
    await expect(page.getByTestId('catalog-table').locator('tr[data-name="LoyaltyTier"]')).toHaveCount(0);
    await expectAccessibleAndCapture(page, 'settings names sent', 'settings-catalog');

    // The same in Korean.
    await page.getByTestId('settings-dialog').getByRole('tab').last().click();
    await chooseOption(page.getByTestId('settings-language'), page.getByRole('option', { name: '한국어' }));
    await page.getByRole('tab', { name: '보낸 이름' }).click();
    await expect(page.getByTestId('catalog-panel')).toContainText('Target은 이름마다 따로 속성을 만들기 때문에');
    await expectAccessible(page, 'settings names sent (ko)');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('catalog-mark-points_balance')).toContainText('“pointsBalance” 이름과 비슷함');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
