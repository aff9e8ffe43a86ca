/**
 * `tsx electron/web/main.ts [--port N] [--reason TEXT] [--open]`: runs the app in browser mode and prints
 * the address to open (with `--open`, also opens it in the default browser; failing that, the printed
 * address is all). Ctrl+C stops it cleanly.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AppCallError } from '../../shared/contract/errors.js';
import { describeError } from '../messages/error-words.js';
import { startBrowserMode } from './browser-mode.js';
import { OPEN_PAGE, openInBrowser } from './open-in-browser.js';

let args: { port?: string | undefined; reason?: string | undefined; open?: boolean | undefined };
try {
  args = parseArgs({ args: process.argv.slice(2), strict: true, options: { port: { type: 'string' }, reason: { type: 'string' }, open: { type: 'boolean' } } }).values;
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
}
const port = args.port === undefined ? 0 : /^\d+$/.test(args.port) ? Number(args.port) : Number.NaN;
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port needs a number between 0 and 65535, not "${args.port ?? ''}".`);
  process.exit(2);
}
const reason = args.reason;

try {
  const app = await startBrowserMode({ port });
  if (reason) console.log(`Browser mode: ${reason}`);
  console.log(`Profile Loader is running in browser mode. Open this address in Chrome, Edge or Firefox:`);
  console.log(`  ${app.host.url}`);
  console.log(`State folder: ${app.services.homeDir}. Press Ctrl+C to stop.`);
  const stop = async () => {
    await app.close();
    // The page that sent the browser on holds this run's key: it goes with the run.
    await rm(join(app.services.homeDir, OPEN_PAGE), { force: true });
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  if (args.open) {
    const opened = await openInBrowser(app.host.url, app.services.homeDir);
    console.log(opened.opened ? 'Opened it in your default browser.' : `No browser could be opened here (${opened.detail}): open the address above yourself.`);
  }
} catch (error) {
  const code = (error as { code?: string }).code;
  const why = error instanceof AppCallError ? describeError(error) : error instanceof Error ? error.message : String(error);
  console.error(code === 'EADDRINUSE' ? `Port ${port} is already in use: choose another with --port.` : `Could not start: ${why}`);
  process.exit(1);
}
