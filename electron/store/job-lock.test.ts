// Item 4 of issue 13: two processes racing to resume a crashed job must never both hold its lock.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeError } from '../messages/error-words.js';
import { acquireJobLock, JobLockedError } from './job-lock.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pl-lock-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The pid of a process that has exited (so a lock naming it is stale). */
async function deadPid(): Promise<number> {
  const child = spawn('true');
  await new Promise((ok) => child.on('close', ok));
  return child.pid as number;
}

function racer(): Promise<{ child: ChildProcess; next: () => Promise<Record<string, unknown>> }> {
  const child = fork(fileURLToPath(new URL('./testing/lock-racer.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const inbox: Record<string, unknown>[] = [];
  const waiting: ((m: Record<string, unknown>) => void)[] = [];
  child.on('message', (m: Record<string, unknown>) => {
    const w = waiting.shift();
    if (w) w(m);
    else inbox.push(m);
  });
  const next = (): Promise<Record<string, unknown>> => (inbox.length > 0 ? Promise.resolve(inbox.shift()!) : new Promise((ok) => waiting.push(ok)));
  return next().then(() => ({ child, next }));
}

describe('job lock', () => {
  it('names who holds a job and since when, takes over a dead process\'s lock, and releases only its own', async () => {
    const lock = join(dir, 'one.lock');
    const child = spawn('sleep', ['30']);
    try {
      await writeFile(lock, String(child.pid)); // the lock format of older versions: a bare pid
      await expect(acquireJobLock(lock, 'j')).rejects.toMatchObject({ code: 'job-locked', params: { pid: child.pid } });
    } finally {
      child.kill('SIGKILL');
      await new Promise((ok) => child.on('close', ok));
    }
    const release = await acquireJobLock(lock, 'j');
    expect(JSON.parse(await readFile(lock, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    const second = await acquireJobLock(lock, 'j').catch((e: unknown) => e);
    expect(second).toBeInstanceOf(JobLockedError);
    expect(second).toMatchObject({ code: 'job-locked', params: { jobId: 'j', pid: process.pid, host: hostname(), since: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) } });
    expect(describeError(second as JobLockedError)).toMatch(new RegExp(`pid ${process.pid} on ${hostname()}, since \\d{4}-\\d\\d-\\d\\dT`));
    await release();
    await (await acquireJobLock(lock, 'j'))();
  });

  it('two processes racing to resume a crashed job 100 times: never both hold it, one always does', async () => {
    const [a, b] = await Promise.all([racer(), racer()]);
    const stale = await deadPid();
    let bothHeld = 0;
    let noneHeld = 0;
    try {
      for (let round = 0; round < 100; round++) {
        const path = join(dir, `race-${round}.lock`);
        await writeFile(path, JSON.stringify({ pid: stale, host: hostname(), since: new Date().toISOString(), token: `crashed-${round}` }));
        a.child.send({ kind: 'go', path });
        b.child.send({ kind: 'go', path });
        const [ra, rb] = await Promise.all([a.next(), b.next()]);
        if (ra.held && rb.held) bothHeld++;
        if (!ra.held && !rb.held) noneHeld++;
        for (const [r, who] of [[ra, a], [rb, b]] as const) {
          if (!r.held) expect(r).toMatchObject({ locked: true });
          who.child.send({ kind: 'release' });
          await who.next();
        }
      }
    } finally {
      a.child.send({ kind: 'exit' });
      b.child.send({ kind: 'exit' });
    }
    expect({ bothHeld, noneHeld }).toEqual({ bothHeld: 0, noneHeld: 0 });
  }, 60_000);
});
