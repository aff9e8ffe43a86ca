// `npm start [-- --port N] [-- --browser] [-- --no-open]`: builds the renderer (or reuses the last build
// while its sources are unchanged), then launches the Electron app when its runtime is installed
// (trying once to fetch it where the network allows), and otherwise runs the same app in browser mode on
// 127.0.0.1, saying why, and opens its address in the default browser (not with --no-open, for scripts).
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { ensureRendererBuilt } from './renderer-build.mjs';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const forceBrowser = args.includes('--browser');
const open = !args.includes('--no-open');
const portIndex = args.indexOf('--port');
const port = portIndex >= 0 ? args[portIndex + 1] : undefined;

function run(command, commandArgs, options = {}) {
  const result = spawnSync(command, commandArgs, { stdio: 'inherit', ...options });
  return result.status === 0;
}

function electronBinary() {
  try {
    return require('electron'); // the path of the runtime when installed; throws when it is not
  } catch {
    return undefined;
  }
}

const root = fileURLToPath(new URL('..', import.meta.url));
const started = Date.now();
const build = ensureRendererBuilt(root, () => console.log('Building the app window…'));
if (build === 'failed') process.exit(1);
console.log(build === 'reused' ? 'Reusing the app window built earlier: its sources have not changed.' : `Built the app window in ${((Date.now() - started) / 1000).toFixed(1)} s.`);

let reason;
let binary = forceBrowser ? undefined : electronBinary();
if (forceBrowser) reason = 'you asked for it with --browser.';
else if (!binary) {
  console.log('The Electron runtime is not installed; trying once to download it…');
  const fetched = spawnSync(process.execPath, ['node_modules/electron/install.js'], { stdio: 'pipe', timeout: 90_000 });
  binary = fetched.status === 0 ? electronBinary() : undefined;
  if (!binary) {
    // The first line that is not a stack frame says what went wrong (e.g. "getaddrinfo ENOTFOUND github.com").
    const output = `${fetched.stderr?.toString() ?? ''}\n${fetched.error?.message ?? ''}`;
    const detail = output.split('\n').map((line) => line.trim()).find((line) => line !== '' && !line.startsWith('at '));
    reason = `the Electron runtime could not be downloaded here${detail ? ` (${detail})` : ''}.`;
  }
}

if (binary) {
  if (!run(process.execPath, ['scripts/build-electron.mjs'])) process.exit(1);
  const child = spawn(binary, ['.'], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/web/main.ts', ...(port ? ['--port', port] : []), '--reason', reason, ...(open ? ['--open'] : [])], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}
