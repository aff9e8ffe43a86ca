import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import Papa from 'papaparse';
import type { JobView } from '../shared/jobs/job-reducer.js';
import { startSandbox } from '../sandbox/index.js';
import type { RunningSandbox } from '../sandbox/index.js';
import { expect, test } from './testing/fixtures.js';
import { startAppHost } from './testing/app-host.js';
import { expectAccessible, expectAccessibleAndCapture } from './testing/accessibility.js';
import { fetchProfile, hostCall, sandboxTotals } from './testing/target-check.js';
import { LoadPage } from './pages/load-page.js';
import { MapPage } from './pages/map-page.js';
import { ReviewPage } from './pages/review-page.js';
import { ResultsPage } from './pages/results-page.js';
import { SettingsPage } from './pages/settings-page.js';
import { UploadPage } from './pages/upload-page.js';
import { admin as sandboxAdmin } from '../sandbox/testing/http.js';
import { prepareSample } from './testing/sample.js';
import { fullPageShot } from './testing/screenshots.js';
import { chooseOption } from './testing/choose-option.js';

/**
 * Opens the app at `url`, adds `sandbox` in Settings as the "Staging" connection, prepares the sample and
 * sends it there; resolves once the first batch is with Target and still processing.
 */
async function sendSampleToStaging(page: Page, url: string, sandbox: RunningSandbox): Promise<UploadPage> {
  await new LoadPage(page).open(url);
  const settings = new SettingsPage(page);
  await settings.openByKeyboard();
  await settings.addConnection({ name: 'Staging', environment: 'Staging', clientCode: 'acme', baseUrl: sandbox.baseUrl });
  await settings.close();
  await prepareSample(page);
  const upload = new UploadPage(page);
  await upload.chooseConnection('Staging');
  await upload.sendButton.click();
  await expect(upload.batches.first()).toHaveAttribute('data-state', 'processing');
  return upload;
}

/** A sandbox of our own, as a second Target the user adds in Settings. */
async function ownSandbox(processingDelayMs = 0): Promise<RunningSandbox> {
  return startSandbox({ port: 0, processingDelayMs });
}

async function admin(sandbox: RunningSandbox, method: string, path: string, body?: unknown): Promise<void> {
  const response = await sandboxAdmin(sandbox, method, path, body);
  if (response.status >= 400) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.json)}`);
}

test('a dropped CSV with issues goes all the way to results, and the counts on screen equal the sandbox’s', async ({ page, appHost }) => {
  test.setTimeout(180_000);
  const load = new LoadPage(page);
  await load.open(appHost.url);
  const dir = await mkdtemp(join(tmpdir(), 'pl-flow-'));
  const path = join(dir, 'loyalty.csv');
  await copyFile('samples/loyalty-sample.csv', path);
  await load.dropFile(path);
  await load.waitCounted();
  const map = new MapPage(page);
  await map.openFromLoad();
  await map.check();
  const review = new ReviewPage(page);

  // Fix row 12 inline (keyboard), leave row 88 out, then leave the still-blocked rows out.
  let run = await review.run();
  await review.jumpTo(12);
  // Home is the Send column; then Problems, then the first file column (the identifier).
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  const editor = review.grid.getByRole('textbox', { name: /row 12, column thirdPartyId/ });
  await editor.fill('LOY-0100444');
  await editor.press('Enter');
  run = await review.waitRunAfter(run);
  await review.jumpTo(88);
  await review.row(88).getByRole('checkbox', { name: 'Send row 88' }).click();
  run = await review.waitRunAfter(run);
  await page.getByTestId('bulk-exclude-blocking').click();
  await review.waitRunAfter(run);
  const ready = Number(await review.card('ready').getAttribute('data-value'));
  expect(ready).toBeGreaterThan(190);
  await review.uploadButton.click();

  const upload = new UploadPage(page);
  await upload.step.and(page.locator('[data-state="ready"]')).waitFor();
  await expect(page.getByTestId('upload-ready')).toContainText(`${ready.toLocaleString('en-US')} rows`);
  await expect(page.getByTestId('connection-card')).toContainText('sandbox');
  await expectAccessibleAndCapture(page, 'upload (ready)', 'upload-ready');
  await upload.sendButton.click();
  await upload.waitJob('completed');
  await expect(upload.batches.first()).toHaveAttribute('data-state', 'complete');
  await expect(page.getByTestId('overall-progress')).toHaveAttribute('aria-valuenow', '100');
  // The in-page notification (browser mode).
  await expect(page.getByRole('region', { name: /notification/i }).getByRole('alert')).toContainText('Upload finished: ');
  await expectAccessibleAndCapture(page, 'upload (done)', 'upload-done');
  const jobId = await upload.jobId();

  await page.getByTestId('see-results').click();
  const results = new ResultsPage(page);
  await results.waitReady();
  const shown = await results.totals();
  const view = await hostCall<JobView>(page, appHost.origin, 'jobs.get', { jobId });
  const target = await sandboxTotals(view);
  expect(target.batches).toBe(view.batches.length);
  expect(shown.confirmed).toBe(target.confirmed);
  expect(shown.notFound).toBe(target.notFound);
  expect(shown.failed).toBe(target.failed);
  expect(shown.confirmed + shown.notFound + shown.failed).toBe(ready);
  expect(shown.excluded + shown.rejected + ready).toBe(shown.rows);
  expect(shown.rows).toBe(200);
  // The row fixed inline reached Target with its new id.
  const base = new URL(view.batches[0]!.statusUrl!).origin;
  const fixed = await fetchProfile(base, view.spec!.connection.clientCode, 'LOY-0100444');
  expect(fixed).not.toBeNull();
  await expect(page.getByTestId('outcome-row')).toHaveCount(view.batches.length);
  await expect(results.history.getByTestId('history-row')).toHaveCount(1);
  await expectAccessibleAndCapture(page, 'results', 'results');

  // The result CSV: one line per row of the file.
  const download = page.waitForEvent('download');
  await page.getByTestId('download-results').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^results-.*\.csv$/);
  const text = (await readFile((await file.path())!, 'utf8')).replace(/^\ufeff/, '');
  const rows = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
  expect(rows.length).toBe(200);
  expect(rows.filter((r) => r.outcome === 'confirmed' && r.Outcome === 'Updated').length).toBe(shown.confirmed);
  await expect(page.getByTestId('download-status')).toContainText('200 rows');

  // The same results in Korean.
  await chooseOption(page.getByRole('button', { name: /Language/ }), page.getByRole('option', { name: '한국어' }));
  await expect(page.getByRole('heading', { name: '결과', exact: true })).toBeVisible();
  await expect(page.getByTestId('totals')).toContainText('업데이트됨');
  await expect(page.getByTestId('download-results')).toHaveText('결과 CSV 다운로드');
  await expectAccessibleAndCapture(page, 'results (ko)', 'results-ko');

  // Rehearsed on the sandbox: the same rows can be sent again, e.g. to another connection.
  await page.getByTestId('step-upload').click();
  await page.getByTestId('send-again').click();
  await expect(upload.step).toHaveAttribute('data-state', 'ready');
  await expect(upload.sendButton).toBeEnabled();
  await rm(dir, { recursive: true, force: true });
});

test('a batch Target refuses is shown as failed, and "Retry failed rows" sends those rows again', async ({ page, appHost }) => {
  test.setTimeout(180_000);
  const sandbox = await ownSandbox();
  try {
    const load = new LoadPage(page);
    await load.open(appHost.url);
    const settings = new SettingsPage(page);
    await settings.openByKeyboard();
    await expectAccessible(page, 'settings');
    await settings.addConnection({ name: 'Acme Production', environment: 'Production', clientCode: 'acme', baseUrl: sandbox.baseUrl, token: 'not-needed-here', production: true });
    await expect(settings.connection('Acme Production').getByTestId('token-status')).toHaveAttribute('data-state', 'untested');
    await expect(settings.connection('Acme Production').getByTestId('production-badge')).toBeVisible();
    // The token is write-only: editing shows an empty field that says one is saved.
    await settings.connection('Acme Production').getByRole('button', { name: 'Edit Acme Production' }).click();
    await expect(page.getByTestId('profile-form').getByLabel('Token', { exact: true })).toHaveValue('');
    await expect(page.getByTestId('profile-form')).toContainText('A token is saved and is never shown');
    await page.getByTestId('profile-form').getByRole('button', { name: 'Cancel' }).click();
    await settings.connection('Acme Production').getByRole('button', { name: 'Test connection Acme Production' }).click();
    await expect(settings.connection('Acme Production').getByTestId('profile-test')).toHaveAttribute('data-state', 'ok');
    await expect(settings.connection('Acme Production').getByTestId('token-status')).toHaveAttribute('data-state', 'accepted');
    await expect(page.getByTestId('secret-storage')).toBeVisible();
    await page.screenshot({ path: 'e2e/artifacts/settings.png' });
    await settings.close();

    await admin(sandbox, 'PUT', '/admin/faults', { batchUpdate: { errorRate: 1, errorStatuses: [400] } });
    await prepareSample(page);
    const upload = new UploadPage(page);
    await upload.chooseConnection('Acme Production');
    await expect(page.getByTestId('connection-card')).toHaveAttribute('data-production', 'true');
    await upload.sendButton.click();
    // Production asks for the client code.
    const confirm = page.getByTestId('production-confirm');
    await expect(confirm).toBeVisible();
    await expect(page.getByTestId('production-confirm-send')).toBeDisabled();
    await page.getByRole('textbox', { name: 'Type the client code to confirm' }).fill('acm');
    await expect(page.getByTestId('production-confirm-send')).toBeDisabled();
    await expectAccessible(page, 'upload (production confirm)');
    await page.screenshot({ path: 'e2e/artifacts/upload-production-confirm.png' });
    await page.getByRole('textbox', { name: 'Type the client code to confirm' }).fill('acme');
    await page.getByTestId('production-confirm-send').click();
    await upload.waitJob('completed');
    await expect(upload.batches.first()).toHaveAttribute('data-state', 'rejected');
    const failedJob = await upload.jobId();

    await page.getByTestId('see-results').click();
    const results = new ResultsPage(page);
    await results.waitReady();
    const first = await results.totals();
    const sent = first.rows - first.excluded - first.rejected;
    expect(first.failed).toBe(sent);
    expect(first.confirmed).toBe(0);
    await fullPageShot(page, 'e2e/artifacts/results-failed.png');

    // Target accepts again; retry only the failed rows.
    await admin(sandbox, 'DELETE', '/admin/faults');
    await page.getByTestId('retry-failed').click();
    // Retrying sends to production too: the client code again.
    await page.getByRole('textbox', { name: 'Type the client code to confirm' }).fill('acme');
    await page.getByTestId('production-confirm-send').click();
    await upload.step.waitFor();
    await upload.waitJob('completed');
    const retryJob = await upload.jobId();
    expect(retryJob).not.toBe(failedJob);
    await page.getByTestId('see-results').click();
    await results.waitReady();
    const second = await results.totals();
    const view = await hostCall<JobView>(page, appHost.origin, 'jobs.get', { jobId: retryJob });
    expect(view.spec?.source.retryOf).toBe(failedJob);
    const target = await sandboxTotals(view);
    expect(second.confirmed).toBe(target.confirmed);
    expect(second.confirmed).toBe(sent);
    expect(second.failed).toBe(0);
    // The first row of the sample is now a profile at this Target, with its tier.
    expect(await fetchProfile(sandbox.baseUrl, 'acme', 'LOY-0100037')).toMatchObject({ loyaltyTier: 'Silver' });
    await expect(results.history.getByTestId('history-row')).toHaveCount(2);
    await fullPageShot(page, 'e2e/artifacts/results-retried.png');

    // The earlier job's results are one click away in the history.
    await results.history.locator(`[data-job-id="${failedJob}"]`).getByRole('button', { name: /^Show results/ }).click();
    await expect(page.getByTestId(`total-failed`)).toHaveAttribute('data-value', String(sent));
  } finally {
    await sandbox.close();
  }
});

test('an upload stopped by a host restart is offered for resume and finishes', async ({ page }) => {
  test.setTimeout(180_000);
  const sandbox = await ownSandbox(600_000);
  const homeDir = await mkdtemp(join(tmpdir(), 'pl-resume-'));
  let host = await startAppHost({ homeDir });
  try {
    const load = new LoadPage(page);
    // Target has the batch and is still working on it when the app stops.
    const upload = await sendSampleToStaging(page, host.url, sandbox);
    const jobId = await upload.jobId();
    await host.stop();

    host = await startAppHost({ homeDir });
    await load.open(host.url);
    const offer = page.getByTestId('resume-offer');
    await expect(offer).toBeVisible();
    await expect(offer).toHaveAttribute('data-job-id', jobId);
    await expectAccessible(page, 'resume offer');
    await page.screenshot({ path: 'e2e/artifacts/resume-offer.png' });
    await page.getByTestId('resume-offer-resume').click();
    await upload.progress.waitFor();
    expect(await upload.jobId()).toBe(jobId);
    const view = await hostCall<JobView>(page, host.origin, 'jobs.get', { jobId });
    const batchId = view.batches[0]!.batchId!;
    expect(batchId).toBeTruthy();
    await admin(sandbox, 'POST', `/admin/batches/${encodeURIComponent(batchId)}/finish`);
    await upload.waitJob('completed', 90_000);
    await page.getByTestId('see-results').click();
    const results = new ResultsPage(page);
    await results.waitReady();
    const shown = await results.totals();
    const done = await hostCall<JobView>(page, host.origin, 'jobs.get', { jobId });
    // Sent once: the batch Target had before the restart is the one that finished.
    expect(done.batches[0]!.batchId).toBe(batchId);
    const target = await sandboxTotals(done);
    expect(shown.confirmed).toBe(target.confirmed);
    expect(shown.confirmed).toBe(shown.rows - shown.excluded - shown.rejected);
  } finally {
    await host.stop();
    await sandbox.close();
    await rm(homeDir, { recursive: true, force: true });
  }
});

test('an upload can be paused, resumed and cancelled (on a dark screen)', async ({ page, appHost }) => {
  test.setTimeout(180_000);
  await page.emulateMedia({ colorScheme: 'dark' });
  const sandbox = await ownSandbox(600_000);
  try {
    const upload = await sendSampleToStaging(page, appHost.url, sandbox);
    await expect(page.getByTestId('overall-progress')).toHaveAttribute('aria-valuenow', '50');

    await page.getByTestId('pause-job').click();
    await upload.waitJob('paused');
    await expect(page.getByTestId('pause-reason')).toContainText('You paused this upload');
    await expectAccessibleAndCapture(page, 'upload (paused, dark)', 'upload-paused');
    await page.getByTestId('resume-job').click();
    await upload.waitJob('running');

    await page.getByTestId('cancel-job').click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel upload' }).click();
    await upload.waitJob('cancelled');
    // Target already had the batch: its rows end as "unknown", never as sent-and-done.
    await expect(upload.batches.first()).toHaveAttribute('data-state', 'unknown');
    await expect(page.getByRole('region', { name: /notification/i }).getByRole('alert')).toContainText('Upload cancelled: The upload was stopped before the end.');
    await page.getByTestId('see-results').click();
    const results = new ResultsPage(page);
    await results.waitReady();
    const shown = await results.totals();
    expect(shown.unknown).toBe(shown.rows - shown.excluded - shown.rejected);
    await expect(page.getByTestId('retry-failed')).toBeEnabled();
    await expectAccessibleAndCapture(page, 'results (dark)', 'results-dark');
  } finally {
    await sandbox.close();
  }
});

test('Settings in Korean on a dark screen: edit and delete a connection, language and theme', async ({ page, appHost }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  const load = new LoadPage(page);
  await load.open(appHost.url);
  const settings = new SettingsPage(page);
  await settings.openByKeyboard();
  const inFiveDays = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
  await settings.addConnection({ name: 'Old name', environment: 'QA', clientCode: 'qa1', baseUrl: 'https://qa1.tt.omtrdc.net', token: 'secret-token-1', tokenExpiresAt: inFiveDays });
  // A pasted token that expires within 14 days is called out.
  await expect(settings.connection('Old name').getByTestId('token-expiry')).toHaveText('Token expires in 5 days: paste a new token from Target before then');
  await expect(settings.connection('Old name').getByTestId('token-expiry')).toHaveAttribute('data-soon', 'true');
  // An empty form says what each field needs, under the field; nothing is sent.
  await page.getByTestId('add-connection').click();
  const form = page.getByTestId('profile-form');
  await page.getByTestId('profile-save').click();
  await expect(form).toContainText('Enter a name for this connection.');
  await expect(form).toContainText('Enter the client code');
  await expect(form).toContainText('Enter the address');
  await expect(form).toContainText('Choose whether this connection is production.');
  await expect(form).not.toContainText('should not have');
  // A bare host name gets https://.
  const address = form.getByRole('textbox', { name: /^Address/ });
  await address.fill('ins.tt.omtrdc.net');
  await address.blur();
  await expect(address).toHaveValue('https://ins.tt.omtrdc.net');
  // A plain http:// address is refused for anything but this computer, in plain words, under the address.
  await form.getByRole('textbox', { name: /^Name/ }).fill('Insecure');
  await form.getByRole('textbox', { name: /^Client code/ }).fill('ins');
  await address.fill('http://example.com');
  await form.getByTestId('production-choice').getByRole('radio', { name: /^No:/ }).check();
  await page.getByTestId('profile-save').click();
  await expect(form).toContainText('The address must start with https://');
  await form.getByRole('button', { name: 'Cancel' }).click();

  await settings.connection('Old name').getByRole('button', { name: 'Edit Old name' }).click();
  await form.getByRole('textbox', { name: /^Name/ }).fill('QA Target');
  await page.getByTestId('profile-save').click();
  await expect(settings.connection('QA Target')).toBeVisible();
  await expect(settings.connection('QA Target').getByTestId('token-status')).toHaveText('Token saved, not tested yet');
  await settings.connection('QA Target').getByRole('button', { name: 'Delete QA Target' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
  await expect(settings.connection('QA Target')).toHaveCount(0);

  await page.getByRole('tab', { name: 'Language and look' }).click();
  await expect(page.getByTestId('theme-now')).toHaveAttribute('data-scheme', 'dark');
  await chooseOption(page.getByTestId('settings-language'), page.getByRole('option', { name: '한국어' }));
  await expect(settings.dialog.getByRole('heading', { name: '설정' })).toBeVisible();
  await expect(page.getByTestId('theme-now')).toHaveText('현재: 어둡게');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await expectAccessible(page, 'settings (ko, dark)');
  await page.screenshot({ path: 'e2e/artifacts/settings-ko-dark.png' });
  await page.getByRole('tab', { name: '연결' }).click();
  await expect(page.getByTestId('add-connection')).toHaveText('연결 추가');
});
