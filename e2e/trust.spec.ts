import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import type { Page } from '@playwright/test';
import { startSandbox, type RunningSandbox } from '../sandbox/index.js';
import { expectAccessible } from './support/accessibility.js';
import { expect, test } from './support/fixtures.js';
import { fetchProfile } from './support/target-check.js';
import { LoadPage } from './pages/load-page.js';
import { MapPage } from './pages/map-page.js';
import { ReviewPage } from './pages/review-page.js';
import { SettingsPage } from './pages/settings-page.js';
import { UploadPage } from './pages/upload-page.js';

/** German Excel's "CSV (Trennzeichen-getrennt)": Windows-1252, semicolons, decimal commas, CRLF. */
async function germanFile(dir: string): Promise<string> {
  const path = join(dir, 'umsatz.csv');
  const rows = ['Kundennummer;Umsatz;Stadt', 'DE-1001;1.234,50;München', 'DE-1002;98,00;Köln', 'DE-1003;0,50;Zürich'];
  await writeFile(path, iconv.encode(`${rows.join('\r\n')}\r\n`, 'windows-1252'));
  return path;
}

/** Chooses the identifier column on the Map step by its visible name. */
async function chooseIdColumn(page: Page, column: string): Promise<void> {
  await page.getByTestId('id-column-picker').click();
  await page.getByRole('option', { name: column }).click();
}

test('European decimal commas: nothing changes until the user picks the reading with real values shown, and Target receives 1234.50, 98.00, 0.50', async ({ page, appHost }) => {
  test.setTimeout(180_000);
  const dir = await mkdtemp(join(tmpdir(), 'pl-trust-'));
  const sandbox: RunningSandbox = await startSandbox({ port: 0 });
  try {
    const load = new LoadPage(page);
    await load.open(appHost.url);
    const settings = new SettingsPage(page);
    await settings.openByKeyboard();
    await settings.addConnection({ name: 'Staging', environment: 'Staging', clientCode: 'acme', baseUrl: sandbox.baseUrl });
    await settings.close();
    await load.chooseFile(await germanFile(dir));
    await load.waitCounted();
    const map = new MapPage(page);
    await map.openFromLoad();
    await chooseIdColumn(page, 'Kundennummer');
    await map.check();

    const review = new ReviewPage(page);
    await expect(review.card('blocking')).toHaveAttribute('data-value', '3');
    const kind = page.getByTestId('issue-kinds').locator('[data-code="value-number-comma"]');
    await expect(kind).toHaveAttribute('data-count', '3');
    // Nothing is converted yet: the grid shows the file's text, and no "Remove the commas" is offered for numbers.
    await expect(review.cell(1, 'Umsatz')).toHaveText('1.234,50');
    await expect(kind.getByTestId('bulk-strip-commas-value-number-comma')).toHaveCount(0);
    const preview = kind.getByTestId('fix-preview');
    for (const [before, after] of [['1.234,50', '1234.50'], ['98,00', '98.00'], ['0,50', '0.50']] as const) {
      await expect(preview.locator('tr', { hasText: before }).locator('td[data-reading="decimal"]')).toHaveText(after);
    }
    // The first fix offered is the decimal reading, named with its example.
    const first = kind.getByTestId('number-fix').getByRole('button').first();
    await expect(first).toHaveText('Convert decimal commas (1.234,50 → 1234.50)');
    await expectAccessible(page, 'review (decimal commas)');
    await page.screenshot({ path: 'e2e/artifacts/review-decimal-commas.png', fullPage: true });

    // The same choice in Korean.
    await page.getByRole('button', { name: /Language/ }).click();
    await page.getByRole('option', { name: '한국어' }).click();
    await expect(first).toHaveText('소수점 쉼표 바꾸기 (1.234,50 → 1234.50)');
    await expect(kind).toContainText('쉼표가 들어간 숫자');
    await expectAccessible(page, 'review (decimal commas, ko)');
    await page.getByRole('button', { name: /언어/ }).click();
    await page.getByRole('option', { name: 'English' }).click();

    const run = await review.run();
    await first.click();
    await review.waitRunAfter(run);
    await expect(review.card('blocking')).toHaveAttribute('data-value', '0');
    // The grid shows what will be sent; the file's text is kept for the tooltip.
    await expect(review.cell(1, 'Umsatz')).toHaveAttribute('data-sent', '1234.50');
    await expect(review.cell(1, 'Umsatz')).toHaveAttribute('data-file-value', '1.234,50');
    await expect(review.cell(2, 'Umsatz')).toContainText('98.00');
    // The audience preview counts the values as sent.
    const top = page.getByTestId('top-values').locator('table[data-param="Umsatz"]');
    await expect(top).toContainText('1234.50');
    await expect(top).not.toContainText('1.234,50');
    await expect(page.getByTestId('number-converted')).toContainText('1234.50');

    await review.uploadButton.click();
    const upload = new UploadPage(page);
    await upload.step.and(page.locator('[data-state="ready"]')).waitFor();
    await upload.chooseConnection('Staging');
    await upload.sendButton.click();
    await upload.waitJob('completed');
    const values = await Promise.all(['DE-1001', 'DE-1002', 'DE-1003'].map(async (id) => (await fetchProfile(sandbox.baseUrl, 'acme', id))?.['Umsatz']));
    expect(values).toEqual(['1234.50', '98.00', '0.50']);
  } finally {
    await sandbox.close();
    await rm(dir, { recursive: true, force: true });
  }
});
