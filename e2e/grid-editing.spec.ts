import { expect, test } from './testing/fixtures.js';
import { expectAccessible } from './testing/accessibility.js';
import { LoadPage } from './pages/load-page.js';
import { MapPage } from './pages/map-page.js';
import { ReviewPage } from './pages/review-page.js';

test('editing like a spreadsheet: clicking away saves, Escape cancels, and a fixed row stays in the filtered list, marked, until it is refreshed', async ({ page, appHost }) => {
  test.setTimeout(120_000);
  const load = new LoadPage(page);
  await load.open(appHost.url);
  await page.getByTestId('try-sample').click();
  await load.waitCounted();
  const map = new MapPage(page);
  await map.openFromLoad();
  await map.check();
  const review = new ReviewPage(page);
  await review.filter(/^Blocked rows$/);
  await expect(review.row(12)).toHaveAttribute('data-status', 'blocked');

  // Escape drops an edit.
  const run = await review.run();
  await review.cell(134, 'thirdPartyId').dblclick();
  const editor134 = review.grid.getByRole('textbox', { name: /row 134, column thirdPartyId/ });
  await editor134.fill('LOY-0999999');
  await editor134.press('Escape');
  await expect(editor134).toHaveCount(0);
  await expect(review.cell(134, 'thirdPartyId')).not.toHaveClass(/cell--edited/);

  // Clicking away keeps an edit; the fixed row stays in the "Blocked rows" list with a Fixed mark.
  await review.cell(12, 'thirdPartyId').dblclick();
  const editor12 = review.grid.getByRole('textbox', { name: /row 12, column thirdPartyId/ });
  await editor12.fill('LOY-0100444');
  await page.getByRole('heading', { name: 'Review before sending' }).click();
  await review.waitRunAfter(run);
  await expect(review.row(12)).toHaveAttribute('data-status', 'ready');
  await expect(review.cell(12, 'thirdPartyId')).toHaveClass(/cell--edited/);
  await expect(review.cell(12, 'thirdPartyId')).toHaveAttribute('data-sent', 'LOY-0100444');
  await expect(page.getByTestId('fixed-12')).toHaveText('Fixed');
  await expect(page.getByTestId('kept-note')).toContainText('1 row you fixed or left out stays in this list');
  await expect(review.row(134)).toHaveAttribute('data-status', 'blocked');
  await expectAccessible(page, 'review: a fixed row kept in view');

  // Refreshing the list shows only the rows that still match.
  await page.getByTestId('refresh-list').click();
  await expect(review.row(12)).toHaveCount(0);
  await expect(review.row(134)).toHaveAttribute('data-status', 'blocked');
  await expect(page.getByTestId('kept-note')).toHaveCount(0);
});
