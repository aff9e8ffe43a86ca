import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RowStore } from './row-store.js';

let dir: string;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('RowStore', () => {
  it('serves any page across block boundaries, with non-ASCII and separators intact', async () => {
    dir = await mkdtemp(join(tmpdir(), 'rowstore-'));
    const store = await RowStore.create(join(dir, 'rows.jsonl'));
    const all: string[][] = [];
    for (let chunk = 0; chunk < 7; chunk++) {
      const rows = Array.from({ length: 131 }, (_, i) => {
        const n = chunk * 131 + i + 1;
        return [`id-${n}`, n % 3 === 0 ? '김민준, "quoted"\nline' : `v${n}`];
      });
      all.push(...rows);
      await store.append(rows);
    }
    expect(store.rowCount).toBe(917);
    expect(await store.read(1, 3)).toEqual(all.slice(0, 3));
    expect(await store.read(250, 20)).toEqual(all.slice(249, 269));
    expect(await store.read(512, 1)).toEqual([all[511]]);
    expect(await store.read(900, 50)).toEqual(all.slice(899));
    expect(await store.read(918, 5)).toEqual([]);
    await store.close();
  });
});
