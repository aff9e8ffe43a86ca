// In browser mode a page names files by path, and anything that can reach the host could name any file
// on the computer. So `files.open` and `jobs.start` take only paths the app itself handed out: uploads,
// its own state folder (prepared batches, recent uploads) and the bundled sample.
import { realpath } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { AppCallError } from '../../shared/contract/errors.js';
import type { Handlers } from '../services/handlers.js';
import { findSampleFile } from '../services/files/sample-file.js';

async function real(path: string): Promise<string> {
  return realpath(path).catch(() => resolve(path));
}

const inside = (path: string, dir: string): boolean => path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep);

/**
 * Returns `handlers` with `files.open` and `jobs.start` refusing (AppCallError `path-not-allowed`) a
 * path outside the state folder (which holds the uploads) other than the sample. Links are resolved
 * first, so a link inside the state folder cannot point out of it.
 */
export async function pathGuard(handlers: Handlers, roots: { homeDir: string; uploadsDir: string }): Promise<Handlers> {
  const home = await real(roots.homeDir);
  const sample = await findSampleFile().then(real, () => null);
  const check = async (path: string): Promise<void> => {
    const p = await real(path);
    if (inside(p, home) || p === sample) return;
    throw new AppCallError('path-not-allowed', { path });
  };
  return {
    ...handlers,
    'files.open': async (args) => {
      await check(args.path);
      return handlers['files.open'](args);
    },
    'jobs.start': async (args) => {
      await check(args.preparedDir);
      return handlers['jobs.start'](args);
    },
  };
}
