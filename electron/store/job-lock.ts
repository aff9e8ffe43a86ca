// The run lock of a job: one process at a time sends a job. Taking a free lock is one link(2) — atomic,
// it fails when the name exists. Taking over a lock whose process died is a rename(2) over it, done only
// by the one process holding a second, short-lived "takeover" link and only while the lock still names
// that dead process, so two resumers of a crashed job never both hold it.
import { randomBytes } from 'node:crypto';
import { link, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { AppCallError } from '../../shared/contract/errors.js';
import { PRIVATE_FILE_MODE, writeFully } from './atomic-file.js';

/** Who holds a lock, as its file says. */
export interface LockOwner {
  readonly pid: number;
  readonly host: string;
  /** ISO time the lock was taken; '' for a lock written by an older version. */
  readonly since: string;
  /** Tells one taking of the lock from another (pids are reused). */
  readonly token: string;
}

/** Another live process is running this job (error `job-locked`, naming its pid, host and since when). */
export class JobLockedError extends AppCallError<'job-locked'> {
  constructor(jobId: string, owner: LockOwner) {
    super('job-locked', { jobId, pid: owner.pid, host: owner.host, ...(owner.since ? { since: owner.since } : {}) });
  }
}

/** A takeover link older than this whose process is gone was left by a crash mid-takeover. */
const STALE_TAKEOVER_MS = 10_000;

function isAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true; // another machine's process cannot be checked: assume it runs
  if (owner.pid === process.pid) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(path: string): Promise<LockOwner | undefined> {
  let text: string;
  try {
    text = (await readFile(path, 'utf8')).trim();
  } catch {
    return undefined;
  }
  if (/^\d+$/.test(text)) return { pid: Number(text), host: hostname(), since: '', token: `pid-${text}` }; // an older version's lock
  try {
    const o = JSON.parse(text) as Partial<LockOwner>;
    if (typeof o.pid === 'number' && typeof o.host === 'string' && typeof o.since === 'string' && typeof o.token === 'string') return o as LockOwner;
  } catch {
    // A lock file cut short by a crash while it was written: nobody holds it.
  }
  return { pid: 0, host: hostname(), since: '', token: `broken-${text.length}` };
}

/** Returns who holds the lock at `path` when that process is still alive, else undefined. */
export async function lockHolder(path: string): Promise<LockOwner | undefined> {
  const owner = await readOwner(path);
  return owner !== undefined && owner.pid > 0 && isAlive(owner) ? owner : undefined;
}

function code(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? '';
}

/** Removes a takeover link left by a process that died during a takeover (rare: a takeover takes milliseconds). */
async function clearDeadTakeover(guard: string): Promise<void> {
  const owner = await readOwner(guard);
  const age = await stat(guard).then((s) => Date.now() - s.mtimeMs, () => 0);
  if (owner === undefined || isAlive(owner) || age < STALE_TAKEOVER_MS) return;
  const aside = `${guard}.${randomBytes(4).toString('hex')}.dead`;
  if (!(await rename(guard, aside).then(() => true, () => false))) return;
  const moved = await readOwner(aside);
  // Moved a fresh takeover by mistake (it was re-created in between): put it back if the name is still free.
  if (moved?.token !== owner.token) await link(aside, guard).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
}

/** Replaces the dead `stale` lock at `path` by `mine` (a file holding this process's owner record); true when done. */
async function takeOver(path: string, mine: string, stale: LockOwner): Promise<boolean> {
  const guard = `${path}.takeover`;
  try {
    await link(mine, guard);
  } catch (error) {
    if (code(error) !== 'EEXIST') throw error;
    await clearDeadTakeover(guard);
    return false;
  }
  try {
    // Only the guard's holder gets here; the lock must still be the dead one it saw.
    if ((await readOwner(path))?.token !== stale.token) return false;
    await rename(mine, path);
    return true;
  } finally {
    await unlink(guard).catch(() => undefined);
  }
}

/**
 * Takes the run lock of a job (a file naming this process, its host and since when) so two processes
 * never send the same job. A lock left by a dead process is taken over. Throws JobLockedError when a
 * live process holds it. Resolves to the release function (which removes the lock only while it is
 * still this process's).
 */
export async function acquireJobLock(path: string, jobId: string): Promise<() => Promise<void>> {
  const me: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString(), token: randomBytes(12).toString('hex') };
  const mine = `${path}.${process.pid}-${me.token}.tmp`;
  const fh = await open(mine, 'wx', PRIVATE_FILE_MODE);
  try {
    await writeFully(fh, Buffer.from(JSON.stringify(me)));
    await fh.sync();
  } finally {
    await fh.close();
  }
  const release = async (): Promise<void> => {
    if ((await readOwner(path))?.token === me.token) await unlink(path).catch(() => undefined);
  };
  try {
    for (let tries = 0; tries < 50; tries++) {
      try {
        await link(mine, path);
        return release;
      } catch (error) {
        if (code(error) !== 'EEXIST') throw error;
      }
      const current = await readOwner(path);
      if (current === undefined) continue; // released in between: try again
      if (current.pid > 0 && isAlive(current)) throw new JobLockedError(jobId, current);
      if (await takeOver(path, mine, current)) return release;
      await new Promise((ok) => setTimeout(ok, 5 + Math.random() * 20));
    }
    const holder = await lockHolder(path);
    if (holder) throw new JobLockedError(jobId, holder);
    throw new Error(`Could not take the lock of job ${jobId}.`);
  } finally {
    await unlink(mine).catch(() => undefined);
  }
}
