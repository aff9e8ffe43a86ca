import { open, readFile, unlink } from 'node:fs/promises';
import { AppCallError } from '../../shared/contract/errors.js';

/** Another live process (`pid`) is running this job. */
export class JobLockedError extends AppCallError<'job-locked'> {
  constructor(jobId: string, pid: number) {
    super('job-locked', { jobId, pid });
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Returns the pid holding the lock at `path` when that process is still alive, else undefined. */
export async function lockHolder(path: string): Promise<number | undefined> {
  try {
    const pid = Number.parseInt((await readFile(path, 'utf8')).trim(), 10);
    return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes the run lock of a job (a file holding this process's pid) so two processes never send the
 * same job. A lock left by a dead process is taken over. Throws JobLockedError when a live process
 * holds it. Resolves to the release function.
 */
export async function acquireJobLock(path: string, jobId: string): Promise<() => Promise<void>> {
  for (let tries = 0; tries < 3; tries++) {
    try {
      const fh = await open(path, 'wx');
      await fh.writeFile(String(process.pid));
      await fh.sync();
      await fh.close();
      return async () => {
        await unlink(path).catch(() => undefined);
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = await lockHolder(path);
      if (holder !== undefined && holder !== process.pid) throw new JobLockedError(jobId, holder);
      if (holder === process.pid) throw new JobLockedError(jobId, holder);
      await unlink(path).catch(() => undefined);
    }
  }
  throw new Error(`Could not take the lock of job ${jobId}.`);
}
