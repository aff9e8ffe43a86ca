import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import Papa from 'papaparse';
import type { VerifyView } from '../shared/contract/index.js';
import type { JobView } from '../shared/jobs/job-reducer.js';
import { startSandbox } from '../sandbox/index.js';
import type { RunningSandbox } from '../sandbox/index.js';
import { admin as sandboxAdmin, type AdminTarget } from '../sandbox/testing/http.js';
import { expect, test } from './testing/fixtures.js';
import { startAppHost, type AppHost } from './testing/app-host.js';
import { expectAccessible, expectAccessibleAndCapture } from './testing/accessibility.js';
import { tabTo } from './testing/keyboard.js';
import { prepareSample } from './testing/sample.js';
import { fetchProfile, hostCall } from './testing/target-check.js';
import { LoadPage } from './pages/load-page.js';
import { ResultsPage } from './pages/results-page.js';
import { SettingsPage } from './pages/settings-page.js';
import { UploadPage } from './pages/upload-page.js';
import { LookupDialog, VerifyCard } from './pages/verify-card.js';
import { chooseOption } from './testing/choose-option.js';

/** The built-in Local sandbox's client code. */
const CLIENT = 'sandbox';

async function admin(sandbox: AdminTarget, method: string, path: string, body?: unknown): Promise<void> {
  const response = await sandboxAdmin(sandbox, method, path, body);
  if (response.status >= 400) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.json)}`);
}

/**
 * Gives the built-in Local sandbox of a state folder per-client settings before the app starts it: a
 * sandbox over the same data folder stores them (they persist) and closes again.
 */
async function seedBuiltInSandbox(homeDir: string, settings: unknown): Promise<void> {
  const sandbox = await startSandbox({ dataDir: join(homeDir, 'sandbox'), port: 0 });
  try {
    await admin(sandbox, 'PUT', `/admin/clients/${CLIENT}/settings`, settings);
  } finally {
    await sandbox.close();
  }
}

/** The built-in sandbox the app started, as admin calls reach it: where a job's batches went, and the key it wrote in its data folder. */
async function builtInSandbox(page: Page, host: AppHost, jobId: string): Promise<AdminTarget> {
  const view = await hostCall<JobView>(page, host.origin, 'jobs.get', { jobId });
  const baseUrl = new URL(view.batches[0]!.statusUrl!).origin;
  return { baseUrl, adminKey: (await readFile(join(host.homeDir, 'sandbox', 'admin-key'), 'utf8')).trim() };
}

/** Downloads the shown job's result CSV and parses it (header row → records). */
async function downloadResultCsv(page: Page): Promise<Record<string, string>[]> {
  const download = page.waitForEvent('download');
  await page.getByTestId('download-results').click();
  const text = (await readFile((await (await download).path())!, 'utf8')).replace(/^\ufeff/, '');
  return Papa.parse<Record<string, string>>(text.trim(), { header: true }).data;
}

/**
 * Starts a host over a new state folder whose settings.json is `settings`, after `prepare` ran on the
 * folder; `stop` stops the host and removes the folder.
 */
async function hostWithSettings(settings: unknown, prepare?: (homeDir: string) => Promise<void>): Promise<{ readonly host: AppHost; readonly stop: () => Promise<void> }> {
  const homeDir = await mkdtemp(join(tmpdir(), 'pl-verify-'));
  await writeFile(join(homeDir, 'settings.json'), JSON.stringify(settings));
  await prepare?.(homeDir);
  const host = await startAppHost({ homeDir });
  return {
    host,
    stop: async () => {
      await host.stop();
      await rm(homeDir, { recursive: true, force: true });
    },
  };
}

/** Sends the prepared sample to the connection picked on the Upload step, waits for the end, and opens Results; resolves with the job id. */
async function sendAndShowResults(page: Page): Promise<string> {
  const upload = new UploadPage(page);
  await upload.sendButton.click();
  await upload.waitJob('completed');
  const jobId = await upload.jobId();
  await page.getByTestId('see-results').click();
  await new ResultsPage(page).waitReady();
  return jobId;
}

test('an upload that loses rows: the card finds exactly those, lists them, and "Re-send missing rows" makes Target whole', async ({ page }) => {
  test.setTimeout(300_000);
  // A short wait for rows not visible yet; Target loses a fifth of the rows it reports as updated
  // (Adobe allows 0.1%; here it is plain to see).
  const { host, stop } = await hostWithSettings({ verify: { waitMinutes: 0.05 } }, (homeDir) => seedBuiltInSandbox(homeDir, { faults: { dropRowRate: 0.2, seed: 7 } }));
  try {
    await new LoadPage(page).open(host.url);
    await prepareSample(page);
    await expect(page.getByTestId('connection-card')).toContainText(CLIENT);
    const jobId = await sendAndShowResults(page);
    const results = new ResultsPage(page);
    const totals = await results.totals();
    await expect(page.getByTestId('complete-caveat')).toContainText('“Complete” means Target accepted the batch');
    await expect(page.getByTestId('complete-caveat')).toContainText('14 days without activity');

    // Verification starts by itself once the upload completes, and ends with the rows Target lost.
    const card = new VerifyCard(page);
    await card.waitState(jobId, 'finished');
    const shown = await card.counts();
    expect(shown.checked).toBe(totals.confirmed);
    expect(shown.differs).toBe(0);
    expect(shown.verified + shown.missing).toBe(shown.checked);
    const n = (value: number) => value.toLocaleString('en-US');
    await expect(card.summary).toHaveText(`Verified ${n(shown.verified)} of ${n(shown.checked)} checked rows · ${n(shown.missing)} missing · 0 differ`);
    const verified = await hostCall<VerifyView>(page, host.origin, 'verify.get', { jobId });
    expect({ checked: verified.checked, verified: verified.verified, missing: verified.missing, differs: verified.differs }).toEqual(shown);

    // Exactly the rows the sandbox has no profile for are missing: none more, none fewer.
    const sandbox = await builtInSandbox(page, host, jobId);
    const csv = await downloadResultCsv(page);
    expect(Object.keys(csv[0]!)).toEqual(expect.arrayContaining(['verified', 'verify_detail']));
    const confirmedKeys = csv.filter((r) => r.outcome === 'confirmed').map((r) => r.key!);
    expect(confirmedKeys.length).toBe(totals.confirmed);
    const lost: string[] = [];
    for (const key of confirmedKeys) if ((await fetchProfile(sandbox.baseUrl, CLIENT, key)) === null) lost.push(key);
    expect(lost.length).toBeGreaterThan(0);
    expect(shown.missing).toBe(lost.length);
    // …and they are the very rows the sandbox says it dropped.
    const dropped = (await sandboxAdmin(sandbox, 'GET', `/admin/clients/${CLIENT}/dropped-rows`)).json.rows as { id: string }[];
    expect(dropped.map((r) => r.id).sort()).toEqual([...lost].sort());
    expect(csv.filter((r) => r.verified === 'missing').map((r) => r.key).sort()).toEqual([...lost].sort());
    expect(csv.filter((r) => r.verified === 'verified').length).toBe(shown.verified);
    expect(csv.filter((r) => r.outcome !== 'confirmed' && r.verified !== '')).toEqual([]);

    // The rows that did not verify, with their input row and id.
    await expect(card.problems).toHaveAttribute('data-state', 'ready');
    await expect(card.problems).toHaveAttribute('data-total', String(lost.length));
    await expect(card.problemRows).toHaveCount(Math.min(50, lost.length));
    const listed = await card.problemRows.evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-outcome'), r.querySelector('th')?.textContent ?? '']));
    for (const [outcome, key] of listed) {
      expect(outcome).toBe('missing');
      expect(lost).toContain(key);
    }
    await expect(card.problemRows.first()).toContainText('Missing: Target has no profile for this id');
    const firstRow = Number(await card.problemRows.first().getAttribute('data-row'));
    expect(csv.find((r) => Number(r.row) === firstRow)?.verified).toBe('missing');

    // Keyboard only: open "Why can a row be missing?".
    const why = card.card.getByRole('button', { name: 'Why can a row be missing?' });
    await tabTo(page, why);
    await page.keyboard.press('Enter');
    await expect(why).toHaveAttribute('aria-expanded', 'true');
    await expect(card.card.getByTestId('verify-why')).toContainText('up to 0.1%');
    await expect(card.card.getByTestId('verify-why')).toContainText('mbox3rdPartyId');
    await expectAccessibleAndCapture(page, 'results (verification, rows missing)', 'results-verify-missing');

    // Look up one profile: one that landed, then one Target lost (its 404 in plain words).
    const landed = confirmedKeys.find((key) => !lost.includes(key))!;
    const lookupOpen = page.getByTestId('lookup-open');
    await tabTo(page, lookupOpen);
    await page.keyboard.press('Enter');
    const lookup = new LookupDialog(page);
    await expect(lookup.dialog).toBeVisible();
    await expect(lookup.dialog.getByTestId('lookup-connection')).toContainText(`(${CLIENT})`);
    // Focus starts in the id field; the kind of id follows the job (customer id), and Enter looks up.
    await expect(lookup.dialog.getByRole('textbox', { name: /^Id/ })).toBeFocused();
    await expect(lookup.dialog.getByRole('radio', { name: /^Customer id/ })).toBeChecked();
    await page.keyboard.type(landed);
    await page.keyboard.press('Enter');
    const answer = lookup.dialog.getByTestId('lookup-result');
    await expect(answer).toHaveAttribute('data-state', 'found');
    await expect(answer).toContainText(`“${landed}”`);
    await expect(lookup.dialog.getByTestId('lookup-last-sent')).toContainText(jobId);
    const attributes = lookup.dialog.getByTestId('lookup-attribute');
    expect(await attributes.count()).toBeGreaterThan(0);
    await expect(lookup.dialog.locator('[data-testid="lookup-attribute"][data-differs="true"]')).toHaveCount(0);
    await expectAccessible(page, 'lookup (found)');
    await lookup.lookUp(lost[0]!, /^Customer id/);
    await expect(answer).toHaveAttribute('data-state', 'not-found');
    await expect(lookup.dialog.getByTestId('lookup-not-found')).toContainText(`Target has no profile for Customer id (mbox3rdPartyId) “${lost[0]}” (Target answered 404: not found)`);
    // What was sent is still shown, each value marked as not in Target.
    await expect(lookup.dialog.locator('[data-testid="lookup-attribute"][data-differs="true"]').first()).toContainText('Not in Target');
    await expectAccessibleAndCapture(page, 'lookup (not found)', 'results-lookup');
    await page.keyboard.press('Escape');
    await expect(lookup.dialog).toHaveCount(0);
    await expect(lookupOpen).toBeFocused();

    // The same card in Korean.
    await chooseOption(page.getByRole('button', { name: /Language/ }), page.getByRole('option', { name: '한국어' }));
    await expect(card.card.getByRole('heading', { name: '값이 제대로 들어갔나요?' })).toBeVisible();
    await expect(card.summary).toHaveText(`확인한 ${n(shown.checked)}행 중 ${n(shown.verified)}행 일치 · 누락 ${n(shown.missing)}행 · 값 다름 0행`);
    await expect(card.resend).toHaveText('누락된 행 다시 보내기');
    await expect(page.getByTestId('complete-caveat')).toContainText('14일 동안 활동이 없는');
    await expectAccessibleAndCapture(page, 'results (verification, ko)', 'results-verify-ko');
    await chooseOption(page.getByRole('button', { name: /언어/ }), page.getByRole('option', { name: 'English' }));

    // Target keeps rows again; re-send the lost ones, by keyboard. A sandbox connection asks no confirmation.
    await admin(sandbox, 'DELETE', `/admin/clients/${CLIENT}/settings`);
    await tabTo(page, card.resend);
    await page.keyboard.press('Enter');
    const upload = new UploadPage(page);
    await upload.step.waitFor();
    await upload.waitJob('completed');
    const resendJob = await upload.jobId();
    expect(resendJob).not.toBe(jobId);
    const resent = await hostCall<JobView>(page, host.origin, 'jobs.get', { jobId: resendJob });
    expect(resent.spec?.source.retryOf).toBe(jobId);
    expect(resent.spec?.batches.reduce((sum, b) => sum + b.rows, 0)).toBe(lost.length);
    await page.getByTestId('see-results').click();
    await results.waitReady();
    await card.waitState(resendJob, 'finished');
    expect(await card.counts()).toEqual({ checked: lost.length, verified: lost.length, missing: 0, differs: 0 });
    await expect(card.card.getByTestId('verify-all-good')).toHaveText('Every value you sent is in Target.');
    await expect(card.resend).toHaveCount(0);
    await expect(card.problems).toHaveCount(0);
    for (const key of lost) expect(await fetchProfile(sandbox.baseUrl, CLIENT, key), key).not.toBeNull();
    await expectAccessibleAndCapture(page, 'results (re-sent, verified)', 'results-verify-clean');
  } finally {
    await stop();
  }
});

test('rows not visible yet: a sample waits, "Stop waiting" ends it, and a connection that does not check offers "Verify now"', async ({ page }) => {
  test.setTimeout(240_000);
  let sandbox: RunningSandbox | undefined;
  // Reading back without a politeness limit (the sandbox is on this computer), a wait of 10 minutes, and
  // a sample of 40 rows for any job of more than 50.
  const { host, stop } = await hostWithSettings({ verify: { requestsPerSecond: 0, waitMinutes: 10, rowLimit: 50, samplePerBatch: 40 } });
  try {
    // A Target where new data takes 10 minutes to show.
    sandbox = await startSandbox({ port: 0, settings: { faults: { visibilityLagMs: 600_000 } } });
    await new LoadPage(page).open(host.url);
    const settings = new SettingsPage(page);
    await settings.openByKeyboard();
    await settings.addConnection({ name: 'Lagging', environment: 'QA', clientCode: 'acme', baseUrl: sandbox.baseUrl, verifyAfterUpload: false });
    await settings.close();
    await prepareSample(page);
    const upload = new UploadPage(page);
    await upload.chooseConnection('Lagging');
    const jobId = await sendAndShowResults(page);
    const totals = await new ResultsPage(page).totals();

    // This connection does not check by itself: the card offers it.
    const card = new VerifyCard(page);
    await card.waitState(jobId, 'never');
    await expect(card.summary).toHaveText('This upload has not been checked yet.');
    await tabTo(page, card.card.getByRole('button', { name: 'Verify now' }));
    await page.keyboard.press('Enter');

    // Every sampled row is read once, none is visible yet: it waits, and says until when.
    await card.waitState(jobId, 'waiting');
    const waiting = await hostCall<VerifyView>(page, host.origin, 'verify.get', { jobId });
    expect(waiting).toMatchObject({ sample: true, planned: 40, eligible: totals.confirmed, waitingVisible: 40 });
    const until = new Date(waiting.deadlineAt!).toLocaleTimeString('en-US', { timeStyle: 'short' });
    await expect(card.summary).toHaveText(`40 rows are not visible in Target yet — checking again until ${until}.`);
    await expect(card.card.getByTestId('verify-sample')).toHaveText(
      `This is a sample: 40 of ${totals.confirmed.toLocaleString('en-US')} confirmed rows, chosen at random. Checking again reads the same rows.`,
    );
    await expectAccessibleAndCapture(page, 'results (verification waiting)', 'results-verify-waiting');
    const stop = card.card.getByRole('button', { name: 'Stop waiting' });
    await tabTo(page, stop);
    await page.keyboard.press('Enter');

    // Stopped: the rows are "not visible yet", not missing, and nothing is offered for re-sending. The
    // button went with the wait; the keyboard focus is on the new status, not lost.
    await card.waitState(jobId, 'finished');
    await expect(card.card.getByTestId('verify-status')).toBeFocused();
    await expect(card.summary).toHaveText('Verified 0 of 40 checked rows · 0 missing · 0 differ · 40 not visible yet');
    await expect(card.problems).toHaveAttribute('data-total', '40');
    // Rows not visible yet did not fail to land: the sample says nothing was lost, and how much could have been.
    const stopped = await hostCall<VerifyView>(page, host.origin, 'verify.get', { jobId });
    const high = new Intl.NumberFormat('en-US', { style: 'percent', maximumSignificantDigits: 2 }).format(stopped.notLandedEstimate!.high);
    await expect(card.card.getByTestId('verify-estimate')).toHaveText(
      `No row of the sample failed; for the whole upload, at most about ${high} of rows may not have landed (95% confidence).`,
    );
    await expect(card.problemRows.first()).toHaveAttribute('data-outcome', 'not-yet-visible');
    await expect(card.problemRows.first()).toContainText('Not visible yet: the wait was stopped');
    await expect(card.resend).toHaveCount(0);

    // "Check again" reads the same rows once more (the same seed).
    await card.card.getByRole('button', { name: 'Check again' }).click();
    await card.waitState(jobId, 'waiting');
    expect(await hostCall<VerifyView>(page, host.origin, 'verify.get', { jobId })).toMatchObject({ run: 2, seed: waiting.seed, planned: 40 });
    await card.card.getByRole('button', { name: 'Stop waiting' }).click();
    await card.waitState(jobId, 'finished');
  } finally {
    await stop();
    await sandbox?.close();
  }
});
