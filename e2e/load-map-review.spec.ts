import { copyFile, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { expectAccessibleAndCapture } from './testing/accessibility.js';
import { expect, test } from './testing/fixtures.js';
import { LoadPage } from './pages/load-page.js';
import { MapPage } from './pages/map-page.js';
import { ReviewPage } from './pages/review-page.js';
import { fullPageShot } from './testing/screenshots.js';
import { chooseOption } from './testing/choose-option.js';

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'pl-lmr-'));
}

/** A workbook whose first sheet is a cover note and whose second holds the members. */
async function workbook(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const cover = wb.addWorksheet('Read me');
  cover.addRow(['Loyalty export for November']);
  cover.addRow(['Prepared by CRM']);
  const members = wb.addWorksheet('Members');
  members.addRow(['Member ID', 'Tier', 'Points']);
  for (let i = 1; i <= 30; i++) members.addRow([`M-${String(i).padStart(4, '0')}`, i % 3 === 0 ? 'Gold' : 'Silver', i * 10]);
  members.addRow(['M-0031', 'Gold, plus', 5]);
  const path = join(await tempDir(), 'members.xlsx');
  await wb.xlsx.writeFile(path);
  return path;
}

test('an Excel workbook: the sheet picker reads the members sheet, then Map and Review work on it', async ({ page, appHost }) => {
  test.setTimeout(180_000);
  const load = new LoadPage(page);
  await load.open(appHost.url);
  await load.chooseFile(await workbook());
  await load.waitCounted();
  const picker = page.getByTestId('sheet-picker');
  await expect(picker).toContainText('Read me');
  await chooseOption(picker, page.getByRole('option', { name: 'Members' }));
  await expect(page.getByRole('columnheader', { name: 'Member ID' })).toBeVisible();
  await load.waitCounted();
  await expect(load.rowCount).toContainText('31');
  await expect(picker).toContainText('Members');
  await expectAccessibleAndCapture(page, 'load (xlsx)', 'load-xlsx');

  const map = new MapPage(page);
  await map.openFromLoad();
  await map.expectSuggested('Member ID', 'Tier');
  await map.check();
  const review = new ReviewPage(page);
  await expect(review.card('rows')).toHaveAttribute('data-value', '31');
  await expect(review.card('blocking')).toHaveAttribute('data-value', '1');
  await expect(page.getByTestId('issue-kinds').locator('[data-code="value-comma"]')).toBeVisible();
  await expect(review.uploadButton).toBeDisabled();
});

test('a CP949 file with the UI in Korean: the encoding is detected, and Map and Review speak Korean', async ({ page, appHost }) => {
  test.setTimeout(180_000);
  const dir = await tempDir();
  const path = join(dir, '회원목록.csv');
  const lines = ['회원번호,등급,지역'];
  for (let i = 1; i <= 40; i++) lines.push(`K${String(i).padStart(6, '0')},${i % 2 ? '골드' : '실버'},${i % 3 ? '서울' : '부산'}`);
  lines.push('K+000041,골드,서울');
  await writeFile(path, iconv.encode(`${lines.join('\r\n')}\r\n`, 'cp949'));

  const load = new LoadPage(page);
  await load.open(appHost.url);
  await chooseOption(page.getByRole('button', { name: /Language/ }), page.getByRole('option', { name: '한국어' }));
  await expect(page.getByRole('heading', { name: '스프레드시트 불러오기' })).toBeVisible();
  await load.chooseFile(path);
  await load.waitCounted();
  await expect(page.getByTestId('fact-encoding')).toHaveAttribute('data-encoding', 'cp949');
  await expect(page.getByTestId('fact-encoding')).toContainText('CP949');
  await expect(page.getByTestId('encoding-picker')).toContainText('한국어 (CP949 / EUC-KR)');
  await expect(page.getByRole('columnheader', { name: '회원번호' })).toBeVisible();
  await expect(load.cell(1, 2)).toHaveText('골드');
  await expectAccessibleAndCapture(page, 'load (ko)', 'load-ko');

  const map = new MapPage(page);
  await map.openFromLoad();
  await expect(page.getByRole('heading', { name: '열을 프로필 매개변수에 매핑' })).toBeVisible();
  await expect(map.idColumnPicker).toContainText('회원번호');
  await map.paramField('등급').fill('tier');
  await map.paramField('지역').fill('region');
  await expectAccessibleAndCapture(page, 'map (ko)', 'map-ko');
  await map.check();

  const review = new ReviewPage(page);
  await expect(review.card('rows')).toHaveAttribute('data-value', '41');
  await expect(review.card('blocking')).toHaveAttribute('data-value', '1');
  await expect(review.gate).toContainText('차단된 행이 1개 있습니다');
  await expect(page.getByTestId('issue-kinds')).toContainText('식별자에 쓸 수 없는 문자');
  await review.filter(/^문제가 있는 행$/);
  await expect(review.issues(41)).toHaveText('“회원번호” 열: 식별자에 쓸 수 없는 문자');
  await expect(review.issues(41)).toHaveAttribute('title', /mbox3rdPartyId에는/);
  await expect(review.issues(41)).not.toHaveAttribute('title', /41행/);
  await expect(page.getByTestId('top-values').locator('[data-param="tier"]')).toContainText('골드');
  await expectAccessibleAndCapture(page, 'review (ko)', 'review-ko');
});

test('a saved template is applied to a file with the same columns, with a note and an undo; recent files reopen it', async ({ page, appHost }) => {
  test.setTimeout(180_000);
  const path = join(await tempDir(), 'november.csv');
  await copyFile('samples/loyalty-sample.csv', path);
  const load = new LoadPage(page);
  await load.open(appHost.url);
  await load.chooseFile(path);
  await load.waitCounted();
  const map = new MapPage(page);
  await map.openFromLoad();
  await expect(map.templateApplied).toHaveCount(0);
  await map.paramField('pointsBalance').fill('points');
  await map.saveTemplate('Monthly loyalty');
  // A template written by hand (or by the CLI) may hold a chain the picker does not offer.
  const templates = join(appHost.homeDir, 'templates');
  const [templateFile] = await readdir(templates);
  const template = JSON.parse(await readFile(join(templates, templateFile!), 'utf8')) as { mapping: { columns: { column: string; transforms: unknown[] }[] } };
  template.mapping.columns.find((c) => c.column === 'loyaltyTier')!.transforms = [{ kind: 'trim' }, { kind: 'valueMap', map: { Gold: 'gold', Silver: 'silver' } }];
  await writeFile(join(templates, templateFile!), JSON.stringify(template));

  // Back to Load: the file is among the recent files; open it again from there.
  await page.getByTestId('step-load').click();
  await page.getByRole('button', { name: 'Open november.csv again' }).click();
  await load.waitCounted();
  await map.openFromLoad();
  await expect(map.templateApplied).toContainText('Monthly loyalty');
  await expect(map.paramField('pointsBalance')).toHaveValue('points');
  // The template's chain shows step by step, and stays one pick away after another choice.
  const tierChange = map.transformPicker('loyaltyTier');
  await expect(tierChange).toContainText('As the template says: remove spaces at the ends, then replace 2 listed values');
  await chooseOption(tierChange, page.getByRole('option', { name: 'UPPER CASE' }));
  await expect(tierChange).toContainText('UPPER CASE');
  await chooseOption(tierChange, page.getByRole('option', { name: /^As the template says/ }));
  await expect(tierChange).toContainText('As the template says');
  await fullPageShot(page, 'e2e/artifacts/map-template.png');
  await page.getByTestId('undo-template').click();
  await expect(page.getByTestId('template-undone')).toBeVisible();
  await expect(map.paramField('pointsBalance')).toHaveValue('pointsBalance');
});

test('overrides: a wrong header row and separator are corrected from the Load step, and the file is read again', async ({ page, appHost }) => {
  test.setTimeout(120_000);
  const path = join(await tempDir(), 'export.txt');
  await writeFile(path, 'Loyalty export|November\r\nid|tier|city\r\nA-1|Gold|Seoul\r\nA-2|Silver|Busan\r\n');
  const load = new LoadPage(page);
  await load.open(appHost.url);
  await load.chooseFile(path);
  await load.waitCounted();
  // Force a comma: everything lands in one column.
  await chooseOption(page.getByTestId('delimiter-picker'), page.getByRole('option', { name: 'Comma' }));
  await expect(page.getByTestId('delimiter-picker')).toContainText('Comma');
  await expect(page.getByTestId('load-overrides')).toContainText('Column separator (your choice)');
  await load.waitCounted();
  // Back to the vertical bar, and the header on line 2.
  await chooseOption(page.getByTestId('delimiter-picker'), page.getByRole('option', { name: 'Vertical bar' }));
  await expect(page.getByTestId('delimiter-picker')).toContainText('Vertical bar');
  await load.waitCounted();
  const headerRow = page.getByRole('textbox', { name: /Header row number/ });
  await headerRow.fill('3');
  await headerRow.press('Tab');
  await page.getByRole('button', { name: 'Read again' }).click();
  await expect(page.getByRole('columnheader', { name: 'A-1' })).toBeVisible();
  await load.waitCounted();
  await headerRow.fill('2');
  await headerRow.press('Tab');
  await page.getByRole('button', { name: 'Read again' }).click();
  await expect(page.getByRole('columnheader', { name: 'tier' })).toBeVisible();
  await load.waitCounted();
  await expect(load.rowCount).toContainText('2 rows');
  await expect(load.cell(2, 1)).toHaveText('A-2');
  await expect(page.getByTestId('load-overrides')).toContainText('Header row number (your choice)');
});
