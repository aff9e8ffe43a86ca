/**
 * `tsx electron/web/main.ts [--port N] [--reason TEXT]`: runs the app in browser mode and prints the
 * address to open. Ctrl+C stops it cleanly.
 */
import { AppCallError } from '../../shared/contract/errors.js';
import { describeError } from '../messages/error-words.js';
import { startBrowserMode } from './browser-mode.js';

const args = process.argv.slice(2);
const portIndex = args.indexOf('--port');
const port = portIndex >= 0 ? Number(args[portIndex + 1]) : 0;
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port needs a number between 0 and 65535, not "${args[portIndex + 1] ?? ''}".`);
  process.exit(2);
}
const reasonIndex = args.indexOf('--reason');
const reason = reasonIndex >= 0 ? args[reasonIndex + 1] : undefined;

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
