// Which rows faults.dropRowRate lost (issue 11 acceptance: "the test asks the sandbox which it dropped"):
// GET /admin/clients/C/dropped-rows lists exactly the rows whose values a fetch then cannot find.
import { rm } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { startSandbox } from './index.js';
import { acceptedBatch, admin, attributeValues, fetchProfile, uniqueClient, waitForBatch } from './testing/http.js';
import { sandboxPerFile } from './testing/sandbox-per-file.js';

const sb = sandboxPerFile({ settings: { faults: { seed: 20_110 } } });

interface Dropped {
  readonly batchId: string;
  readonly keyKind: string;
  readonly id: string;
  readonly line: number;
}

async function run(client: string, version: 1 | 2, body: string) {
  return waitForBatch(await acceptedBatch(sb().baseUrl, client, version, body));
}
async function dropped(client: string, query = ''): Promise<Dropped[]> {
  const r = await admin(sb(), 'GET', `/admin/clients/${client}/dropped-rows${query}`);
  expect(r.status).toBe(200);
  return r.json['rows'] as Dropped[];
}

describe('dropped rows', () => {
  it('lists exactly the rows a fetch then cannot find, v2 and v1, with their batch and 1-based line (the header is line 1)', async () => {
    const c = uniqueClient();
    await admin(sb(), 'PUT', `/admin/clients/${c}/settings`, { faults: { dropRowRate: 0.3 }, chunkRows: 64 });
    const keys = Array.from({ length: 200 }, (_, i) => `k${i}`);
    // Line 2 onwards: k0..k99, an empty line (not a row), a failing key, then k100..k199.
    const lines = [...keys.slice(0, 100).map((k) => `${k},first`), '', 'bad%2Bkey,first', ...keys.slice(100).map((k) => `${k},first`)];
    const lineOf = new Map(lines.map((l, i) => [l.split(',')[0] as string, i + 2]));
    const first = await run(c, 2, `batch=thirdPartyId,a\n${lines.join('\n')}\n`);
    expect(first.counters).toEqual({ consumedCount: 201, successfulUpdates: 200, profilesNotFound: 0, failedUpdates: 1 });

    const lost = await dropped(c);
    expect(lost.length).toBeGreaterThan(30);
    expect(lost.length).toBeLessThan(90);
    for (const row of lost) expect(row).toEqual({ batchId: first.batchId, keyKind: 'thirdPartyId', id: row.id, line: lineOf.get(row.id) });
    const missing: string[] = [];
    for (const k of keys) if ((await fetchProfile(sb().baseUrl, c, 'thirdPartyId', k)).status === 404) missing.push(k);
    expect(lost.map((r) => r.id).sort()).toEqual(missing.sort());

    // v1 over every key: rows for the missing profiles are not found (not dropped); of the others, the
    // dropped ones are exactly those still holding the first value.
    const second = await run(c, 1, `batch=thirdPartyId,a\n${keys.map((k) => `${k},second`).join('\n')}\n`);
    expect(second.counters?.profilesNotFound).toBe(missing.length);
    const lostAgain = await dropped(c, `?batchId=${encodeURIComponent(second.batchId ?? '')}`);
    expect(lostAgain.length).toBeGreaterThan(20);
    for (const row of lostAgain) expect(row).toMatchObject({ batchId: second.batchId, line: keys.indexOf(row.id) + 2 });
    const stale: string[] = [];
    for (const k of keys) {
      const got = await fetchProfile(sb().baseUrl, c, 'thirdPartyId', k);
      if (got.status === 200 && attributeValues(got.json)['a'] === 'first') stale.push(k);
    }
    expect(lostAgain.map((r) => r.id).sort()).toEqual(stale.sort());
    expect(await dropped(c)).toHaveLength(lost.length + lostAgain.length);
  });

  it('lists nothing without the fault, and nothing for another client', async () => {
    const c = uniqueClient();
    await run(c, 2, `batch=thirdPartyId,a\n${Array.from({ length: 50 }, (_, i) => `k${i},x`).join('\n')}\n`);
    expect(await dropped(c)).toEqual([]);
    const other = uniqueClient();
    await admin(sb(), 'PUT', `/admin/clients/${other}/settings`, { faults: { dropRowRate: 1 } });
    await run(other, 2, 'batch=pcId,a\np1,x\n');
    expect(await dropped(other)).toEqual([{ batchId: expect.any(String) as string, keyKind: 'pcId', id: 'p1', line: 2 }]);
    expect(await dropped(c)).toEqual([]);
  });

  it('DELETE clears the list (one batch with ?batchId=, or all), answering what is left to list', async () => {
    const c = uniqueClient();
    await admin(sb(), 'PUT', `/admin/clients/${c}/settings`, { faults: { dropRowRate: 1 } });
    const a = await run(c, 2, 'batch=thirdPartyId,a\nk1,x\nk2,x\n');
    const b = await run(c, 2, 'batch=thirdPartyId,a\nk3,x\n');
    expect((await dropped(c)).map((r) => r.id)).toEqual(['k1', 'k2', 'k3']);
    const cleared = await admin(sb(), 'DELETE', `/admin/clients/${c}/dropped-rows?batchId=${encodeURIComponent(a.batchId ?? '')}`);
    expect(cleared.json).toEqual({ rows: [] });
    expect(await dropped(c)).toEqual([{ batchId: b.batchId, keyKind: 'thirdPartyId', id: 'k3', line: 2 }]);
    expect((await admin(sb(), 'DELETE', `/admin/clients/${c}/dropped-rows`)).json).toEqual({ rows: [] });
    expect(await dropped(c)).toEqual([]);
    expect((await admin(sb(), 'POST', `/admin/clients/${c}/dropped-rows`)).status).toBe(405);
  });

  it('keeps the list across a restart', async () => {
    const c = uniqueClient();
    const first = await startSandbox({ keepDataDir: true, settings: { faults: { dropRowRate: 1 } } });
    try {
      await waitForBatch(await acceptedBatch(first.baseUrl, c, 2, 'batch=thirdPartyId,a\nk1,x\n'));
    } finally {
      await first.close();
    }
    const again = await startSandbox({ dataDir: first.dataDir });
    try {
      const r = await admin(again, 'GET', `/admin/clients/${c}/dropped-rows`);
      expect(r.json['rows']).toMatchObject([{ keyKind: 'thirdPartyId', id: 'k1', line: 2 }]);
    } finally {
      await again.close();
      await rm(first.dataDir, { recursive: true, force: true });
    }
  });
});
