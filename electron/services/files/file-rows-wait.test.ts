import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileSummary, RowPage } from '../../../shared/contract/index.js';
import { makeHostileFixtures, type HostilePaths } from '../../io/fixtures/make-fixtures.js';
import { useAppServices } from '../testing/app-services-harness.js';

const harness = useAppServices('pl-rows-wait-');
const call = harness.call.bind(harness);
const ROWS = 200_000;

let dir: string;
let big: string;
let bad: HostilePaths;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rows-wait-'));
  big = join(dir, 'members.csv');
  const lines = ['thirdPartyId,tier'];
  for (let i = 1; i <= ROWS; i++) lines.push(`M${i},${i % 3 === 0 ? 'Gold' : 'Silver'}`);
  await writeFile(big, lines.join('\n') + '\n');
  bad = await makeHostileFixtures(join(dir, 'bad'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('files.rows with wait: true', () => {
  it('asked the moment a file opens, waits for rows not counted yet; past the end it comes back short once the file has ended', async () => {
    const file = await call<FileSummary>('files.open', { path: big });
    const [deep, end] = await Promise.all([
      call<RowPage>('files.rows', { fileId: file.fileId, first: 150_000, count: 3, wait: true }),
      call<RowPage>('files.rows', { fileId: file.fileId, first: ROWS - 1, count: 10, wait: true }),
    ]);
    expect(deep.rows).toEqual([
      ['M150000', 'Gold'],
      ['M150001', 'Silver'],
      ['M150002', 'Silver'],
    ]);
    expect(end.rows).toEqual([
      [`M${ROWS - 1}`, 'Silver'],
      [`M${ROWS}`, 'Silver'],
    ]);
    expect(end).toMatchObject({ totalRows: ROWS, complete: true });
  });

  it('rejects with the reason the file could not be read to the end, naming the row', async () => {
    const file = await call<FileSummary>('files.open', { path: bad.longRow });
    await expect(call('files.rows', { fileId: file.fileId, first: 1, count: 5, wait: true })).rejects.toMatchObject({ code: 'line-too-long', params: { variant: 'row', row: 2 } });
  });

  it('a closed file ends the wait instead of hanging it', async () => {
    const file = await call<FileSummary>('files.open', { path: big });
    const waiting = call<RowPage>('files.rows', { fileId: file.fileId, first: ROWS + 5, count: 1, wait: true }).catch((error: unknown) => error);
    await call('files.close', { fileId: file.fileId });
    const settled = await waiting;
    // Either the page came back empty before the session went, or the call names the closed file.
    if (settled instanceof Error) expect(settled).toMatchObject({ code: 'file-not-open' });
    else expect((settled as RowPage).rows).toEqual([]);
  });
});
