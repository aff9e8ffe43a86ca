import { copyFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectAccessible, expectAccessibleAndCapture } from './testing/accessibility.js';
import { expect, test } from './testing/fixtures.js';
import { LoadPage } from './pages/load-page.js';
import { MapPage } from './pages/map-page.js';
import { ReviewPage } from './pages/review-page.js';
import { fullPageShot } from './testing/screenshots.js';

/** A copy of the bundled sample under a temp folder (dropped like a user's own file). */
async function sampleCopy(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pl-review-'));
  const path = join(dir, 'loyalty.csv');
  await copyFile('samples/loyalty-sample.csv', path);
  return path;
}

test('a CSV with problems: fix one inline, leave one out, strip commas, and Upload opens', async ({ page, appHost }) => {
  test.setTimeout(240_000);
  const load = new LoadPage(page);
  await load.open(appHost.url);
  await expectAccessible(page, 'load (empty)');
  await load.dropFile(await sampleCopy());
  await load.waitCounted();
  await expect(load.rowCount).toContainText('200');
  await expect(page.getByTestId('load-overrides')).toBeVisible();
  await expectAccessibleAndCapture(page, 'load (file)', 'load');

  const map = new MapPage(page);
  await map.openFromLoad();
  await map.expectSuggested('thirdPartyId', 'loyaltyTier');
  await map.paramField('city').fill('homeCity');
  // A Y/N opt-in is not e-mail addresses: Map, asked while the file is still being counted, must agree with Review.
  await expect(map.row('emailOptIn')).not.toHaveAttribute('data-personal');
  await map.sendBox('emailOptIn').uncheck();
  await expectAccessibleAndCapture(page, 'map', 'map');

  await map.check();
  const review = new ReviewPage(page);
  await expect(review.card('rows')).toHaveAttribute('data-value', '200');
  await expect(review.card('blocking')).toHaveAttribute('data-value', '4');
  await expect(review.card('ready')).toHaveAttribute('data-value', '196');
  await expect(review.uploadButton).toBeDisabled();
  await expect(review.gate).toContainText('4 rows are blocked');
  await expect(page.getByTestId('issue-kinds').locator('[data-code="id-forbidden-char"]')).toHaveAttribute('data-count', '1');
  await expect(page.getByTestId('issue-kinds').locator('[data-code="value-comma"]')).toHaveAttribute('data-count', '1');
  await expect(page.getByTestId('issue-kinds').locator('[data-code="duplicate-id"]')).toHaveAttribute('data-count', '1');
  await expect(page.getByTestId('issue-kinds').locator('[data-code="id-scientific"]')).toHaveAttribute('data-count', '1');
  await expect(page.getByTestId('top-values')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('top-values').locator('[data-param="homeCity"]')).toBeVisible();
  await expect(page.getByTestId('top-values').locator('[data-param="emailOptIn"]')).toHaveCount(0);
  await expectAccessible(page, 'review');

  // Only rows with problems.
  await review.filter(/Rows with problems/);
  await expect(review.grid).toHaveAttribute('data-total', '4');
  await expect(review.row(12)).toHaveAttribute('data-status', 'blocked');
  await expect(review.cell(12, 'thirdPartyId')).toHaveClass(/cell--blocking/);
  await fullPageShot(page, 'e2e/artifacts/review.png');

  // Fix row 12 inline, by keyboard: jump to it, the id column is the first data column.
  let run = await review.run();
  await review.jumpTo(12);
  await expect(review.grid).toBeFocused();
  // Home goes to the Send column; then past the Problems column to the first of the file's columns.
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  const editor = review.grid.getByRole('textbox', { name: /row 12, column thirdPartyId/ });
  await expect(editor).toHaveValue('LOY+0100444');
  await editor.fill('LOY-0100444');
  await editor.press('Enter');
  run = await review.waitRunAfter(run);
  await expect(review.card('blocking')).toHaveAttribute('data-value', '3');
  await expect(review.row(12)).toHaveAttribute('data-status', 'ready');
  await expect(review.cell(12, 'thirdPartyId')).toHaveClass(/cell--edited/);

  // Leave the duplicate (row 88) out with its Send box.
  await review.jumpTo(88);
  await review.row(88).getByRole('checkbox', { name: 'Send row 88' }).click();
  run = await review.waitRunAfter(run);
  await expect(review.card('blocking')).toHaveAttribute('data-value', '2');
  await expect(review.card('excluded')).toHaveAttribute('data-value', '1');
  await expect(review.row(88)).toHaveAttribute('data-status', 'excluded');

  // Bulk: strip the commas.
  await page.getByTestId('bulk-strip-commas-value-comma').click();
  run = await review.waitRunAfter(run);
  await expect(review.card('blocking')).toHaveAttribute('data-value', '1');

  // Export what is still blocked, then leave it out too.
  const download = page.waitForEvent('download');
  await page.getByTestId('export-rejected').click();
  await expect(page.getByTestId('export-done')).toContainText('1 blocked rows');
  expect((await download).suggestedFilename()).toMatch(/loyalty-rejected-.*\.csv$/);
  await page.getByTestId('bulk-exclude-blocking').click();
  await review.waitRunAfter(run);
  await expect(review.card('blocking')).toHaveAttribute('data-value', '0');
  await expect(review.card('ready')).toHaveAttribute('data-value', '198');
  await expect(review.uploadButton).toBeEnabled();
  await expect(review.gate).toContainText('198 rows are ready to send in 1 batch.');
  await expect(page.getByTestId('step-upload')).toBeEnabled();
  await expectAccessibleAndCapture(page, 'review (fixed)', 'review-fixed');
});

test('jumping to a row outside the file says so', async ({ page, appHost }) => {
  const load = new LoadPage(page);
  await load.open(appHost.url);
  await page.getByTestId('try-sample').click();
  await load.waitCounted();
  const map = new MapPage(page);
  await map.openFromLoad();
  await map.check();
  await page.getByRole('textbox', { name: 'Go to row' }).fill('5000');
  await page.getByTestId('jump-go').click();
  await expect(page.getByTestId('jump-error')).toContainText('Row 5,000 is not in this file (it has 200 rows)');
});

test('dark theme: Load, Map and Review follow the OS and stay readable', async ({ page, appHost }) => {
  test.setTimeout(240_000);
  await page.emulateMedia({ colorScheme: 'dark' });
  const load = new LoadPage(page);
  await load.open(appHost.url);
  await page.getByTestId('try-sample').click();
  await load.waitCounted();
  await expectAccessible(page, 'load (dark)');
  const map = new MapPage(page);
  await map.openFromLoad();
  await expectAccessible(page, 'map (dark)');
  await map.check();
  const review = new ReviewPage(page);
  await review.filter(/Rows with problems/);
  await expect(review.grid).toHaveAttribute('data-total', '4');
  await expectAccessibleAndCapture(page, 'review (dark)', 'review-dark');
});
