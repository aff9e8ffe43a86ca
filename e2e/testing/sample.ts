import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { LoadPage } from '../pages/load-page.js';
import { MapPage } from '../pages/map-page.js';
import { ReviewPage } from '../pages/review-page.js';

/** Loads the bundled sample with "Try sample data", keeps the suggested mapping, leaves the blocked rows out, and opens Upload. */
export async function prepareSample(page: Page): Promise<void> {
  await page.getByTestId('try-sample').click();
  await new LoadPage(page).waitCounted();
  const map = new MapPage(page);
  await map.openFromLoad();
  await map.check();
  const review = new ReviewPage(page);
  const run = await review.run();
  await page.getByTestId('bulk-exclude-blocking').click();
  await review.waitRunAfter(run);
  await expect(review.card('blocking')).toHaveAttribute('data-value', '0');
  await review.uploadButton.click();
  await page.locator('[data-testid="upload-step"][data-state="ready"]').waitFor();
}
