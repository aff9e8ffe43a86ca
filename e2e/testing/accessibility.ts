import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { fullPageShot } from './screenshots.js';

/** Fails on any serious or critical axe violation on the page as it is now, naming the rule and the elements. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  // A dialog or toast still fading in blends its colours with the page behind it, and axe would measure
  // that passing contrast: check the page as it settles, once no animation or transition is running.
  // (Endless animations such as a busy spinner are left out: they never settle.)
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity));
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${label}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Checks the page with `expectAccessible`, then keeps a full-page screenshot as `e2e/artifacts/<shot>.png`. */
export async function expectAccessibleAndCapture(page: Page, label: string, shot: string): Promise<void> {
  await expectAccessible(page, label);
  await fullPageShot(page, `e2e/artifacts/${shot}.png`);
}
