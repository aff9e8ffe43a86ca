import { test as base } from '@playwright/test';
import { startAppHost } from './app-host.js';
import type { AppHost } from './app-host.js';

/** `appHost`: a fresh browser-mode host per test; the page is opened on it with its token. */
export const test = base.extend<{ appHost: AppHost }>({
  // Playwright reads fixture dependencies from the destructuring pattern; this fixture has none.
  // eslint-disable-next-line no-empty-pattern
  appHost: async ({}, use) => {
    const host = await startAppHost();
    await use(host);
    await host.stop();
  },
});

export { expect } from '@playwright/test';
