/**
 * `tsx electron/web/main.ts [--port N] [--reason TEXT]`: runs the app in browser mode and prints the
 * address to open. Ctrl+C stops it cleanly.
 */
import { parseArgs } from 'node:util';
import { AppCallError } from '../../shared/contract/errors.js';
import { describeError } from '../messages/error-words.js';
import { startBrowserMode } from './browser-mode.js';

let args: { port?: string | undefined; reason?: string | undefined };
try {
  args = parseArgs({ args: process.argv.slice(2), strict: true, options: { port: { type: 'string' }, reason: { type: 'string' } } }).values;
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
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
} catch (error) {
  const code = (error as { code?: string }).code;
  const why = error instanceof AppCallError ? describeError(error) : error instanceof Error ? error.message : String(error);
  console.error(code === 'EADDRINUSE' ? `Port ${port} is already in use: choose another with --port.` : `Could not start: ${why}`);
  process.exit(1);
}
