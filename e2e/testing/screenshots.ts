import type { Page } from '@playwright/test';

/**
 * Keeps a full-page screenshot at `path`. A full-page capture stretches the window to the page's
 * height, where a step's sticky footer would be drawn over the middle of the page; for the picture it
 * is drawn where it sits in the page (after the step), then made sticky again.
 */
export async function fullPageShot(page: Page, path: string): Promise<void> {
  const style = await page.addStyleTag({ content: '.step-footer { position: static !important; }' });
  try {
    await page.screenshot({ path, fullPage: true });
  } finally {
    await style.evaluate((node) => node.parentNode?.removeChild(node));
  }
}
