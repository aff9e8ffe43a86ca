import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The file beside the state folder's other files that sends the browser on to the address. */
export const OPEN_PAGE = 'open-browser.html';

/** The command that opens a file or address in the default browser on `platform`. */
export function openerFor(platform: NodeJS.Platform): Opener {
  if (platform === 'darwin') return { command: 'open', args: (t) => [t] };
  // `start` is cmd's own; its first quoted argument is a window title, hence the empty one.
  if (platform === 'win32') return { command: 'cmd', args: (t) => ['/d', '/s', '/c', `start "" "${t}"`], verbatim: true };
  return { command: 'xdg-open', args: (t) => [t] };
}

/** A command that opens a file in the default browser; `verbatim` passes its arguments to cmd unquoted. */
export interface Opener {
  readonly command: string;
  readonly args: (target: string) => string[];
  readonly verbatim?: boolean;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Opens `url` in the default browser (xdg-open, open or start; `opener` replaces it in tests) without
 * putting the address — whose token is the run's access key — on a command line other users can list:
 * the opener is given a private page in `dir` (0600) that sends the browser on, as Jupyter does.
 * Resolves to whether the opener started and exited cleanly within `waitMs`; never rejects (a machine
 * without a browser only means the address has to be opened by hand).
 */
export async function openInBrowser(url: string, dir: string, opener: Opener = openerFor(process.platform), waitMs = 5000): Promise<{ opened: boolean; detail: string }> {
  const page = join(dir, OPEN_PAGE);
  try {
    const href = escapeHtml(url);
    await writeFile(page, `<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${href}"><title>Profile Loader</title><a href="${href}">Profile Loader</a>\n`, { mode: 0o600 });
  } catch (error) {
    return { opened: false, detail: (error as Error).message };
  }
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(opener.command, opener.args(pathToFileURL(page).href), { stdio: 'ignore', detached: process.platform !== 'win32', windowsVerbatimArguments: opener.verbatim === true });
    } catch (error) {
      resolve({ opened: false, detail: (error as Error).message });
      return;
    }
    // Some openers stay until the browser closes: after a while, take it as opened and let it be.
    const timer = setTimeout(() => {
      child.unref();
      resolve({ opened: true, detail: '' });
    }, waitMs);
    timer.unref();
    child.once('error', (error) => {
      clearTimeout(timer);
      resolve({ opened: false, detail: error.message });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code === 0 ? { opened: true, detail: '' } : { opened: false, detail: `${opener.command} exited with ${code}` });
    });
  });
}
