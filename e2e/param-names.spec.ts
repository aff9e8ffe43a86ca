import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectAccessibleAndCapture } from './testing/accessibility.js';
import { expect, test } from './testing/fixtures.js';
import { LoadPage } from './pages/load-page.js';
import { MapPage } from './pages/map-page.js';
import { ReviewPage } from './pages/review-page.js';
import { chooseOption } from './testing/choose-option.js';

/** A CRM export with Korean, Japanese and German headers, a Target-like name and one value over 256 characters. */
async function crmFile(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pl-names-'));
  const path = join(dir, '회원.csv');
  const lines = ['회원번호,등급,포인트,회원등급,テーマカラー,Straße,user.segment,메모'];
  for (let i = 1; i <= 12; i++) lines.push(`K${String(i).padStart(6, '0')},${i % 2 ? '골드' : '실버'},${i * 100},VIP,${i % 2 ? 'ブルー' : 'レッド'}-${i},Hauptstr. ${i},new,${i === 5 ? 'x'.repeat(300) : 'ok'}`);
  await writeFile(path, `${lines.join('\r\n')}\r\n`);
  return path;
}

test('Korean headers get ASCII names with the header and the reason beside them, in English and Korean; long values can be cut', async ({ page, appHost }) => {
  test.setTimeout(180_000);
  const load = new LoadPage(page);
  await load.open(appHost.url);
  await load.chooseFile(await crmFile());
  await load.waitCounted();
  const map = new MapPage(page);
  await map.openFromLoad();
  await expect(map.idColumnPicker).toContainText('회원번호');

  const row = (column: string) => page.getByTestId('param-table').locator(`tr[data-column="${column}"]`);
  const notes = (column: string) => page.getByTestId(`param-notes-${column}`);
  // The names suggested, the original header beside each, and why the name differs from it.
  await expect(map.paramField('등급')).toHaveValue('tier');
  await expect(map.paramField('포인트')).toHaveValue('points');
  await expect(map.paramField('회원등급')).toHaveValue('hoewonDeunggeup');
  await expect(map.paramField('テーマカラー')).toHaveValue('teemakaraa');
  await expect(map.paramField('Straße')).toHaveValue('strasse');
  await expect(row('등급').getByRole('rowheader')).toHaveText('등급');
  await expect(notes('등급')).toHaveText('From the glossary: “등급” means tier');
  await expect(notes('회원등급')).toHaveText('Romanised from “회원등급”');
  await expect(notes('テーマカラー')).toHaveText('Romanised from “テーマカラー”');
  await expect(notes('Straße')).toHaveText('Accents and spaces removed from “Straße”');
  await expect(row('등급')).toContainText('from the glossary');
  // The notes describe the name field to assistive technology.
  await expect(map.paramField('등급')).toHaveAccessibleDescription('From the glossary: “등급” means tier');
  // A name like Target's own is warned about where it is typed.
  await expect(notes('user.segment').locator('[data-code="param-name-target-like"]')).toContainText("like names Target uses itself");
  // A name that differs from another only in case: both rows say so, at once.
  await map.paramField('포인트').fill('Tier');
  await expect(notes('포인트').locator('[data-code="param-case-collision"]')).toContainText('“Tier” and “tier” differ only in case');
  await expect(notes('등급').locator('[data-code="param-case-collision"]')).toBeVisible();
  // An edited name is no longer the suggestion: its reason goes, the warning stays until it is fixed.
  await expect(notes('포인트').locator('.param-why')).toHaveCount(0);
  await map.paramField('포인트').fill('points');
  await expect(notes('등급').locator('[data-code="param-case-collision"]')).toHaveCount(0);
  await expectAccessibleAndCapture(page, 'map (names)', 'map-names');

  await chooseOption(page.getByRole('button', { name: /Language/ }), page.getByRole('option', { name: '한국어' }));
  await expect(notes('등급')).toHaveText('용어집: “등급” → tier');
  await expect(notes('회원등급')).toHaveText('“회원등급”의 로마자 표기');
  await expect(notes('Straße')).toHaveText('“Straße”에서 악센트와 공백을 뺀 이름');
  await expect(notes('user.segment').locator('[data-code="param-name-target-like"]')).toContainText('Target이 직접 쓰는 이름과 같은 접두어');
  await expect(row('등급')).toContainText('용어집에서');
  // Another identifier: the member number becomes a parameter under its glossary name, with its reason.
  await map.chooseIdColumn('テーマカラー');
  await expect(map.paramField('회원번호')).toHaveValue('memberNumber');
  await expect(notes('회원번호')).toHaveText('용어집: “회원번호” → memberNumber');
  await map.chooseIdColumn('회원번호');
  await expect(map.paramField('テーマカラー')).toHaveValue('teemakaraa');
  await expectAccessibleAndCapture(page, 'map (names, ko)', 'map-names-ko');

  await map.check();
  const review = new ReviewPage(page);
  await expect(review.card('rows')).toHaveAttribute('data-value', '12');
  const long = page.getByTestId('issue-kinds').locator('[data-code="value-too-long"]');
  await expect(long).toContainText('256자를 넘는 값');
  await expect(long.getByTestId('long-value-preview')).toContainText('끝부분 “…xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx”');
  await expect(long.getByTestId('long-value-preview')).toContainText('256자, 끝부분');
  await expectAccessibleAndCapture(page, 'review (long values, ko)', 'review-long-ko');
  await long.getByTestId('bulk-cut-long-values-value-too-long').click();
  const cut = page.getByTestId('issue-kinds').locator('[data-code="value-too-long-cut"]');
  await expect(cut).toContainText('256자로 자른 값');
  await expect(page.getByTestId('issue-kinds').locator('[data-code="value-too-long"]')).toHaveCount(0);
  await expect(page.getByTestId('top-values').locator('[data-param="tier"]')).toContainText('골드');
  await cut.getByTestId('bulk-keep-long-values-value-too-long-cut').click();
  await expect(page.getByTestId('issue-kinds').locator('[data-code="value-too-long"]')).toBeVisible();
});
