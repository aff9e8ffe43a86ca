// Durability: profiles, batches, tokens and settings survive a restart, and a kill -9 while a batch is
// processing loses nothing: the batch resumes after restart and applies every row exactly once.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from './index.js';
import { acceptedBatch, admin, attributeValues, batchStatus, fetchProfile, submitBatch, waitForBatch } from './testing/http.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await (cleanups.pop() as () => Promise<void>)();
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sandbox-durable-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

function spawnCli(args: string[]): Promise<{ child: ChildProcess; baseUrl: string; adminKey: string }> {
  const child = spawn('npx', ['tsx', 'sandbox/cli.ts', ...args], {
    cwd: join(import.meta.dirname, '..'),
    stdio: ['ignore', 'pipe', 'pipe'],
    // Own process group, so kill -9 reaches the node process behind npx and tsx too.
    detached: true,
  });
  cleanups.push(async () => killGroup(child));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Sandbox listening on (http:\/\/\S+)/.exec(out);
      const key = /Admin key: (\S+) \(send it as the header x-sandbox-admin-key; also in (\S+)\)/.exec(out);
      if (m && key) resolve({ child, baseUrl: m[1] as string, adminKey: key[1] as string });
    });
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => reject(new Error(`sandbox CLI exited with ${code}: ${err}${out}`)));
  });
}

/** SIGKILLs the child's whole process group (npx → tsx → node) and waits until the group is gone. */
async function killGroup(child: ChildProcess): Promise<void> {
  const pid = child.pid as number;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    return;
  }
  for (;;) {
    try {
      process.kill(-pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('durability', () => {
  it('keeps profiles, tokens, settings and pending batches across a clean restart', async () => {
    const dataDir = await tempDir();
    let sb: RunningSandbox = await startSandbox({ dataDir });
    await waitForBatch(await acceptedBatch(sb.baseUrl, 'acme', 2, 'batch=thirdPartyId,a\nk1,x\n'));
    const { token } = (await admin(sb, 'POST', '/admin/clients/acme/token')).json;
    await admin(sb, 'PUT', '/admin/clients/acme/settings', { requireAuth: true, processingDelayMs: 300 });
    const auth = { authorization: `Bearer ${String(token)}` };
    const pending = await acceptedBatch(sb.baseUrl, 'acme', 2, 'batch=thirdPartyId,a\nk2,y\n', auth);
    const pendingId = new URL(pending).searchParams.get('batchId');
    await sb.close();

    // A text left behind by a crash between two steps is cleaned up on start.
    await writeFile(join(dataDir, 'batches', 'orphan.txt.tmp'), 'batch=pcId\n1\n');
    sb = await startSandbox({ dataDir });
    cleanups.push(() => sb.close());
    expect((await readdir(join(dataDir, 'batches'))).filter((f) => f.startsWith('orphan'))).toEqual([]);
    const again = `${sb.baseUrl}/m2/acme/profile/batchStatus?batchId=${pendingId}`;
    expect((await waitForBatch(again)).counters).toEqual({ consumedCount: 1, successfulUpdates: 1, profilesNotFound: 0, failedUpdates: 0 });
    expect((await fetchProfile(sb.baseUrl, 'acme', 'thirdPartyId', 'k1')).status).toBe(403);
    expect(attributeValues((await fetchProfile(sb.baseUrl, 'acme', 'thirdPartyId', 'k1', auth)).json)).toEqual({ a: 'x' });
    expect(attributeValues((await fetchProfile(sb.baseUrl, 'acme', 'thirdPartyId', 'k2', auth)).json)).toEqual({ a: 'y' });
  });

  it('survives kill -9 while a batch is processing: it completes after restart with every row applied once', async () => {
    const dataDir = await tempDir();
    const rows = 150_000;
    const { child, baseUrl, adminKey } = await spawnCli(['--port', '0', '--data-dir', dataDir, '--set', 'chunkRows=250', '--set', 'rateLimitCountsStatus=false']);
    // The CLI prints the admin key it wrote to <data-dir>/admin-key.
    expect((await readFile(join(dataDir, 'admin-key'), 'utf8')).trim()).toBe(adminKey);
    expect((await admin({ baseUrl, adminKey }, 'GET', '/admin/stats')).status).toBe(200);
    // 2,000 distinct keys, each written 75 times in file order: the last write must win, exactly once per row.
    const lines: string[] = [];
    for (let i = 0; i < rows; i++) lines.push(`k${i % 2000},${i},r${i}`);
    const url = await acceptedBatch(baseUrl, 'acme', 2, `batch=thirdPartyId,seq,row\n${lines.join('\n')}\n`);
    let seen = 0;
    for (let i = 0; i < 10_000 && seen === 0; i++) {
      const s = await batchStatus(url);
      if (s.kind !== 'status') throw new Error('no status');
      if (s.status !== 'incomplete') throw new Error('the batch finished before it could be killed; make it larger');
      seen = s.counters?.consumedCount ?? 0;
    }
    await killGroup(child);
    expect(seen).toBeGreaterThan(0);
    expect(seen).toBeLessThan(rows);

    const sb = await startSandbox({ dataDir, settings: { rateLimitCountsStatus: false } });
    cleanups.push(() => sb.close());
    const statusUrl = `${sb.baseUrl}${new URL(url).pathname}${new URL(url).search}`;
    const done = await waitForBatch(statusUrl);
    expect(done).toMatchObject({ status: 'complete', batchSize: rows });
    expect(done.counters).toEqual({ consumedCount: rows, successfulUpdates: rows, profilesNotFound: 0, failedUpdates: 0 });
    // The batch text is removed once the batch is done.
    expect(await readdir(join(dataDir, 'batches'))).toEqual([]);
    for (const k of [0, 1, 999, 1999]) {
      const last = rows - 2000 + k;
      expect(attributeValues((await fetchProfile(sb.baseUrl, 'acme', 'thirdPartyId', `k${k}`)).json)).toEqual({ seq: String(last), row: `r${last}` });
    }
  });

  it('refuses a second sandbox on a data folder that is in use', async () => {
    const dataDir = await tempDir();
    const sb = await startSandbox({ dataDir });
    cleanups.push(() => sb.close());
    await expect(startSandbox({ dataDir })).rejects.toThrow();
    expect((await submitBatch(sb.baseUrl, 'a', 2, 'batch=pcId,a\n1,2\n')).parsed.kind).toBe('accepted');
  });
});

describe('start-up errors', () => {
  it('fails with the port in use and leaves the data folder usable', async () => {
    const dataDir = await tempDir();
    const first = await startSandbox();
    cleanups.push(() => first.close());
    const port = Number(new URL(first.baseUrl).port);
    await expect(startSandbox({ dataDir, port })).rejects.toThrow(/EADDRINUSE/);
    const second = await startSandbox({ dataDir });
    cleanups.push(() => second.close());
    expect((await submitBatch(second.baseUrl, 'a', 2, 'batch=pcId,a\n1,2\n')).parsed.kind).toBe('accepted');
  });
});
