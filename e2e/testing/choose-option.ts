import { expect } from '@playwright/test';
import type { Locator } from '@playwright/test';

/** How often a lost click on an option is tried again. */
const ATTEMPTS = 3;

/**
 * Opens a picker by its `trigger` button and chooses `option` in the list it shows, then waits until the
 * list has closed (a chosen option closes it). In Chromium, a click on an option that lands while the list is
 * still sliding in can be lost: the list stays open on the old choice (seen in full runs on a busy
 * machine, on the language and identifier pickers). The list is then closed with Escape and the choice made
 * again. A choice that never takes still fails, with the last error.
 */
export async function chooseOption(trigger: Locator, option: Locator): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await trigger.click();
    await option.click();
    try {
      await expect(option).toBeHidden({ timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt === ATTEMPTS) throw error;
      await trigger.page().keyboard.press('Escape');
      await expect(option).toBeHidden();
    }
  }
}
