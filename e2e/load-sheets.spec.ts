import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { expectAccessible, expectAccessibleAndCapture } from './testing/accessibility.js';
import { expect, test } from './testing/fixtures.js';
import { LoadPage } from './pages/load-page.js';
import { chooseOption } from './testing/choose-option.js';

async function workbook(dir: string, name: string, sheets: readonly { readonly name: string; readonly rows: readonly (readonly (string | number)[])[] }[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    for (const row of s.rows) ws.addRow([...row]);
  }
  const path = join(dir, name);
  await wb.xlsx.writeFile(path);
  return path;
}

const MEMBERS = [['Member ID', 'Tier'], ...Array.from({ length: 12 }, (_, i) => [`M-${i + 1}`, i % 2 ? 'Gold' : 'Silver'])];

test('wrong sheet and no data stop at Load: an empty first sheet is passed over and said, two sheets with data are asked about, a header-only file cannot go on', async ({ page, appHost }) => {
  test.setTimeout(120_000);
  const dir = await mkdtemp(join(tmpdir(), 'pl-sheets-'));
  try {
    const load = new LoadPage(page);
    await load.open(appHost.url);
    const next = page.getByTestId('to-map');

    // 1. The first sheet is empty: the members sheet is read, and the Load step says why.
    await load.chooseFile(await workbook(dir, 'empty-first.xlsx', [{ name: 'Cover', rows: [] }, { name: 'Members', rows: MEMBERS }]));
    await load.waitCounted();
    await expect(page.getByTestId('sheet-skipped')).toHaveText('The sheet “Cover” is empty, so “Members” was read.');
    await expect(page.getByTestId('sheet-question')).toHaveCount(0);
    await expect(load.rowCount).toContainText('12');
    await expect(next).toBeEnabled();

    // 2. Two sheets hold data: the app asks, and Next waits for the answer.
    await load.chooseFile(await workbook(dir, 'two-sheets.xlsx', [{ name: 'Read me', rows: [['Export for November'], ['Prepared by CRM']] }, { name: 'Members', rows: MEMBERS }]));
    await load.waitCounted();
    const question = page.getByTestId('sheet-question');
    await expect(question).toContainText('Which sheet holds your data?');
    await expect(question).toContainText('2 sheets in this workbook have data: “Read me” and “Members”.');
    await expect(next).toBeDisabled();
    await expectAccessibleAndCapture(page, 'load: which sheet', 'load-sheet-question');
    await page.getByRole('button', { name: 'Load the sheet “Members”' }).click();
    await load.waitCounted();
    await expect(page.getByRole('columnheader', { name: 'Member ID' })).toBeVisible();
    await expect(page.getByTestId('sheet-question')).toHaveCount(0);
    await expect(next).toBeEnabled();

    // 3. A header row and nothing under it: a plain stop, Next off.
    const headerOnly = join(dir, 'header-only.csv');
    await writeFile(headerOnly, 'customerId,tier,points\r\n');
    await load.chooseFile(headerOnly);
    await load.waitCounted();
    await expect(page.getByTestId('no-rows')).toHaveText('“header-only.csv” has a header row but no rows of data below it, so there is nothing to send. Choose another file.');
    await expect(next).toBeDisabled();
    await expectAccessible(page, 'load: header only');

    // The same stops in Korean.
    await chooseOption(page.getByTestId('language-picker'), page.getByRole('option', { name: '한국어' }));
    await expect(page.getByTestId('no-rows')).toHaveText('“header-only.csv” 파일에는 머리글 행만 있고 그 아래에 데이터 행이 없어 보낼 내용이 없습니다. 다른 파일을 고르세요.');
    await load.chooseFile(await workbook(dir, 'only-header-sheet.xlsx', [{ name: 'Members', rows: [['Member ID', 'Tier']] }]));
    await load.waitCounted();
    await expect(page.getByTestId('no-rows')).toContainText('“Members” 시트에는 머리글 행만 있고');
    await expect(next).toBeDisabled();
    await expectAccessible(page, 'load: header-only sheet (ko)');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
