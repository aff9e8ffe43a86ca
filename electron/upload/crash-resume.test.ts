// (b) kill -9 of the CLI in the middle of a job, then `jobs resume` → the same final counts as an
// uninterrupted run; no batch acknowledged before the kill is ever POSTed again.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../sandbox/index.js';
import { createUploadServices } from '../services/upload-services.js';
import { tempHome } from './testing/fixtures.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin', 'profile-loader.mjs');
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

/** A slow rate window on both sides keeps the job running long enough to be killed in the middle. */
const RATE = { callsPerWindow: 6, windowMs: 1000, safetyMs: 30 };

function cli(args: string[], home: string): { child: ChildProcess; done: Promise<{ code: number | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, PROFILE_LOADER_HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((ok) => child.on('close', (code) => ok({ code, stdout, stderr })));
  return { child, done };
}

async function world(csv: string) {
  const sandbox = await startSandbox({ processingDelayMs: 150, settings: { rateLimitPerMinute: RATE.callsPerWindow, rateLimitWindowMs: RATE.windowMs } });
  const home = await tempHome({ engine: { rateLimit: RATE, backoff: { baseMs: 20, maxMs: 200, jitter: 0.5 } }, jobDefaults: { pollInitialMs: 50, pollMaxMs: 200, concurrency: 1 } });
  const services = await createUploadServices({ homeDir: home, keychain: null });
  await services.connections.save({ name: 'Dev', environment: '', color: '', clientCode: 'acme', apiVersion: 'v2', baseUrl: sandbox.baseUrl });
  await services.close();
  cleanups.push(async () => {
    await sandbox.close();
    await rm(home, { recursive: true, force: true });
  });
  const input = join(home, 'customers.csv');
  await writeFile(input, csv);
  return { sandbox, home, input };
}

async function journalLines(home: string): Promise<{ jobId: string; events: { type: string; index?: number }[] } | undefined> {
  const jobs = await readdir(join(home, 'jobs')).catch(() => [] as string[]);
  for (const jobId of jobs) {
    const text = await readFile(join(home, 'jobs', jobId, 'journal.jsonl'), 'utf8').catch(() => '');
    const events = text
      .split('\n')
      .filter((l) => l.trim().startsWith('{') && l.trim().endsWith('}'))
      .map((l) => JSON.parse(l) as { type: string; index?: number });
    return { jobId, events };
  }
  return undefined;
}

function comparable(summary: Record<string, unknown>) {
  const { jobId: _j, results: _r, batches, ...totals } = summary as { jobId: string; results: string; batches: Record<string, unknown>[] };
  return { ...totals, batches: batches.map(({ batchId, ...b }) => ({ ...b, hasBatchId: typeof batchId === 'string' })) };
}

describe('crash and resume through the CLI', () => {
  it('(b) kill -9 mid-job, then "jobs resume" ends with the same counts as an uninterrupted run', async () => {
    const rows = ['crm_id,tier,city', ...Array.from({ length: 1200 }, (_, i) => `CRM-${i},gold${i % 4},Berlin`)];
    rows.splice(50, 0, 'CRM+bad,gold,Berlin'); // one row blocked by validation (a + in an mbox3rdPartyId)
    const csv = `${rows.join('\n')}\n`;
    // --send-valid-rows: the blocked row is reported as rejected while the other 1,200 are sent.
    const args = (input: string) => ['upload', input, '--id-column', 'crm_id', '--id-type', 'thirdPartyId', '--batch-rows', '100', '--profile', 'Dev', '--send-valid-rows', '--json'];

    // Uninterrupted run.
    const a = await world(csv);
    const straight = await cli(args(a.input), a.home).done;
    expect(straight.stderr).toBe('');
    const expected = JSON.parse(straight.stdout) as Record<string, unknown>;
    expect(expected).toMatchObject({ state: 'completed', rows: 1201, rejected: 1, confirmed: 1200 });

    // Interrupted run: kill -9 once 3 batches are acknowledged.
    const b = await world(csv);
    const run = cli(args(b.input), b.home);
    let before: { jobId: string; events: { type: string; index?: number }[] } | undefined;
    for (;;) {
      before = await journalLines(b.home);
      const submitted = before?.events.filter((e) => e.type === 'batch.submitted').length ?? 0;
      if (submitted >= 3) break;
      const exited = await Promise.race([run.done.then(() => true), new Promise<boolean>((ok) => setTimeout(() => ok(false), 20))]);
      if (exited) throw new Error('the CLI finished before it could be killed');
    }
    run.child.kill('SIGKILL');
    const killed = await run.done;
    expect(killed.code).toBeNull();
    const atKill = (await journalLines(b.home))!;
    const ackedAtKill = new Set(atKill.events.filter((e) => e.type === 'batch.submitted').map((e) => e.index));
    expect(atKill.events.some((e) => e.type === 'job.finished')).toBe(false);

    const list = JSON.parse((await cli(['jobs', 'list', '--json'], b.home).done).stdout) as { jobId: string; state: string }[];
    expect(list).toEqual([expect.objectContaining({ jobId: atKill.jobId, state: 'interrupted' })]);

    const resumed = await cli(['jobs', 'resume', atKill.jobId, '--json'], b.home).done;
    expect(resumed.code).toBe(1); // one row was rejected by validation
    const after = JSON.parse(resumed.stdout) as Record<string, unknown>;
    expect(comparable(after)).toEqual(comparable(expected));

    // No batch acknowledged before the kill was POSTed again, and every batch has exactly one batchId.
    const final = (await journalLines(b.home))!;
    const killIndex = atKill.events.length;
    const resent = final.events.slice(killIndex).filter((e) => e.type === 'batch.submitting' && ackedAtKill.has(e.index));
    expect(resent).toEqual([]);
    const perBatch = new Map<number, number>();
    for (const e of final.events) if (e.type === 'batch.submitted') perBatch.set(e.index!, (perBatch.get(e.index!) ?? 0) + 1);
    expect([...perBatch.values()].every((n) => n === 1)).toBe(true);
    expect(perBatch.size).toBe(12);
  }, 90_000);
});
