// Opening the address in the default browser: the opener gets a private page that sends the browser on
// (never the address with its key on a command line), and a machine without a browser only says so.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { OPEN_PAGE, openInBrowser, openerFor } from './open-in-browser.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe('openInBrowser', () => {
  it('hands the opener a private page that forwards to the address, not the address itself', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pl-open-'));
    dirs.push(dir);
    const seen = join(dir, 'argv.json');
    const url = 'http://127.0.0.1:4321/?token=abc&x="<y>"';
    // A stand-in browser: records the arguments it was started with.
    const opener = { command: process.execPath, args: (t: string) => ['-e', `require('fs').writeFileSync(${JSON.stringify(seen)}, JSON.stringify(process.argv.slice(1)))`, t] };
    expect(await openInBrowser(url, dir, opener)).toEqual({ opened: true, detail: '' });
    const argv = JSON.parse(await readFile(seen, 'utf8')) as string[];
    expect(argv.join(' ')).not.toContain('token=');
    const page = fileURLToPath(argv[argv.length - 1] as string);
    expect(page).toBe(join(dir, OPEN_PAGE));
    expect((await stat(page)).mode & 0o077).toBe(0);
    expect(await readFile(page, 'utf8')).toContain('content="0;url=http://127.0.0.1:4321/?token=abc&amp;x=&quot;&lt;y&gt;&quot;"');
  });

  it('says why when no browser can be opened, without throwing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pl-open-'));
    dirs.push(dir);
    const missing = await openInBrowser('http://127.0.0.1:1/', dir, { command: join(dir, 'no-such-opener'), args: (t) => [t] });
    expect(missing.opened).toBe(false);
    expect(missing.detail).toContain('ENOENT');
    const failing = await openInBrowser('http://127.0.0.1:1/', dir, { command: process.execPath, args: () => ['-e', 'process.exit(3)'] });
    expect(failing).toEqual({ opened: false, detail: `${process.execPath} exited with 3` });
  });

  it('uses the platform opener', () => {
    expect(openerFor('linux').command).toBe('xdg-open');
    expect(openerFor('darwin').command).toBe('open');
    expect(openerFor('win32')).toMatchObject({ command: 'cmd', verbatim: true });
    expect(openerFor('win32').args('C:\\x\\open.html')).toEqual(['/d', '/s', '/c', 'start "" "C:\\x\\open.html"']);
  });
});
