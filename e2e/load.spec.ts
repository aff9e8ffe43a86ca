import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './testing/fixtures.js';
import { LoadPage } from './pages/load-page.js';
import { startAppHost } from './testing/app-host.js';
import { chooseOption } from './testing/choose-option.js';

async function sampleCsv(rows: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pl-load-'));
  const lines = ['customerId,name,loyaltyTier,city'];
  for (let i = 1; i <= rows; i++) lines.push(`CRM-${String(i).padStart(5, '0')},"김민준 ${i}",${i % 2 ? 'gold' : 'silver'},"Berlin, Mitte"`);
  const path = join(dir, 'customers.csv');
  await writeFile(path, `${lines.join('\r\n')}\r\n`, 'utf8');
  return path;
}

test('a file dropped anywhere on the window is previewed with its headers and rows', async ({ page, appHost }) => {
  const load = new LoadPage(page);
  await load.open(appHost.url);
  await expect(load.step).toHaveAttribute('data-state', 'idle');
  await load.dropFile(await sampleCsv(2500));
  await load.waitCounted();
  await expect(load.rowCount).toContainText('2,500');
  await expect(page.getByRole('columnheader', { name: 'loyaltyTier' })).toBeVisible();
  await expect(load.cell(1, 1)).toHaveText('CRM-00001');
  await expect(load.cell(1, 2)).toHaveText('김민준 1');
  await expect(load.cell(1, 4)).toHaveText('Berlin, Mitte');
  // Only the rows in view are rendered, however long the file.
  const rendered = Number(await load.grid.getAttribute('data-rendered-rows'));
  expect(rendered).toBeGreaterThan(0);
  expect(rendered).toBeLessThan(60);
  await page.screenshot({ path: 'e2e/artifacts/load-dropped.png' });
});

test('a file picked with the file chooser is previewed, and scrolling far fetches later rows', async ({ page, appHost }) => {
  const load = new LoadPage(page);
  await load.open(appHost.url);
  await load.chooseFile(await sampleCsv(3000));
  await load.waitCounted();
  await expect(load.rowCount).toContainText('3,000');
  await expect(page.getByTestId('fact-delimiter')).toHaveText('Comma');
  await load.grid.evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(load.grid.locator('[data-row="3000"] [role="gridcell"]').nth(1)).toHaveText('CRM-03000');
});

test('a file that cannot be read says why, in plain words', async ({ page, appHost }) => {
  const load = new LoadPage(page);
  await load.open(appHost.url);
  const dir = await mkdtemp(join(tmpdir(), 'pl-load-'));
  const path = join(dir, 'empty.csv');
  await writeFile(path, '');
  await load.chooseFile(path);
  await expect(load.error).toContainText('The file is empty.');
  await expect(load.step).toHaveAttribute('data-state', 'failed');
  // The same problem reads in Korean once the UI is in Korean.
  await chooseOption(page.getByRole('button', { name: /Language/ }), page.getByRole('option', { name: '한국어' }));
  await expect(load.error).toContainText('파일이 비어 있습니다.');
});

test('the UI switches to Korean', async ({ page, appHost }) => {
  const load = new LoadPage(page);
  await load.open(appHost.url);
  await chooseOption(page.getByRole('button', { name: /Language/ }), page.getByRole('option', { name: '한국어' }));
  await expect(page.getByRole('heading', { name: '스프레드시트 불러오기' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
});

test('npm start serves the app in browser mode, and a dropped file is previewed', async ({ page }) => {
  const host = await startAppHost({ viaNpmStart: true });
  try {
    expect(host.output()).toContain('Browser mode:');
    const load = new LoadPage(page);
    await load.open(host.url);
    await expect(page.getByTestId('host-kind')).toContainText('Browser mode');
    await load.dropFile(await sampleCsv(10));
    await load.waitCounted();
    await expect(load.cell(10, 1)).toHaveText('CRM-00010');
  } finally {
    await host.stop();
  }
});
