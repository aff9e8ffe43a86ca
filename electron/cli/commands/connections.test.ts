// `connections` with Adobe sign-in, end to end through the command line against an HTTPS sandbox: the
// contract flags, `test --json`'s shape and exit code, an upload, and no credential in any output.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../../sandbox/index.js';
import { admin } from '../../../sandbox/testing/http.js';
import { issuedCredentials, startSignInSandbox, TEST_OAUTH, whereSecretsAre, type SignInSandbox } from '../../upload/testing/sign-in-sandbox.js';
import { runCli } from '../main.js';

let s: SignInSandbox;
let home: string;
const outputs: Record<string, string> = {};

async function cli(args: readonly string[], stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    stdin: Readable.from(stdin === '' ? [] : [Buffer.from(`${stdin}\n`)]),
    env: { PROFILE_LOADER_HOME: home, npm_lifecycle_event: '' },
  });
  outputs[`${args.join(' ')} #${Object.keys(outputs).length}`] = `${stdout}\n${stderr}`;
  return { code, stdout, stderr };
}

beforeAll(async () => {
  s = await startSignInSandbox({ settings: { statusUrlScheme: 'http', knownClients: 'acme' } });
  home = await mkdtemp(join(tmpdir(), 'pl-cli-oauth-'));
  await writeFile(join(home, 'settings.json'), JSON.stringify({ engine: { rateLimit: { windowMs: 1000 } }, jobDefaults: { pollInitialMs: 20, pollMaxMs: 100 } }));
});
afterAll(async () => {
  await s.sandbox.close();
  await rm(home, { recursive: true, force: true });
});

const addArgs = (name: string, clientCode = 'acme') => [
  'profiles', 'add', '--name', name, '--base-url', s.httpsBaseUrl, '--client-code', clientCode, '--api-version', 'v2',
  '--auth', 'adobe-oauth', '--client-id', TEST_OAUTH.clientId, '--org-id', 'ACME0123@AdobeOrg', '--tenant-id', TEST_OAUTH.tenantId,
  '--ims-url', s.httpsBaseUrl, '--admin-api-url', s.httpsBaseUrl, '--ca-file', s.cert.certFile, '--client-secret-stdin',
];

describe('profiles with Adobe sign-in', () => {
  it('documents the additions in "help connections"', async () => {
    const help = (await cli(['help', 'connections'])).stdout;
    for (const part of ['--auth token|adobe-oauth', '--client-id ID --org-id ORG --tenant-id T --client-secret-stdin', '[--scopes S] [--ims-url URL] [--admin-api-url URL]', '--ca-file PEM', '"test --json" prints', 'tokenExpiresAt', 'it is not the client code']) {
      expect(help.replace(/\s+/g, ' ')).toContain(part);
    }
  }, 60_000);

  it('adds a connection, tests it (exit 0, a sign-in check and tokenExpiresAt), uploads, and never prints a credential', async () => {
    const added = await cli(addArgs('Acme'), TEST_OAUTH.clientSecret);
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('sign-in: Adobe (client ID pl-test-client-4c1d, tenant acmetenant');

    const test = await cli(['connections', 'test', 'Acme', '--json', '--client-secret-stdin'], TEST_OAUTH.clientSecret);
    expect(test.code).toBe(0);
    const json = JSON.parse(test.stdout) as { profile: string; ok: boolean; checks: { check: string; ok: boolean; message: string }[]; tokenExpiresAt: string | null };
    expect(Object.keys(json)).toEqual(['profile', 'ok', 'checks', 'tokenExpiresAt']);
    expect(json.checks.map((c) => c.check)).toEqual(['reachable', 'sign-in', 'token', 'client-code']);
    expect(json.checks.every((c) => c.ok && Object.keys(c).join() === 'check,ok,code,params,message')).toBe(true);
    expect(new Date(json.tokenExpiresAt ?? '').toISOString()).toBe(json.tokenExpiresAt);

    const csv = join(home, 'loyalty.csv');
    await writeFile(csv, `thirdPartyId,tier\n${Array.from({ length: 60 }, (_, i) => `CRM-${i},gold`).join('\n')}\n`);
    const upload = await cli(['upload', csv, '--id-column', 'thirdPartyId', '--id-type', 'thirdPartyId', '--profile', 'Acme', '--client-secret-stdin', '--json'], TEST_OAUTH.clientSecret);
    expect(upload.code).toBe(0);
    const result = JSON.parse(upload.stdout) as { jobId: string; state: string; confirmed: number };
    expect(result).toMatchObject({ state: 'completed', confirmed: 60 });
    expect((await cli(['jobs', 'show', result.jobId])).code).toBe(0);
    expect((await cli(['connections', 'list'])).stdout).toContain('Acme');
    expect(await cli(['connections', 'set-secret', 'Acme', '--client-secret-stdin'], TEST_OAUTH.clientSecret)).toMatchObject({ code: 0, stdout: expect.stringContaining('client secret of Acme saved') });
    expect(((await admin(s.sandbox, 'GET', '/admin/stats')).json as { plainHttpTokenRequests: number }).plainHttpTokenRequests).toBe(0);

    // A wrong secret: the sign-in check fails with IMS's words, exit 1.
    const wrong = await cli(['connections', 'test', 'Acme', '--json', '--client-secret-stdin'], 'wrong-secret-0000');
    expect(wrong.code).toBe(1);
    expect((JSON.parse(wrong.stdout) as typeof json).checks.find((c) => c.check === 'sign-in')).toMatchObject({ ok: false, message: expect.stringContaining('invalid_client: invalid client_secret parameter') });
    // A client code the server does not speak for fails its own check.
    await cli(addArgs('Typo', 'acmee'), TEST_OAUTH.clientSecret);
    const typo = await cli(['connections', 'test', 'Typo', '--client-secret-stdin'], TEST_OAUTH.clientSecret);
    expect(typo.code).toBe(1);
    expect(typo.stdout).toMatch(/FAIL client-code +The server does not confirm client code acmee/);

    const needles = [...(await issuedCredentials(s.sandbox)), 'wrong-secret-0000'];
    expect(needles.length).toBeGreaterThanOrEqual(5);
    expect(await whereSecretsAre(needles, outputs, home)).toEqual([]);
  }, 60_000);

  it('a pasted token with a known expiry: "list" says when, and "upload" warns from 14 days before', async () => {
    const plain = await startSandbox();
    try {
      const soon = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
      const add = ['connections', 'add', '--name', 'Pasted', '--base-url', plain.baseUrl, '--client-code', 'acme', '--api-version', 'v2', '--token-stdin', '--token-expires-at', soon];
      expect((await cli(add, 'pasted-token-6a1f')).code).toBe(0);
      // (Without an OS keychain the token itself is kept for that command only; its date is kept.)
      expect((await cli(['connections', 'list'])).stdout).toMatch(new RegExp(`token: (saved|none), expires in 5 days \\(${soon}\\)`));
      const csv = join(home, 'few.csv');
      await writeFile(csv, 'thirdPartyId,tier\nP-1,gold\n');
      const upload = await cli(['upload', csv, '--id-column', 'thirdPartyId', '--id-type', 'thirdPartyId', '--profile', 'Pasted', '--json', '--token-stdin'], 'pasted-token-6a1f');
      expect(upload.code).toBe(0);
      // The token given for this run is the one used: no warning about the saved one.
      expect(upload.stderr).toBe('');
      const again = await cli(['upload', csv, '--id-column', 'thirdPartyId', '--id-type', 'thirdPartyId', '--profile', 'Pasted', '--json']);
      expect(again.stderr).toContain(`warning: the token of Pasted expires in 5 days (${soon}). Generate a new one in Target and save it with "profiles set-token".`);
    } finally {
      await plain.close();
    }
  }, 60_000);

  it('refuses incomplete or conflicting sign-in flags with a usage error (exit 2)', async () => {
    const missing = await cli(['connections', 'add', '--name', 'X', '--base-url', s.httpsBaseUrl, '--client-code', 'acme', '--api-version', 'v2', '--auth', 'adobe-oauth', '--client-id', 'c']);
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining('--auth adobe-oauth needs --org-id, --tenant-id, --client-secret-stdin') });
    const mixed = await cli(['connections', 'add', '--name', 'X', '--base-url', s.httpsBaseUrl, '--client-code', 'acme', '--api-version', 'v2', '--client-id', 'c']);
    expect(mixed).toMatchObject({ code: 2, stderr: expect.stringContaining('--client-id goes with --auth adobe-oauth') });
    const both = await cli(['connections', 'test', 'Acme', '--token-stdin', '--client-secret-stdin'], 'x');
    expect(both).toMatchObject({ code: 2, stderr: expect.stringContaining('both read standard input') });
    const args = addArgs('Y');
    args[args.indexOf('--ims-url') + 1] = 'http://ims.example.com';
    const insecure = await cli(args, TEST_OAUTH.clientSecret);
    expect(insecure).toMatchObject({ code: 2, stderr: expect.stringContaining('The Adobe IMS address must use https://') });
  }, 60_000);
});
