import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { startSandbox, type RunningSandbox } from '../sandbox/index.js';
import { expectAccessible, expectAccessibleAndCapture } from './testing/accessibility.js';
import { expect, test } from './testing/fixtures.js';
import { startRecordingProxy } from '../electron/upload/testing/recording-proxy.js';
import { startAppHost } from './testing/app-host.js';
import { fetchProfile, hostCall } from './testing/target-check.js';
import type { JobView } from '../shared/jobs/job-reducer.js';
import { LoadPage } from './pages/load-page.js';
import { MapPage } from './pages/map-page.js';
import { ReviewPage } from './pages/review-page.js';
import { SettingsPage } from './pages/settings-page.js';
import { UploadPage } from './pages/upload-page.js';
import { prepareSample } from './testing/sample.js';
import { admin as sandboxAdmin } from '../sandbox/testing/http.js';
import { chooseOption } from './testing/choose-option.js';

/** German Excel's "CSV (Trennzeichen-getrennt)": Windows-1252, semicolons, decimal commas, CRLF. */
async function germanFile(dir: string): Promise<string> {
  const path = join(dir, 'umsatz.csv');
  const rows = ['Kundennummer;Umsatz;Stadt', 'DE-1001;1.234,50;München', 'DE-1002;98,00;Köln', 'DE-1003;0,50;Zürich'];
  await writeFile(path, iconv.encode(`${rows.join('\r\n')}\r\n`, 'windows-1252'));
  return path;
}

test('European decimal commas: nothing changes until the user picks the reading with real values shown, and Target receives 1234.50, 98.00, 0.50', async ({ page, appHost }) => {
  test.setTimeout(180_000);
  const dir = await mkdtemp(join(tmpdir(), 'pl-trust-'));
  const sandbox: RunningSandbox = await startSandbox({ port: 0 });
  try {
    const load = new LoadPage(page);
    await load.open(appHost.url);
    const settings = new SettingsPage(page);
    await settings.openByKeyboard();
    await settings.addConnection({ name: 'Staging', environment: 'Staging', clientCode: 'acme', baseUrl: sandbox.baseUrl });
    await settings.close();
    await load.chooseFile(await germanFile(dir));
    await load.waitCounted();
    const map = new MapPage(page);
    await map.openFromLoad();
    await map.chooseIdColumn('Kundennummer');
    await map.check();

    const review = new ReviewPage(page);
    await expect(review.card('blocking')).toHaveAttribute('data-value', '3');
    const kind = page.getByTestId('issue-kinds').locator('[data-code="value-number-comma"]');
    await expect(kind).toHaveAttribute('data-count', '3');
    // Nothing is converted yet: the grid shows the file's text, and no "Remove the commas" is offered for numbers.
    await expect(review.cell(1, 'Umsatz')).toHaveText('1.234,50');
    await expect(kind.getByTestId('bulk-strip-commas-value-number-comma')).toHaveCount(0);
    const preview = kind.getByTestId('fix-preview');
    for (const [before, after] of [['1.234,50', '1234.50'], ['98,00', '98.00'], ['0,50', '0.50']] as const) {
      await expect(preview.locator('tr', { hasText: before }).locator('td[data-reading="decimal"]')).toHaveText(after);
    }
    // The first fix offered is the decimal reading, named with its example.
    const first = kind.getByTestId('number-fix').getByRole('button').first();
    await expect(first).toHaveText('Convert decimal commas (1.234,50 → 1234.50)');
    await expectAccessibleAndCapture(page, 'review (decimal commas)', 'review-decimal-commas');

    // The same choice in Korean.
    await chooseOption(page.getByRole('button', { name: /Language/ }), page.getByRole('option', { name: '한국어' }));
    await expect(first).toHaveText('소수점 쉼표 바꾸기 (1.234,50 → 1234.50)');
    await expect(kind).toContainText('쉼표가 들어간 숫자');
    await expectAccessible(page, 'review (decimal commas, ko)');
    await chooseOption(page.getByRole('button', { name: /언어/ }), page.getByRole('option', { name: 'English' }));

    const run = await review.run();
    await first.click();
    await review.waitRunAfter(run);
    await expect(review.card('blocking')).toHaveAttribute('data-value', '0');
    // The grid shows what will be sent; the file's text is kept for the tooltip.
    await expect(review.cell(1, 'Umsatz')).toHaveAttribute('data-sent', '1234.50');
    await expect(review.cell(1, 'Umsatz')).toHaveAttribute('data-file-value', '1.234,50');
    await expect(review.cell(2, 'Umsatz')).toContainText('98.00');
    // The audience preview counts the values as sent.
    const top = page.getByTestId('top-values').locator('table[data-param="Umsatz"]');
    await expect(top).toContainText('1234.50');
    await expect(top).not.toContainText('1.234,50');
    await expect(page.getByTestId('number-converted')).toContainText('1234.50');

    await review.uploadButton.click();
    const upload = new UploadPage(page);
    await upload.step.and(page.locator('[data-state="ready"]')).waitFor();
    await upload.chooseConnection('Staging');
    await upload.sendButton.click();
    await upload.waitJob('completed');
    const values = await Promise.all(['DE-1001', 'DE-1002', 'DE-1003'].map(async (id) => (await fetchProfile(sandbox.baseUrl, 'acme', id))?.['Umsatz']));
    expect(values).toEqual(['1234.50', '98.00', '0.50']);
  } finally {
    await sandbox.close();
    await rm(dir, { recursive: true, force: true });
  }
});

async function adminJson(sandbox: RunningSandbox, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const response = await sandboxAdmin(sandbox, method, path, body);
  if (response.status >= 400) throw new Error(`${method} ${path}: ${response.status}`);
  return response.json;
}

test('a new token sends nothing by itself: the waiting upload is named, and resumes only after "Resume now" and the client code', async ({ page, appHost }) => {
  test.setTimeout(360_000); // two uploads, two languages and a deliberate wait: 1–2.5 min on a busy 2-core machine
  const sandbox = await startSandbox({ port: 0, processingDelayMs: 2_000 });
  const proxy = await startRecordingProxy(sandbox.baseUrl);
  try {
    await adminJson(sandbox, 'PATCH', '/admin/settings', { edgeBaseUrl: proxy.baseUrl });
    await adminJson(sandbox, 'PUT', '/admin/clients/acme/settings', { requireAuth: true, authOnStatus: true });
    const first = String((await adminJson(sandbox, 'POST', '/admin/clients/acme/token', {})).token);
    const load = new LoadPage(page);
    await load.open(appHost.url);
    const settings = new SettingsPage(page);
    await settings.openByKeyboard();
    await settings.addConnection({ name: 'Acme Production', environment: 'Live', clientCode: 'acme', baseUrl: proxy.baseUrl, token: first, production: true });
    await settings.close();

    await prepareSample(page);
    const upload = new UploadPage(page);
    await upload.chooseConnection('Acme Production');
    // Production over plain http is called out (the token would travel unencrypted).
    await expect(page.getByTestId('connection-card').getByTestId('http-production')).toBeVisible();
    await upload.sendButton.click();
    await page.getByRole('textbox', { name: 'Type the client code to confirm' }).fill('acme');
    await page.getByTestId('production-confirm-send').click();
    await expect(upload.batches.first()).toHaveAttribute('data-state', 'processing');

    // Someone regenerates the token in Target while the batch is processing: the next status call is refused.
    const second = String((await adminJson(sandbox, 'POST', '/admin/clients/acme/token', {})).token);
    await upload.waitJob('paused');
    const pause = page.getByTestId('pause-reason');
    await expect(pause).toContainText('Target refused the token');
    await expect(page.getByText('Target refused the token')).toHaveCount(1);
    const jobId = await upload.jobId();

    // "Update the token" opens that connection's form; saving the token sends nothing.
    await page.getByTestId('update-token').click();
    const form = page.getByTestId('profile-form');
    await expect(form.getByRole('heading')).toHaveText('Edit Acme Production');
    // The token light is red after Target's refusal (not a green "saved").
    await form.getByRole('button', { name: 'Cancel' }).click();
    await expect(settings.connection('Acme Production').getByTestId('token-status')).toHaveAttribute('data-state', 'refused');
    await settings.connection('Acme Production').getByRole('button', { name: 'Edit Acme Production' }).click();
    await form.getByLabel('Token', { exact: true }).fill(second);
    await page.getByTestId('profile-save').click();
    const waiting = page.getByTestId('waiting-uploads');
    await expect(waiting).toContainText('An upload is waiting for this token');
    await expect(waiting).toContainText('loyalty-sample.csv to Acme Production');
    const before = proxy.exchanges.length;
    await page.waitForTimeout(3_000); // a deliberate wait: proving that nothing happens needs time to pass
    expect(proxy.exchanges.length).toBe(before);
    expect((await hostCall<JobView>(page, appHost.origin, 'jobs.get', { jobId })).state).toBe('paused');
    await expectAccessible(page, 'settings (upload waiting for a token)');

    // The same notice and confirmation in Korean (the notice stays while the upload waits).
    await page.getByRole('tab', { name: 'Language and look' }).click();
    await chooseOption(page.getByTestId('settings-language'), page.getByRole('option', { name: '한국어' }));
    await page.getByRole('tab', { name: '연결' }).click();
    await expect(page.getByTestId('waiting-uploads')).toContainText('이 토큰을 기다리는 업로드가 1개 있습니다');
    await expect(page.getByTestId('waiting-uploads')).toContainText('이어서 보내기 전에는 아무것도 보내지 않습니다');

    // Resume now goes through the same production confirmation.
    await page.getByTestId('waiting-resume').click();
    await expect(page.getByTestId('production-confirm')).toContainText('운영 환경으로 이어서 보낼까요?');
    await expectAccessible(page, 'resume confirmation (ko)');
    await page.getByTestId('production-confirm').getByRole('button', { name: '취소' }).click();
    await expect(page.getByTestId('production-confirm')).toHaveCount(0);
    expect(proxy.exchanges.length).toBe(before);
    await page.getByRole('tab', { name: '언어 및 모양' }).click();
    await chooseOption(page.getByTestId('settings-language'), page.getByRole('option', { name: 'English' }));
    await page.getByRole('tab', { name: 'Connections' }).click();
    await page.getByTestId('waiting-resume').click();
    await expect(page.getByTestId('production-confirm')).toContainText('Resume sending to production?');
    expect(proxy.exchanges.length).toBe(before);
    await page.getByRole('textbox', { name: 'Type the client code to confirm' }).fill('acme');
    await page.getByTestId('production-confirm-send').click();
    await upload.waitJob('completed', 90_000);
    await expect(page.getByTestId('resume-offer')).toHaveCount(0);
    expect(proxy.exchanges.length).toBeGreaterThan(before);
    const done = await hostCall<JobView>(page, appHost.origin, 'jobs.get', { jobId });
    expect(done.batches.every((b) => b.outcome === 'complete')).toBe(true);
  } finally {
    await proxy.close();
    await sandbox.close();
  }
});

test('production is a switch: connections saved before it existed get it from their label once, for review, in English and Korean', async ({ page }) => {
  const homeDir = await mkdtemp(join(tmpdir(), 'pl-trust-'));
  const at = '2026-01-01T00:00:00.000Z';
  const old = (id: string, name: string, environment: string) => ({ id, name, environment, color: '#d7373f', clientCode: id, apiVersion: 'v2', baseUrl: `https://${id}.tt.omtrdc.net`, statusHosts: [], dailyRowBudget: null, createdAt: at, updatedAt: at });
  await mkdir(homeDir, { recursive: true });
  await writeFile(join(homeDir, 'profiles.json'), JSON.stringify({ version: 1, profiles: [old('acme', 'Acme live', 'Live'), old('qa', 'Acme QA', 'QA')] }));
  let host = await startAppHost({ homeDir });
  try {
    const load = new LoadPage(page);
    await load.open(host.url);
    const notice = page.getByTestId('production-review');
    await expect(notice).toContainText('Acme live: production');
    await expect(notice).toContainText('Acme QA: not production');
    await expectAccessible(page, 'production review');
    await chooseOption(page.getByRole('button', { name: /Language/ }), page.getByRole('option', { name: '한국어' }));
    await expect(notice).toContainText('Acme live: 운영');
    await expect(notice).toContainText('Acme QA: 운영 아님');
    await page.getByTestId('production-review-ok').click();
    await expect(notice).toHaveCount(0);
    // Shown once: not again after a restart.
    await host.stop();
    host = await startAppHost({ homeDir });
    await load.open(host.url);
    await expect(page.getByTestId('app')).toHaveAttribute('data-state', 'ready');
    await expect(page.getByTestId('production-review')).toHaveCount(0);
    const settings = new SettingsPage(page);
    await settings.openByKeyboard();
    await expect(settings.connection('Acme live').getByTestId('production-badge')).toBeVisible();
    await expect(settings.connection('Acme QA').getByTestId('production-badge')).toHaveCount(0);
  } finally {
    await host.stop();
    await rm(homeDir, { recursive: true, force: true });
  }
});
