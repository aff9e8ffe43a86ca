import { existsSync } from 'node:fs';

const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Debian's Chromium (or another system Chromium) when present; undefined lets Playwright use its own. */
export function chromiumExecutable(): string | undefined {
  const fromEnv = process.env.PROFILE_LOADER_CHROMIUM;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return candidates.find((path) => existsSync(path));
}
