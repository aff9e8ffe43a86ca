import type { Locator, Page } from '@playwright/test';

/** What every step's page object shares: the page, and finding an element by its test id. */
export abstract class StepPage {
  constructor(readonly page: Page) {}

  /** The element with `data-testid` equal to `testId`. */
  protected byTestId(testId: string): Locator {
    return this.page.getByTestId(testId);
  }
}
