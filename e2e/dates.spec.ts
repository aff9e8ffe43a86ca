import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectAccessible, expectAccessibleAndCapture } from './testing/accessibility.js';
import { expect, test } from './testing/fixtures.js';
import { tabTo } from './testing/keyboard.js';
import { LoadPage } from './pages/load-page.js';
import { MapPage } from './pages/map-page.js';
import { ReviewPage } from './pages/review-page.js';
import { chooseOption } from './testing/choose-option.js';

/**
 * A loyalty list whose join dates are written day first: three read two ways (03/04, 01/02, 12/11), one is
 * no date (31/02), and its tiers are written in mixed case (one, Platinum, is not in the replacements).
 */
async function datesFile(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pl-dates-'));
  const path = join(dir, 'members.csv');
  const rows = [
    ['memberId', 'joined', 'tier'],
    ['M0001', '25/12/2025', 'Gold'],
    ['M0002', '03/04/2026', 'silver'],
    ['M0003', '01/02/2026', 'GOLD'],
    ['M0004', '31/02/2026', 'Bronze'],
    ['M0005', '14/07/2025', 'Platinum'],
    ['M0006', '12/11/2025', 'gold'],
  ];
  await writeFile(path, `${rows.map((r) => r.join(',')).join('\r\n')}\r\n`);
  return path;
}

test('dates: the Map step finds day first and lets you choose; Review counts dates that read two ways and holds back one that is no date; a value map edited on screen (English and Korean, axe)', async ({ page, appHost }) => {
  test.setTimeout(240_000);
  const load = new LoadPage(page);
  await load.open(appHost.url);
  await load.chooseFile(await datesFile());
  await load.waitCounted();
  const map = new MapPage(page);
  await map.openFromLoad();
  await expect(map.idColumnPicker).toContainText('memberId');

  // Dates: the source format is found in the column's values and shown, with how the first value is sent.
  await chooseOption(map.transformPicker('joined'), page.getByRole('option', { name: 'Dates → YYYY-MM-DD' }));
  const format = page.getByTestId('date-format-joined');
  await expect(format).toHaveAttribute('data-found', 'DD/MM/YYYY');
  await expect(page.getByTestId('date-format-picker-joined')).toContainText('DD/MM/YYYY (day first)');
  await expect(page.getByTestId('date-found-joined')).toHaveText('Found in the first 6 values: DD/MM/YYYY reads 5 of them.');
  await expect(page.getByTestId('date-preview-joined')).toHaveText('25/12/2025 is sent as 2025-12-25');
  // Another format can be chosen; under month first the first value is no date, so no preview is shown.
  await chooseOption(page.getByTestId('date-format-picker-joined'), page.getByRole('option', { name: 'MM/DD/YYYY (month first)' }));
  await expect(page.getByTestId('date-format-picker-joined')).toContainText('MM/DD/YYYY');
  await expect(page.getByTestId('date-preview-joined')).toHaveCount(0);
  await chooseOption(page.getByTestId('date-format-picker-joined'), page.getByRole('option', { name: 'DD/MM/YYYY (day first)' }));
  await expect(page.getByTestId('date-preview-joined')).toHaveText('25/12/2025 is sent as 2025-12-25');

  // A value map: Gold → gold and so on, typed with the keyboard; other values are held back.
  await chooseOption(map.transformPicker('tier'), page.getByRole('option', { name: 'Replace listed values…' }));
  const editor = page.getByTestId('value-map-tier');
  await expect(editor.getByRole('heading', { name: 'Replacements for column tier' })).toBeVisible();
  await editor.getByRole('textbox', { name: 'Value in the file, line 1' }).fill('Gold');
  await page.keyboard.press('Tab');
  await expect(editor.getByRole('textbox', { name: 'Send instead, line 1' })).toBeFocused();
  await page.keyboard.type('gold');
  await tabTo(page, editor.getByRole('button', { name: 'Add a value' }));
  await page.keyboard.press('Enter');
  await editor.getByRole('textbox', { name: 'Value in the file, line 2' }).fill('Silver');
  await editor.getByRole('textbox', { name: 'Send instead, line 2' }).fill('silver');
  await editor.getByRole('button', { name: 'Add a value' }).click();
  await editor.getByRole('textbox', { name: 'Value in the file, line 3' }).fill('gold');
  await expect(editor.getByText('Listed twice: only the first line counts')).toBeVisible();
  await editor.getByRole('textbox', { name: 'Value in the file, line 3' }).fill('Bronze');
  await editor.getByRole('textbox', { name: 'Send instead, line 3' }).fill('bronze');
  await expect(editor.getByRole('checkbox', { name: /Match upper and lower case alike/ })).toBeChecked();
  await editor.getByRole('radio', { name: 'Hold the row back (Review lists it)' }).check();
  await expect(map.transformPicker('tier')).toContainText('Replace listed values…');
  await expectAccessibleAndCapture(page, 'map (dates, value map)', 'map-dates');

  await chooseOption(page.getByRole('button', { name: /Language/ }), page.getByRole('option', { name: '한국어' }));
  await expect(page.getByTestId('date-found-joined')).toHaveText('처음 6개 값에서 찾은 형식: DD/MM/YYYY. 그중 5개를 읽습니다.');
  await expect(format).toContainText('파일의 날짜 표기 형식');
  await expect(editor.getByRole('heading', { name: 'tier 열에서 바꿀 값' })).toBeVisible();
  await expect(editor.getByRole('textbox', { name: '2번째 줄의 파일 값' })).toHaveValue('Silver');
  await expect(editor.getByRole('radio', { name: '행을 보내지 않기(검토 단계에 목록으로 나옴)' })).toBeChecked();
  await expectAccessible(page, 'map (dates, value map, ko)');
  await chooseOption(page.getByRole('button', { name: /언어/ }), page.getByRole('option', { name: 'English' }));

  // Review: over the whole file, three dates read two ways (noted), one is no date and one tier is not listed (both blocking).
  await map.check();
  const review = new ReviewPage(page);
  await expect(review.card('rows')).toHaveAttribute('data-value', '6');
  await expect(review.card('blocking')).toHaveAttribute('data-value', '2');
  const kinds = page.getByTestId('issue-kinds');
  const ambiguous = kinds.locator('[data-code="value-date-ambiguous"]');
  await expect(ambiguous).toHaveAttribute('data-count', '3');
  await expect(ambiguous).toContainText('Date that reads two ways (day and month)');
  await expect(ambiguous.getByTestId('date-findings-value-date-ambiguous')).toContainText(
    'Column “joined”: 3 dates read as other dates with day and month swapped (for example 03/04/2026, 01/02/2026, 12/11/2025).',
  );
  const unreadable = kinds.locator('[data-code="value-date-unreadable"]');
  await expect(unreadable).toHaveAttribute('data-count', '1');
  await expect(unreadable.getByTestId('date-findings-value-date-unreadable')).toContainText('Column “joined”: 1 date does not fit the column’s format (31/02/2026) and its row is not sent.');
  await expect(kinds.locator('[data-code="value-not-listed"]')).toHaveAttribute('data-count', '1');
  // The grid shows values as they will be sent: dates in YYYY-MM-DD, tiers through the value map.
  await expect(review.cell(2, 'joined')).toHaveAttribute('data-sent', '2026-04-03');
  await expect(review.cell(2, 'joined')).toHaveAttribute('data-file-value', '03/04/2026');
  await expect(review.cell(3, 'tier')).toHaveAttribute('data-sent', 'gold');
  await expect(review.cell(3, 'tier')).toHaveAttribute('data-file-value', 'GOLD');
  await expect(review.cell(2, 'tier')).toHaveAttribute('data-sent', 'silver');
  await review.jumpTo(4);
  // Short in the cell, the whole sentence on hover, without repeating the row's own number.
  await expect(review.issues(4)).toHaveText('“joined”: Date not in the column’s format');
  await expect(review.issues(4)).toHaveAttribute('title', /^Column “joined”: “31\/02\/2026” is not a date in the format DD\/MM\/YYYY chosen for this column/);
  await expectAccessibleAndCapture(page, 'review (dates)', 'review-dates');

  // The bulk fix for the unreadable date leaves its row out; the unlisted tier still blocks its own.
  const run = await review.run();
  await page.getByTestId('bulk-exclude-code-value-date-unreadable').click();
  await review.waitRunAfter(run);
  await expect(review.card('excluded')).toHaveAttribute('data-value', '1');
  await expect(review.card('blocking')).toHaveAttribute('data-value', '1');

  await chooseOption(page.getByRole('button', { name: /Language/ }), page.getByRole('option', { name: '한국어' }));
  await expect(ambiguous).toContainText('두 가지로 읽히는 날짜(일과 월)');
  await expect(ambiguous.getByTestId('date-findings-value-date-ambiguous')).toContainText('“joined” 열: 일과 월을 바꿔 읽으면 다른 날짜가 되는 값이 3개 있습니다');
  await expect(kinds.locator('[data-code="value-not-listed"]')).toContainText('바꿀 값 목록에 없는 값');
  await expectAccessible(page, 'review (dates, ko)');
});
