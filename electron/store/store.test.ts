import { spawn } from 'node:child_process';
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobEvent } from '../../shared/jobs/job-events.js';
import { createSecretStore } from './create-secret-store.js';
import { aesGcmCipher, EncryptedFileSecretStore } from './encrypted-file-secret-store.js';
import { acquireJobLock, JobLockedError } from './job-lock.js';
import { JobJournal, JournalCorruptError, readJournal } from './journal.js';
import type { OsKeychain } from './os-keychain.js';
import { loadAppSettings } from './settings-store.js';

const dirs: string[] = [];
afterEach(async () => {
  while (dirs.length) await rm(dirs.pop()!, { recursive: true, force: true });
});
async function temp(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'pl-store-'));
  dirs.push(d);
  return d;
}

const at = '2026-01-01T00:00:00.000Z';
const e = (index: number): JobEvent => ({ type: 'batch.submitting', jobId: 'j', at, index, attempt: 1 });

describe('job journal', () => {
  it('appends fsynced JSON lines, skips progress events and replays them validated', async () => {
    const path = join(await temp(), 'jobs', 'j', 'journal.jsonl');
    const j = await JobJournal.open(path);
    await j.append(e(1));
    await j.append({ type: 'batch.uploading', jobId: 'j', at, index: 1, bytesSent: 5, bytesTotal: 9 });
    await j.append(e(2));
    await j.close();
    const { events, tornTail } = await readJournal(path);
    expect(events.map((x) => x.type === 'batch.submitting' && x.index)).toEqual([1, 2]);
    expect(tornTail).toBe(false);
  });

  it('ignores a torn last line (a crash mid-write) and starts the next record on a new line', async () => {
    const path = join(await temp(), 'journal.jsonl');
    const j = await JobJournal.open(path);
    await j.append(e(1));
    await j.close();
    await appendFile(path, '{"type":"batch.submitting","jobId":"j","at":"2026');
    expect(await readJournal(path)).toMatchObject({ tornTail: true, events: [{ index: 1 }] });
    const again = await JobJournal.open(path);
    await again.append(e(3));
    await again.close();
    expect((await readJournal(path)).events.map((x) => (x as { index: number }).index)).toEqual([1, 3]);
  });

  it('refuses a journal damaged in the middle, naming the line', async () => {
    const path = join(await temp(), 'journal.jsonl');
    await writeFile(path, `${JSON.stringify(e(1))}\n{"type":"batch.nonsense","jobId":"j","at":"x"}\n${JSON.stringify(e(2))}\n`);
    await expect(readJournal(path)).rejects.toBeInstanceOf(JournalCorruptError);
    await expect(readJournal(path)).rejects.toMatchObject({ code: 'journal-corrupt', params: { line: 2 } });
  });

  it('rejects an invalid event before writing it', async () => {
    const j = await JobJournal.open(join(await temp(), 'journal.jsonl'));
    await expect(j.append({ type: 'batch.submitting', jobId: 'j', at, index: -1, attempt: 1 })).rejects.toThrow();
    await j.close();
  });
});

describe('job lock', () => {
  it('lets one live process hold a job and takes over a dead one\'s lock', async () => {
    const dir = await temp();
    const lock = join(dir, 'lock');
    const child = spawn('sleep', ['30']);
    try {
      await writeFile(lock, String(child.pid));
      await expect(acquireJobLock(lock, 'j')).rejects.toBeInstanceOf(JobLockedError);
      await expect(acquireJobLock(lock, 'j')).rejects.toMatchObject({ code: 'job-locked', params: { jobId: 'j', pid: child.pid } });
    } finally {
      child.kill('SIGKILL');
      await new Promise((ok) => child.on('close', ok));
    }
    const release = await acquireJobLock(lock, 'j');
    expect(await readFile(lock, 'utf8')).toBe(String(process.pid));
    await expect(acquireJobLock(lock, 'j')).rejects.toBeInstanceOf(JobLockedError);
    await release();
    await (await acquireJobLock(lock, 'j'))();
  });
});

describe('secret stores', () => {
  const memoryKeychain = (): OsKeychain => {
    let key: Buffer | undefined;
    return { name: 'test', getKey: async () => key, setKey: async (k) => void (key = k) };
  };

  it('keeps tokens encrypted in a file whose key is in the keychain, readable by a second process', async () => {
    const home = await temp();
    const keychain = memoryKeychain();
    const a = await createSecretStore({ homeDir: home, keychain });
    expect(a.kind).toBe('os-keychain');
    await a.set('p1', 'tok-SECRET-123');
    const file = await readFile(join(home, 'secrets-os-keychain.json'), 'utf8');
    expect(file).not.toContain('tok-SECRET-123');
    const b = await createSecretStore({ homeDir: home, keychain });
    expect(await b.get('p1')).toBe('tok-SECRET-123');
    expect(await b.has('p1')).toBe(true);
    await b.delete('p1');
    expect(await (await createSecretStore({ homeDir: home, keychain })).get('p1')).toBeUndefined();
  });

  it('falls back to session-only memory when no keychain answers', async () => {
    const home = await temp();
    const broken: OsKeychain = { name: 'broken', getKey: async () => Promise.reject(new Error('no dbus')), setKey: async () => Promise.reject(new Error('no dbus')) };
    expect((await createSecretStore({ homeDir: home, keychain: broken })).kind).toBe('session-only');
    expect((await createSecretStore({ homeDir: home, keychain: null })).kind).toBe('session-only');
  });

  it('cannot open sealed secrets with another key', async () => {
    const home = await temp();
    const path = join(home, 's.json');
    await new EncryptedFileSecretStore(path, aesGcmCipher(Buffer.alloc(32, 1))).set('p', 'x');
    await expect(new EncryptedFileSecretStore(path, aesGcmCipher(Buffer.alloc(32, 2))).get('p')).rejects.toThrow();
  });
});

describe('settings file', () => {
  it('merges over the defaults and names a bad field', async () => {
    const home = await temp();
    expect((await loadAppSettings(home)).engine.rateLimit).toEqual({ callsPerWindow: 50, windowMs: 60_000, safetyMs: 1000 });
    await writeFile(join(home, 'settings.json'), JSON.stringify({ engine: { rateLimit: { windowMs: 500 } } }));
    expect((await loadAppSettings(home)).engine.rateLimit).toEqual({ callsPerWindow: 50, windowMs: 500, safetyMs: 1000 });
    await writeFile(join(home, 'settings.json'), JSON.stringify({ engine: { rateLimit: { windowMs: -1 } } }));
    await expect(loadAppSettings(home)).rejects.toMatchObject({ code: 'settings-invalid', params: { variant: 'bad-value', field: 'engine.rateLimit.windowMs' } });
  });
});
