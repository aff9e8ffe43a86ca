import type { Page } from '@playwright/test';
import { expect, test } from './testing/fixtures.js';
import { expectAccessibleAndCapture } from './testing/accessibility.js';
import { LoadPage } from './pages/load-page.js';
import { UploadPage } from './pages/upload-page.js';
import { prepareSample } from './testing/sample.js';
import { chooseOption } from './testing/choose-option.js';

/** What a step looks like at this window size: buttons whose label wrapped, page overflow, and where the step footer sits. */
async function layoutFacts(page: Page) {
  return page.evaluate(() => {
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0;
    };
    // A button whose label wrapped is taller than one line of its text plus padding.
    const wrapped = Array.from(document.querySelectorAll('.app button'))
      .filter(visible)
      .filter((b) => {
        const lineHeight = Number.parseFloat(getComputedStyle(b).lineHeight) || 20;
        const label = b.textContent?.trim() ?? '';
        return label !== '' && b.getBoundingClientRect().height > lineHeight * 1.8 + 16;
      })
      .map((b) => b.textContent?.trim());
    const footer = document.querySelector('.step-footer')?.getBoundingClientRect();
    return {
      wrapped,
      overflowX: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      footer: footer ? { top: footer.top, bottom: footer.bottom } : null,
      viewport: window.innerHeight,
    };
  });
}

/** Expects no wrapped button, no sideways scrolling, and the step's footer inside the window. */
async function expectTidy(page: Page, step: string): Promise<void> {
  const facts = await layoutFacts(page);
  expect(facts.wrapped, `${step}: buttons whose label wrapped`).toEqual([]);
  expect(facts.overflowX, `${step}: the page scrolls sideways`).toBeLessThanOrEqual(0);
  expect(facts.footer, `${step}: a step footer`).not.toBeNull();
  expect(facts.footer!.bottom, `${step}: the footer is in the window`).toBeLessThanOrEqual(facts.viewport + 1);
  expect(facts.footer!.top, `${step}: the footer is in the window`).toBeGreaterThanOrEqual(0);
}

for (const { width, language } of [
  { width: 1024, language: 'English' },
  { width: 1366, language: '한국어' },
] as const) {
  test(`at ${width} px in ${language}: every step keeps its Back and main action in view, no button wraps, nothing scrolls sideways, batch bars sit centred`, async ({ page, appHost }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width, height: 768 });
    const load = new LoadPage(page);
    await load.open(appHost.url);
    if (language !== 'English') {
      await chooseOption(page.getByTestId('language-picker'), page.getByRole('option', { name: language }));
    }
    await page.getByTestId('try-sample').click();
    await load.waitCounted();
    await expectTidy(page, 'load');
    await page.getByTestId('to-map').click();
    await expect(page.getByTestId('map-step')).toHaveAttribute('data-state', 'ready');
    await expectTidy(page, 'map');
    // The footer stays in view while the step scrolls, and Back is in it.
    await page.mouse.wheel(0, 600);
    await expectTidy(page, 'map (scrolled)');
    await expect(page.getByTestId('step-back')).toBeInViewport();
    await page.getByTestId('step-back').click();
    await expect(page.getByTestId('load-step')).toBeVisible();

    await prepareSample(page);
    await expectTidy(page, 'upload');
    const upload = new UploadPage(page);
    await upload.sendButton.click();
    await upload.waitJob('completed');
    await expectTidy(page, 'upload done');
    // Each batch's bar is centred in its cell, and its words do not quote a percentage the bar contradicts.
    const offsets = await page.getByTestId('batch-row').evaluateAll((rows) =>
      rows.map((row) => {
        const cell = row.querySelector('.progress-cell')!.getBoundingClientRect();
        const bar = row.querySelector('.progress-cell [role="progressbar"]')!.getBoundingClientRect();
        return Math.abs(cell.top + cell.height / 2 - (bar.top + bar.height / 2));
      }),
    );
    expect(Math.max(...offsets)).toBeLessThanOrEqual(2);
    await expect(page.getByTestId('batch-table')).not.toContainText('%');
    await expectAccessibleAndCapture(page, `upload done at ${width}`, `upload-done-${width}`);
    await page.getByTestId('see-results').click();
    await expect(page.getByTestId('results-step')).toBeVisible();
    await expectTidy(page, 'results');
    await expectAccessibleAndCapture(page, `results at ${width}`, `results-${width}`);
  });
}
