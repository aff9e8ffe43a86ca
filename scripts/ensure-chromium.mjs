// Finds a Chromium for the browser tests, or installs one, and says what it did: Debian's
// /usr/bin/chromium first (apt-get when running as root), else Playwright's own download.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const system = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));
if (system) {
  console.log(`Browser tests will use the system Chromium at ${system}.`);
  process.exit(0);
}
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (isRoot && existsSync('/usr/bin/apt-get')) {
  console.log("No Chromium found; installing Debian's chromium and fonts-noto-cjk with apt-get…");
  spawnSync('apt-get', ['update'], { stdio: 'inherit' });
  const apt = spawnSync('apt-get', ['install', '-y', 'chromium', 'fonts-noto-cjk'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (apt.status === 0 && existsSync('/usr/bin/chromium')) {
    console.log('Installed Chromium at /usr/bin/chromium.');
    process.exit(0);
  }
}
console.log("No system Chromium; asking Playwright to download its own (needs the network)…");
const pw = spawnSync(process.execPath, ['node_modules/@playwright/test/cli.js', 'install', 'chromium'], { stdio: 'inherit' });
if (pw.status !== 0) {
  console.error('Could not get a Chromium: install Debian\'s "chromium" package or run "npx playwright install chromium".');
  process.exit(1);
}
console.log("Installed Playwright's Chromium.");
