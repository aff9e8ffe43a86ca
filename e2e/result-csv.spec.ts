import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import Papa from 'papaparse';
import { expect, test } from './testing/fixtures.js';
import { LoadPage } from './pages/load-page.js';
import { MapPage } from './pages/map-page.js';
import { ResultsPage } from './pages/results-page.js';
import { ReviewPage } from './pages/review-page.js';
import { UploadPage } from './pages/upload-page.js';
import { chooseOption } from './testing/choose-option.js';

// Row 2's id has a `+` (blocked by checks, then left out with the others), row 4 is left out by hand,
// row 5 starts with `=` (a formula a spreadsheet would run).
const SOURCE = [
  'thirdPartyId,loyaltyTier,memo',
  'CSV-0001,Gold,first',
  'CSV+0002,Silver,blocked id',
  'CSV-0003,Bronze,third',
  'CSV-0004,Gold,left out by hand',
  'CSV-0005,Silver,=SUM(A1)',
  'CSV-0006,Bronze,last',
].join('\n');

const MACHINE = ['row', 'key', 'outcome', 'batch', 'batch_id', 'verified', 'verify_detail'];

/** Downloads the shown job's result CSV; resolves with its raw text and its rows by header. */
async function download(page: Page): Promise<{ text: string; header: string[]; rows: Record<string, string>[] }> {
  const event = page.waitForEvent('download');
  await page.getByTestId('download-results').click();
  const text = await readFile((await (await event).path())!, 'utf8');
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\ufeff/, ''), { header: true, skipEmptyLines: true });
  return { text, header: parsed.meta.fields ?? [], rows: parsed.data };
}

test('the result CSV has every row, left out and blocked ones with key and reason, its cells as read, in the UI language', async ({ page, appHost }) => {
  test.setTimeout(120_000);
  const dir = await mkdtemp(join(tmpdir(), 'pl-result-csv-'));
  const path = join(dir, 'members.csv');
  await writeFile(path, SOURCE);
  const load = new LoadPage(page);
  await load.open(appHost.url);
  await load.dropFile(path);
  await load.waitCounted();
  const map = new MapPage(page);
  await map.openFromLoad();
  await map.check();
  const review = new ReviewPage(page);
  let run = await review.run();
  await expect(review.card('blocking')).toHaveAttribute('data-value', '1');
  await review.row(4).getByRole('checkbox', { name: 'Send row 4' }).click();
  run = await review.waitRunAfter(run);
  await page.getByTestId('bulk-exclude-blocking').click();
  await review.waitRunAfter(run);
  await review.uploadButton.click();
  const upload = new UploadPage(page);
  await upload.step.and(page.locator('[data-state="ready"]')).waitFor();
  await upload.sendButton.click();
  await upload.waitJob('completed');
  await page.getByTestId('see-results').click();
  const results = new ResultsPage(page);
  await results.waitReady();

  // English: the screen's terms, then the file's own columns as read, then the machine columns.
  const en = await download(page);
  expect(en.text.startsWith('\ufeff')).toBe(true);
  expect(en.header).toEqual(['Outcome', 'Reason', 'thirdPartyId', 'loyaltyTier', 'memo', ...MACHINE]);
  expect(en.rows.map((r) => r.row)).toEqual(['1', '2', '3', '4', '5', '6']);
  expect(en.rows.map((r) => r.Outcome)).toEqual(['Updated', 'Left out', 'Updated', 'Left out', 'Updated', 'Updated']);
  expect(en.rows.map((r) => r.outcome)).toEqual(['confirmed', 'excluded', 'confirmed', 'excluded', 'confirmed', 'confirmed']);
  expect(en.rows[3]).toMatchObject({ Reason: 'Left out by you.', thirdPartyId: 'CSV-0004', memo: 'left out by hand', key: 'CSV-0004', batch: '' });
  expect(en.rows[1]).toMatchObject({ thirdPartyId: 'CSV+0002', key: 'CSV+0002' });
  expect(en.rows[1]!.Reason).toBe('Left out by you; the checks had blocked it: Column “thirdPartyId”: “+” is not allowed in an mbox3rdPartyId');
  expect(en.rows[4]).toMatchObject({ memo: "'=SUM(A1)", key: 'CSV-0005' });
  expect(en.rows[0]!.batch_id).not.toBe('');
  await expect(page.getByTestId('outcome')).toContainText('Left out 2');
  await expect(page.getByTestId('download-status')).toContainText('6 rows');

  // Korean: the same file in the words the Results screen uses.
  await chooseOption(page.getByRole('button', { name: /Language/ }), page.getByRole('option', { name: '한국어' }));
  await expect(page.getByTestId('download-results')).toHaveText('결과 CSV 다운로드');
  const ko = await download(page);
  expect(ko.header).toEqual(['결과', '이유', 'thirdPartyId', 'loyaltyTier', 'memo', ...MACHINE]);
  expect(ko.rows.map((r) => r['결과'])).toEqual(['업데이트됨', '제외됨', '업데이트됨', '제외됨', '업데이트됨', '업데이트됨']);
  // The screen says the same word for these rows.
  await expect(page.getByTestId('outcome')).toContainText('제외됨 2');
  expect(ko.rows[3]).toMatchObject({ 이유: '직접 제외했습니다.', key: 'CSV-0004', outcome: 'excluded' });
  expect(ko.rows[1]!['이유']).toBe('직접 제외했습니다. 검사에서 차단된 행입니다: “thirdPartyId” 열: mbox3rdPartyId에는 “+” 문자를 쓸 수 없습니다');
});
