// Acceptance for a real Target account (issue 10), over real HTTPS against the sandbox: a certificate made
// for the test and trusted only through the connection's CA file, Adobe sign-in, tokens that expire or are
// replaced mid-job, http:// status URLs, the older status form, and statuses that age out.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../sandbox/index.js';
import { admin } from '../../sandbox/testing/http.js';
import type { JobEvent } from '../../shared/jobs/job-events.js';
import { jobSummary } from '../../shared/jobs/job-summary.js';
import { runCli } from '../cli/main.js';
import { describeError } from '../messages/error-words.js';
import { createUploadServices, type UploadServices } from '../services/upload-services.js';
import { SANDBOX_FAST, tempHome, writePrepared } from './testing/fixtures.js';
import { issuedCredentials, memoryKeychain, oauthConnection, startSignInSandbox, TEST_OAUTH, whereSecretsAre, type SignInSandbox } from './testing/sign-in-sandbox.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function appOver(settings: Record<string, unknown> = {}): Promise<{ home: string; services: UploadServices; log: string[] }> {
  const home = await tempHome(settings);
  const log: string[] = [];
  const services = await createUploadServices({ homeDir: home, keychain: memoryKeychain(), log: (l) => log.push(l) });
  cleanups.push(async () => {
    await services.close();
    await rm(home, { recursive: true, force: true });
  });
  return { home, services, log };
}

async function signInSandbox(options: Parameters<typeof startSignInSandbox>[0] = {}): Promise<SignInSandbox> {
  const s = await startSignInSandbox(options);
  cleanups.push(() => s.sandbox.close());
  return s;
}

async function stats(s: SignInSandbox): Promise<Record<string, number>> {
  return (await admin(s.sandbox, 'GET', '/admin/stats')).json as Record<string, number>;
}

describe('Adobe sign-in over HTTPS', () => {
  it('mints, uploads 20,000 rows with http:// status URLs, and no token ever crosses plain http', async () => {
    const s = await signInSandbox({ settings: { statusUrlScheme: 'http', chunkRows: 2500 } });
    const { home, services, log } = await appOver({ jobDefaults: { concurrency: 2, pollInitialMs: 20, pollMaxMs: 200 } });
    expect(services.secrets.kind).toBe('os-keychain');
    const p = await services.connections.save(oauthConnection(s));
    expect(p).toMatchObject({ auth: { kind: 'adobe-oauth', clientId: TEST_OAUTH.clientId }, hasClientSecret: true, hasToken: false, caFile: s.cert.certFile });

    const test = await services.connections.test(p.id);
    expect(test.checks.map((c) => [c.check, c.ok])).toEqual([
      ['reachable', true],
      ['sign-in', true],
      ['token', true],
      ['client-code', true],
    ]);
    expect(test.ok).toBe(true);
    expect(Date.parse(test.tokenExpiresAt ?? '')).toBeGreaterThan(Date.now() + 29 * 86_400_000);

    const prepared = join(home, 'in');
    const rows = await writePrepared(prepared, { batches: 4, rowsPerBatch: 5_000 });
    expect(rows).toBe(20_000);
    const spec = await services.jobs.create({ preparedDir: prepared, profileId: p.id });
    const view = await services.jobs.run(spec.jobId);
    expect(view.pause).toBeNull();
    expect(jobSummary(view)).toMatchObject({ state: 'completed', confirmed: 20_000, failed: 0, unknown: 0 });
    // Target handed out http:// status URLs; the engine called them as https:// on the same host.
    expect(view.batches.every((b) => b.statusUrl?.startsWith(`${s.sandbox.baseUrl}/m2/acme/profile/batchStatus?batchId=`))).toBe(true);

    const after = await stats(s);
    expect(after.plainHttpTokenRequests).toBe(0);
    // Not a single call of the app went over plain http: the only one is this test's own stats request.
    expect(after.plainHttpRequests).toBe(1);
    expect(after.imsTokensIssued).toBeGreaterThanOrEqual(1);
    expect(after.profileTokensMinted).toBe(1);
    expect(after.httpsRequests).toBeGreaterThan(8);

    // Neither the client secret nor any token the sandbox issued is in a file of the state folder or the log.
    const needles = await issuedCredentials(s.sandbox);
    expect(needles.length).toBeGreaterThanOrEqual(3);
    expect(await whereSecretsAre(needles, { log: log.join('\n'), list: JSON.stringify(await services.connections.list()), test: JSON.stringify(test) }, home)).toEqual([]);
  }, 90_000);

  it('names the certificate problem when the CA file is missing, and trusts the certificate once it is named', async () => {
    const s = await signInSandbox();
    const { services } = await appOver();
    const p = await services.connections.save(oauthConnection(s, { caFile: null }));
    const untrusted = await services.connections.test(p.id);
    expect(untrusted.ok).toBe(false);
    expect(untrusted.checks[0]).toMatchObject({ check: 'reachable', ok: false, code: 'check-certificate', params: { variant: 'self-signed', errno: 'DEPTH_ZERO_SELF_SIGNED_CERT' } });
    expect(describeError(untrusted.checks[0]!)).toContain('is self-signed and not trusted on this computer (DEPTH_ZERO_SELF_SIGNED_CERT)');
    // Sign-in goes to the same untrusted host: it says so in its own check.
    expect(untrusted.checks.find((c) => c.check === 'sign-in')).toMatchObject({ ok: false, code: 'sign-in-unreachable', params: { variant: 'ims', detail: 'DEPTH_ZERO_SELF_SIGNED_CERT' } });
    await expect(services.connections.save({ ...oauthConnection(s), id: p.id, caFile: join(s.cert.certFile, 'missing.pem') })).rejects.toMatchObject({ code: 'ca-file-unreadable' });
    await expect(services.connections.save({ ...oauthConnection(s), id: p.id, caFile: s.cert.keyFile })).rejects.toMatchObject({ code: 'ca-file-not-pem' });
    await services.connections.save({ ...oauthConnection(s), id: p.id });
    expect((await services.connections.test(p.id)).ok).toBe(true);
  }, 60_000);

  it('a wrong secret fails the sign-in check with IMS’s own words, and pauses an upload for its token the same way', async () => {
    const s = await signInSandbox();
    const { home, services, log } = await appOver();
    const wrong = 'not-the-secret-9d2e';
    const p = await services.connections.save(oauthConnection(s, { clientSecret: wrong }));
    const r = await services.connections.test(p.id);
    expect(r.ok).toBe(false);
    const signIn = r.checks.find((c) => c.check === 'sign-in');
    expect(signIn).toEqual({ check: 'sign-in', ok: false, code: 'sign-in-refused', params: { variant: 'ims', status: 400, said: 'invalid_client: invalid client_secret parameter' } });
    expect(describeError(signIn!)).toBe('Adobe IMS refused the sign-in: invalid_client: invalid client_secret parameter');
    expect(r.tokenExpiresAt).toBeNull();
    const prepared = join(home, 'in');
    await writePrepared(prepared, { batches: 1, rowsPerBatch: 10 });
    const spec = await services.jobs.create({ preparedDir: prepared, profileId: p.id });
    const view = await services.jobs.run(spec.jobId);
    expect(view.pause).toMatchObject({ reason: 'auth', error: { code: 'sign-in-refused', params: { said: expect.stringContaining('invalid_client') }, httpStatus: 400 } });
    expect(jobSummary(view)).toMatchObject({ sent: 0 });
    expect(await whereSecretsAre([wrong], { log: log.join('\n'), test: JSON.stringify(r) }, home)).toEqual([]);
  }, 60_000);
});

describe('token lifecycle in the middle of a job', () => {
  it('re-mints before the token expires when it lives shorter than the job, and completes without pausing', async () => {
    const s = await signInSandbox({ processingDelayMs: 7_000, settings: { tokenTtlSeconds: 3 } });
    const { home, services } = await appOver({ jobDefaults: { concurrency: 1, pollInitialMs: 50, pollMaxMs: 100 } });
    const p = await services.connections.save(oauthConnection(s));
    const prepared = join(home, 'in');
    const rows = await writePrepared(prepared, { batches: 2, rowsPerBatch: 200 });
    const spec = await services.jobs.create({ preparedDir: prepared, profileId: p.id });
    const events: JobEvent[] = [];
    const started = Date.now();
    const view = await services.jobs.run(spec.jobId, { onEvent: (e) => events.push(e) });
    // The job outlives several tokens (a precondition, not a speed check).
    expect(Date.now() - started).toBeGreaterThan(7_000);
    expect(events.filter((e) => e.type === 'job.paused')).toEqual([]);
    expect(jobSummary(view)).toMatchObject({ state: 'completed', confirmed: rows });
    expect((await stats(s)).profileTokensMinted).toBeGreaterThanOrEqual(3);
  }, 60_000);

  it('a token replaced by someone else is re-minted once and the job goes on; when the new one is refused too, the job pauses as before', async () => {
    const s = await signInSandbox({ processingDelayMs: 150 });
    const { home, services } = await appOver({ jobDefaults: { concurrency: 1, pollInitialMs: 20, pollMaxMs: 50 } });
    const p = await services.connections.save(oauthConnection(s));
    const prepared = join(home, 'in');
    const rows = await writePrepared(prepared, { batches: 4, rowsPerBatch: 20 });
    const colleagueMints = async () => {
      const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: TEST_OAUTH.clientId, client_secret: TEST_OAUTH.clientSecret, scope: 'x' });
      const ims = (await (await fetch(`${s.sandbox.baseUrl}/ims/token/v3`, { method: 'POST', body: form })).json()) as { access_token: string };
      await fetch(`${s.sandbox.baseUrl}/${TEST_OAUTH.tenantId}/target/authentication/token?scope=profile_api`, { method: 'POST', headers: { authorization: `Bearer ${ims.access_token}`, 'x-api-key': TEST_OAUTH.clientId } });
    };
    let colleague: Promise<void> | undefined;
    const spec = await services.jobs.create({ preparedDir: prepared, profileId: p.id });
    const view = await services.jobs.run(spec.jobId, { onEvent: (e) => void (e.type === 'batch.submitted' && e.index === 2 && (colleague ??= colleagueMints())) });
    await colleague;
    expect(view.pause).toBeNull();
    expect(jobSummary(view)).toMatchObject({ state: 'completed', confirmed: rows });
    expect((await stats(s)).profileTokensMinted).toBe(3);

    // Every token minted from now on is dead on arrival: one renewal, then the job pauses for its token.
    await admin(s.sandbox, 'PATCH', '/admin/settings', { tokenTtlSeconds: 0 });
    await colleagueMints();
    const again = join(home, 'again');
    await writePrepared(again, { batches: 1, rowsPerBatch: 5, keyPrefix: 'B' });
    const second = await services.jobs.create({ preparedDir: again, profileId: p.id });
    const paused = await services.jobs.run(second.jobId);
    expect(paused.pause).toMatchObject({ reason: 'auth', error: { code: 'auth-failed' } });
    expect((await services.connections.find(p.id)).lastTest).toMatchObject({ token: 'refused' });
  }, 60_000);
});

describe('status variants of §12.3', () => {
  it('statusVariant=legacy: /v2/ status URLs with m2Node=00, pending rows and no consumedCount; every row confirmed, none unknown', async () => {
    const sandbox = await startSandbox({ processingDelayMs: 300, settings: { ...SANDBOX_FAST, statusVariant: 'legacy', chunkRows: 50 } });
    cleanups.push(() => sandbox.close());
    const { home, services } = await appOver({ jobDefaults: { pollInitialMs: 20, pollMaxMs: 60 } });
    const p = await services.connections.save({ name: 'Legacy', environment: '', color: '', clientCode: 'acme', apiVersion: 'v2', baseUrl: sandbox.baseUrl });
    const prepared = join(home, 'in');
    const rows = await writePrepared(prepared, { batches: 3, rowsPerBatch: 400 });
    const spec = await services.jobs.create({ preparedDir: prepared, profileId: p.id });
    const events: JobEvent[] = [];
    const view = await services.jobs.run(spec.jobId, { onEvent: (e) => events.push(e) });
    expect(view.batches.every((b) => /\/m2\/acme\/v2\/profile\/batchStatus\?batchId=[^&]+&m2Node=00$/.test(b.statusUrl ?? ''))).toBe(true);
    // Polls saw the batch incomplete with rows pending, and kept going.
    expect(events.some((e) => e.type === 'batch.status' && e.status === 'incomplete')).toBe(true);
    expect(jobSummary(view)).toMatchObject({ state: 'completed', confirmed: rows, failed: 0, unknown: 0 });
    expect(view.batches.every((b) => b.counters?.consumedCount === 400)).toBe(true);
  }, 60_000);

  it('statusRetention.maxBatches=1 with a slow poll: the aged-out batch’s rows become unknown with the reason, and jobs shows it', async () => {
    const sandbox = await startSandbox({ processingDelayMs: 1_500, settings: { ...SANDBOX_FAST, statusRetention: { maxBatches: 1 } } });
    cleanups.push(() => sandbox.close());
    const { home, services } = await appOver({ jobDefaults: { concurrency: 1, pollInitialMs: 300, pollMaxMs: 600 } });
    const p = await services.connections.save({ name: 'Retention', environment: '', color: '', clientCode: 'acme', apiVersion: 'v2', baseUrl: sandbox.baseUrl });
    const first = join(home, 'first');
    await writePrepared(first, { batches: 1, rowsPerBatch: 30, keyPrefix: 'A' });
    const a = await services.jobs.create({ preparedDir: first, profileId: p.id });
    // Job A's batch answers "incomplete" at least once, then another upload to the same client pushes it out.
    let answered!: () => void;
    const seen = new Promise<void>((r) => (answered = r));
    const running = services.jobs.run(a.jobId, { onEvent: (e) => e.type === 'batch.status' && answered() });
    await seen;
    const second = join(home, 'second');
    await writePrepared(second, { batches: 1, rowsPerBatch: 10, keyPrefix: 'B' });
    const b = await services.jobs.create({ preparedDir: second, profileId: p.id });
    const started = Date.now();
    const [viewA, viewB] = await Promise.all([running, services.jobs.run(b.jobId)]);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(jobSummary(viewB)).toMatchObject({ state: 'completed', confirmed: 10 });
    expect(jobSummary(viewA)).toMatchObject({ state: 'completed', unknown: 30, confirmed: 0 });
    const alert = viewA.alerts.find((x) => x.code === 'status-aged-out');
    expect(alert).toMatchObject({ code: 'status-aged-out', params: { variant: 'answered-before', batch: 1, said: 'Batch not found' } });
    expect(await services.jobs.listItem(a.jobId)).toMatchObject({ state: 'completed', unknown: 30 });
    // `jobs show` gives the reason.
    let shown = '';
    const io = { stdout: (t: string) => (shown += t), stderr: (t: string) => (shown += t), stdin: Readable.from([]), env: { PROFILE_LOADER_HOME: home } };
    expect(await runCli(['jobs', 'show', a.jobId], io)).toBe(0);
    expect(shown).toContain('unknown 30');
    expect(shown).toContain('warning: Target no longer keeps the status of batch 1: it answered before and now says "Batch not found"');
  }, 60_000);

  it('a batch that never answered and says Batch not found is given up after the grace period, not 24 hours later', async () => {
    const sandbox = await startSandbox({ settings: { ...SANDBOX_FAST, statusRetention: { maxAgeMs: 0 } } });
    cleanups.push(() => sandbox.close());
    const { home, services } = await appOver({ jobDefaults: { pollInitialMs: 20, pollMaxMs: 50, statusNotFoundGraceMs: 800 } });
    const p = await services.connections.save({ name: 'Gone', environment: '', color: '', clientCode: 'acme', apiVersion: 'v2', baseUrl: sandbox.baseUrl });
    const prepared = join(home, 'in');
    await writePrepared(prepared, { batches: 2, rowsPerBatch: 5 });
    const spec = await services.jobs.create({ preparedDir: prepared, profileId: p.id });
    const view = await services.jobs.run(spec.jobId);
    expect(jobSummary(view)).toMatchObject({ state: 'completed', unknown: 10 });
    expect(view.alerts.filter((x) => x.code === 'status-aged-out').map((x) => x.params)).toEqual([
      { variant: 'never-answered', batch: expect.any(Number), said: 'Batch not found', minutes: 1 },
      { variant: 'never-answered', batch: expect.any(Number), said: 'Batch not found', minutes: expect.any(Number) },
    ]);
    expect(view.alerts.map((x) => describeError(x))).toContainEqual(expect.stringMatching(/^Target says it does not know batch \d \("Batch not found"\) 1 minute after accepting it/));
  }, 60_000);
});
