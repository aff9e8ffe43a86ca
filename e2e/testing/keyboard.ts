import type { Locator, Page } from '@playwright/test';

/**
 * Moves focus with the Tab key alone until `target` (or something inside it) has it, as a keyboard-only
 * user would; throws after `max` presses, so a control that Tab never reaches fails the test.
 */
export async function tabTo(page: Page, target: Locator, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement))) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab did not reach ${target.toString()} in ${max} presses`);
}
