import { createHash } from 'node:crypto';
import { copyFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JobView } from '../shared/jobs/job-reducer.js';
import { expectAccessible, expectAccessibleAndCapture } from './testing/accessibility.js';
import { expect, test } from './testing/fixtures.js';
import { fetchProfile, hostCall } from './testing/target-check.js';
import { koreanCrmRows } from './fixtures/make-korean-crm.js';
import { LoadPage } from './pages/load-page.js';
import { MapPage } from './pages/map-page.js';
import { ReviewPage } from './pages/review-page.js';
import { UploadPage } from './pages/upload-page.js';
import { chooseOption } from './testing/choose-option.js';

const PERSONAL = ['이름', '휴대폰', '이메일'] as const;

/** The committed Korean CRM export (CP949), copied to a temp folder and dropped like a user's own file. */
async function crmCopy(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pl-personal-'));
  const path = join(dir, '회원목록.csv');
  await copyFile('e2e/fixtures/korean-crm-cp949.csv', path);
  return path;
}

test('a Korean CRM export: personal data starts unsent with the reason, the RRN can never be sent, and none of it reaches Target', async ({ page, appHost }) => {
  test.setTimeout(240_000);
  const load = new LoadPage(page);
  await load.open(appHost.url);
  await load.dropFile(await crmCopy());
  await load.waitCounted();
  await expect(page.getByTestId('fact-encoding')).toHaveAttribute('data-encoding', 'cp949');

  const map = new MapPage(page);
  await map.openFromLoad();
  await expect(map.idColumnPicker).toContainText('회원번호');
  for (const column of PERSONAL) {
    await expect(map.row(column)).toHaveAttribute('data-personal', 'not-sent');
    const note = map.row(column).getByTestId('personal-note');
    await expect(note).toContainText('not sent');
    await expect(note).toContainText('visible to everyone who builds audiences');
    await expect(map.sendAnyway(column)).not.toBeChecked();
    await expect(map.sendAnyway(column)).toBeEnabled();
  }
  await expect(map.row('휴대폰').getByTestId('personal-note')).toContainText('phone numbers');
  await expect(map.row('주민등록번호')).toHaveAttribute('data-personal', 'never');
  await expect(map.sendAnyway('주민등록번호')).toBeDisabled();
  await expect(map.row('주민등록번호').getByTestId('personal-note')).toContainText('cannot be sent');
  // The send control names its reason to assistive technology as well.
  await expect(map.sendAnyway('주민등록번호')).toHaveAccessibleDescription(/cannot be sent/);
  await expect(map.sendBox('등급')).toBeChecked();
  await expect(map.sendBox('포인트')).toBeChecked();
  // The names that work in Target's audience builder, with the header kept and the reason shown.
  await expect(map.paramField('등급')).toHaveValue('tier');
  await expect(map.paramField('포인트')).toHaveValue('points');
  await expect(page.getByTestId('param-notes-등급')).toContainText('“등급” means tier');
  await expectAccessibleAndCapture(page, 'map (personal data)', 'map-personal-data');

  // Choosing to send a column, then changing one's mind: the explanation follows the choice.
  await map.sendAnyway('휴대폰').check();
  await expect(map.row('휴대폰')).toHaveAttribute('data-personal', 'by-choice');
  await expect(map.row('휴대폰').getByTestId('personal-note')).toContainText('because you chose to');
  await map.sendAnyway('휴대폰').uncheck();
  await expect(map.row('휴대폰')).toHaveAttribute('data-personal', 'not-sent');

  // Hash instead: the first value is shown before and after (SHA-256 of the trimmed, lower-cased value).
  const firstEmail = koreanCrmRows()[1]![3]!;
  await chooseOption(map.transformPicker('이메일'), page.getByRole('option', { name: 'Hash (SHA-256)' }));
  await expect(map.row('이메일')).toHaveAttribute('data-personal', 'hashed');
  await expect(page.getByTestId('hash-shown-이메일')).toContainText(`${firstEmail} → ${createHash('sha256').update(firstEmail).digest('hex').slice(0, 16)}`);
  await chooseOption(map.transformPicker('이메일'), page.getByRole('option', { name: 'Send as they are' }));
  await expect(map.row('이메일')).toHaveAttribute('data-personal', 'not-sent');

  // The same in Korean.
  await chooseOption(page.getByRole('button', { name: /Language/ }), page.getByRole('option', { name: '한국어' }));
  await expect(map.row('이메일').getByTestId('personal-note')).toContainText('개인정보(이메일 주소');
  await expect(map.row('이메일').getByTestId('personal-note')).toContainText('보내지 않습니다');
  await expect(map.row('주민등록번호').getByTestId('personal-note')).toContainText('보낼 수 없습니다');
  await expect(map.sendAnyway('이름')).toHaveAccessibleName('이름 열의 개인정보를 그래도 보내기');
  await expectAccessibleAndCapture(page, 'map (personal data, ko)', 'map-personal-data-ko');
  await chooseOption(page.getByRole('button', { name: /언어/ }), page.getByRole('option', { name: 'English' }));

  await map.check();
  const review = new ReviewPage(page);
  await expect(review.card('rows')).toHaveAttribute('data-value', '40');
  await expect(review.card('ready')).toHaveAttribute('data-value', '40');
  const kinds = page.getByTestId('issue-kinds');
  await expect(kinds.locator('[data-code="personal-data-held-back"]')).toHaveAttribute('data-count', '4');
  await expect(kinds.locator('[data-code="personal-data-held-back"]')).toContainText('Personal data left out');
  await expectAccessible(page, 'review (personal data)');

  await review.uploadButton.click();
  const upload = new UploadPage(page);
  await upload.step.and(page.locator('[data-state="ready"]')).waitFor();
  await upload.sendButton.click();
  await upload.waitJob('completed');
  const jobId = await upload.jobId();

  // Read the profiles back from the sandbox: 등급 and 포인트 are there, nothing personal is.
  const view = await hostCall<JobView>(page, appHost.origin, 'jobs.get', { jobId });
  const base = new URL(view.batches[0]!.statusUrl!).origin;
  const rows = koreanCrmRows().slice(1);
  for (const row of rows) {
    const profile = await fetchProfile(base, view.spec!.connection.clientCode, row[0]!);
    expect(profile, `profile ${row[0]}`).not.toBeNull();
    // Under the suggested names: tier and points.
    expect(profile).toMatchObject({ tier: row[5], points: row[6] });
    const all = JSON.stringify(profile);
    for (const personal of row.slice(1, 5)) expect(all).not.toContain(personal);
  }
  expect(view.spec!.source.personalData.map((c) => [c.column, c.sent])).toEqual([
    ['이름', false],
    ['휴대폰', false],
    ['이메일', false],
    ['주민등록번호', false],
  ]);
});
