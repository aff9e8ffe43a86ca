import { expect } from '@playwright/test';
import type { Locator } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { StepPage } from './step-page.js';

/** Page object for the Load step. */
export class LoadPage extends StepPage {
  readonly step = this.byTestId('load-step');
  readonly grid = this.byTestId('data-grid');
  readonly rowCount = this.byTestId('row-count');
  readonly error = this.byTestId('load-error');

  /** Opens the app at the host's printed address and waits until it is ready. */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.getByTestId('app').and(this.page.locator('[data-state="ready"]')).waitFor();
  }

  /** Chooses a file through the "Choose a file…" button's file chooser. */
  async chooseFile(path: string): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.page.getByRole('button', { name: /choose a spreadsheet|불러올 스프레드시트/i }).click();
    await (await chooser).setFiles(path);
  }

  /** Drops a real file on the window through a DataTransfer, as a person dragging it from their desktop would. */
  async dropFile(path: string, mimeType = 'text/csv'): Promise<void> {
    const bytes = [...(await readFile(path))];
    const dataTransfer = await this.page.evaluateHandle(
      ({ bytes, name, mimeType }) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([new Uint8Array(bytes)], name, { type: mimeType }));
        return transfer;
      },
      { bytes, name: basename(path), mimeType },
    );
    const target = this.page.locator('body');
    await target.dispatchEvent('dragenter', { dataTransfer });
    await target.dispatchEvent('dragover', { dataTransfer });
    await target.dispatchEvent('drop', { dataTransfer });
  }

  /** Waits until the file is open and its rows are still being counted (polled: a busy page may not paint every frame). */
  async waitCounting(timeout = 120_000): Promise<void> {
    await expect(this.rowCount).toHaveAttribute('data-state', 'counting', { timeout });
  }

  /** Waits until every row has been counted. */
  async waitCounted(): Promise<void> {
    await this.rowCount.and(this.page.locator('[data-state="counted"]')).waitFor();
  }

  /** The text of one cell of the preview grid (row 1 = first data row, column 1 = first file column). */
  cell(row: number, column: number): Locator {
    return this.grid.locator(`[data-row="${row}"] [role="gridcell"]`).nth(column);
  }
}
