import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './testing/fixtures.js';
import { tabTo } from './testing/keyboard.js';
import { LoadPage } from './pages/load-page.js';
import { ReviewPage } from './pages/review-page.js';
import { UploadPage } from './pages/upload-page.js';

/** Expects keyboard focus on the heading of `step` (every step change puts it there). */
async function expectFocusOnHeading(page: Page, step: string): Promise<void> {
  await expect.poll(() => page.evaluate(() => document.activeElement?.id ?? '')).toBe(`${step}-heading`);
}

/** Presses Tab until `testId` has focus and returns how many presses that took. */
async function tabsTo(page: Page, testId: string, max: number): Promise<number> {
  for (let i = 0; i <= max; i++) {
    if (await page.evaluate((id) => document.activeElement?.getAttribute('data-testid') === id, testId)) return i;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab did not reach ${testId} in ${max} presses`);
}

test('keyboard only, from Load to the downloaded result CSV: each step change focuses the step heading, and Next is within 3 Tabs after a bulk fix', async ({ page, appHost }) => {
  test.setTimeout(180_000);
  const load = new LoadPage(page);
  await load.open(appHost.url);
  await tabTo(page, page.getByTestId('try-sample'));
  await page.keyboard.press('Enter');
  await load.waitCounted();

  await tabTo(page, page.getByTestId('to-map'));
  await page.keyboard.press('Enter');
  await expectFocusOnHeading(page, 'map');
  expect(await tabsTo(page, 'to-review', 3)).toBeLessThanOrEqual(3);
  await page.keyboard.press('Enter');
  await expectFocusOnHeading(page, 'review');
  const review = new ReviewPage(page);
  await expect(review.step).toHaveAttribute('data-state', 'ready');

  // A bulk fix by keyboard: its button goes away with the problem; focus lands on the heading, Upload is within 3 Tabs.
  const run = await review.run();
  await tabTo(page, page.getByTestId('bulk-exclude-blocking'));
  await page.keyboard.press('Enter');
  await review.waitRunAfter(run);
  await expect(review.card('blocking')).toHaveAttribute('data-value', '0');
  await expectFocusOnHeading(page, 'review');
  expect(await tabsTo(page, 'to-upload', 3)).toBeLessThanOrEqual(3);
  await page.keyboard.press('Enter');
  await expectFocusOnHeading(page, 'upload');

  const upload = new UploadPage(page);
  await tabTo(page, upload.sendButton);
  await page.keyboard.press('Enter');
  await upload.waitJob('completed');
  await tabTo(page, page.getByTestId('see-results'));
  await page.keyboard.press('Enter');
  await expectFocusOnHeading(page, 'results');

  await tabTo(page, page.getByTestId('download-results'));
  const download = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  const file = await download;
  const text = await readFile((await file.path())!, 'utf8');
  const lines = text.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  expect(lines[0]).toMatch(/^Outcome,Reason,thirdPartyId,/);
  expect(lines).toHaveLength(201);
});
