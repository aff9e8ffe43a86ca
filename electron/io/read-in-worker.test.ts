// The readers run inside a worker thread (as the prepare and file workers run them).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnWorker } from '../workers/spawn-worker.js';
import { KOREAN_CUSTOMERS, makeFixtures, makeHostileFixtures, XLSX_CUSTOMERS, type FixturePaths, type HostilePaths } from './fixtures/make-fixtures.js';

let dir: string;
let fx: FixturePaths;
let bad: HostilePaths;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'io-worker-'));
  fx = await makeFixtures(dir);
  bad = await makeHostileFixtures(join(dir, 'bad'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function inWorker(path: string): Promise<Record<string, unknown>> {
  const worker = spawnWorker(new URL('./fixtures/read-in-worker.ts', import.meta.url), { path });
  try {
    const [message] = (await once(worker, 'message')) as [Record<string, unknown>];
    return message;
  } finally {
    await worker.terminate();
  }
}

describe('readers in a worker thread', () => {
  it('reads CP949 CSV and xlsx', async () => {
    const csv = await inWorker(fx.koreanCp949);
    expect(csv.ok).toBe(true);
    expect(csv.rows).toEqual(KOREAN_CUSTOMERS.slice(1));
    const xlsx = await inWorker(fx.xlsxTextIds);
    expect(xlsx.rows).toEqual(XLSX_CUSTOMERS.slice(1));
  });

  it('reports a corrupt xlsx as a code, not a crash', async () => {
    expect(await inWorker(bad.corruptXlsx)).toMatchObject({ ok: false, code: 'corrupt-xlsx' });
  });
});
