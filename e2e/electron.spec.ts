import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { _electron as electron, expect, test } from '@playwright/test';

const require = createRequire(import.meta.url);

function electronRuntime(): { path?: string; reason?: string } {
  try {
    return { path: require('electron') as string };
  } catch (error) {
    return { reason: `the Electron runtime is not installed on this machine (${error instanceof Error ? error.message : String(error)}); run "node node_modules/electron/install.js" where the network allows.` };
  }
}

const runtime = electronRuntime();

test('the desktop app opens its window on the Load step', async () => {
  if (!runtime.path) {
    console.log(`[electron.spec] skipped: ${runtime.reason}`);
    test.skip(true, runtime.reason);
    return;
  }
  const built = spawnSync(process.execPath, ['scripts/build-electron.mjs'], { stdio: 'inherit' });
  expect(built.status).toBe(0);
  const app = await electron.launch({ args: ['.'], executablePath: runtime.path });
  const window = await app.firstWindow();
  await expect(window.getByTestId('load-step')).toBeVisible();
  expect(await window.evaluate(() => typeof (window as unknown as { profileLoader?: unknown }).profileLoader)).toBe('object');
  expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
  await app.close();
});
