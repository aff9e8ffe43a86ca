import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './testing/fixtures.js';
import { watchHostEvents } from './testing/host-events.js';
import { writeLargeCsv } from './testing/large-csv.js';
import { recordPageEvents } from './testing/page-events.js';
import { LoadPage } from './pages/load-page.js';
import { MapPage } from './pages/map-page.js';

// A CRM export of 150,000 rows with 40 columns of two-line addresses (~47 MB): cells with line breaks are
// the reader's slow path, so counting takes several seconds while the row count stays modest.
const ROWS = 150_000;
const COLUMNS = 40;

test('rows counted after the user left the Load step are there when they come back', async ({ page, appHost }) => {
  test.setTimeout(300_000);
  const dir = await mkdtemp(join(tmpdir(), 'pl-counting-'));
  try {
    const path = join(dir, 'addresses.csv');
    const header = ['customerId', ...Array.from({ length: COLUMNS - 1 }, (_, k) => `address${k + 1}`)].join(',');
    const cells = Array.from({ length: COLUMNS - 1 }, (_, k) => `"${k + 1} Main St\nSpringfield"`).join(',');
    await writeLargeCsv(path, header, ROWS, (i) => `C${String(i).padStart(7, '0')},${cells}`);
    const received = await recordPageEvents(page);
    const load = new LoadPage(page);
    const map = new MapPage(page);
    await load.open(appHost.url);
    const hostEvents = await watchHostEvents(appHost);
    try {
      await load.chooseFile(path);
      // Counting has begun. Hold the Node side still while the user moves on, so that it cannot finish
      // before they have left the Load step, however busy this machine is.
      await hostEvents.waitFor('file.progress');
      appHost.hold();
      try {
        expect(hostEvents.seen('file.counted'), 'the file was still being counted when the host was held').toBe(false);
        await load.waitCounting();
        await page.getByTestId('to-map').click();
        await map.step.waitFor();
      } finally {
        appHost.release();
      }
      const counted = await received.waitFor('file.counted', 240_000);
      expect(counted.step, 'the last count arrived while the Map step was on screen').toBe('map');
    } finally {
      hostEvents.close();
    }

    await page.getByTestId('step-load').click();
    await load.waitCounted();
    await expect(load.rowCount).toContainText(ROWS.toLocaleString('en-US'));
    // The preview grid follows the final count too: its last row is the file's last row.
    await load.grid.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect(load.cell(ROWS, 1)).toHaveText(`C${String(ROWS).padStart(7, '0')}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
