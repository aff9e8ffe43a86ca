// Damaged copies of good files (seeded, so a failure reproduces): each must read or fail with a
// TableReadError — never another exception, never a hang (the test timeout would catch one).
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../sandbox/rng.js';
import { tempDirForTests } from './fixtures/temp-dir-for-tests.js';
import { makeFixtures } from './fixtures/make-fixtures.js';
import { openTable } from './open-table.js';
import { readAllRows } from './read-all.js';
import { TableReadError } from './table-types.js';

const { dir, made: fx } = tempDirForTests('io-fuzz-', makeFixtures);

/** Returns a seeded picker of whole numbers in [0, n). */
function rng(seed: number): (n: number) => number {
  const random = seededRandom(seed);
  return (n) => Math.floor(random() * n);
}

/** Returns a copy of `bytes` with a few bytes flipped, cut, or duplicated, chosen by `seed`. */
function damage(bytes: Buffer, seed: number): Buffer {
  const next = rng(seed);
  const out = Buffer.from(bytes);
  switch (next(3)) {
    case 0:
      for (let i = 0; i < 1 + next(8); i++) out[next(out.length)] = next(256);
      return out;
    case 1:
      return out.subarray(0, next(out.length));
    default: {
      const at = next(out.length);
      return Buffer.concat([out.subarray(0, at), out.subarray(next(out.length)), out.subarray(at)]);
    }
  }
}

async function outcome(path: string): Promise<string> {
  try {
    const info = await openTable(path);
    const { rows } = await readAllRows(path, info);
    return `ok ${rows.length}`;
  } catch (e) {
    if (e instanceof TableReadError) return e.code;
    throw e;
  }
}

describe('damaged files never crash or hang the readers', () => {
  for (const key of ['xlsxTextIds', 'koreanCp949', 'utf16leTab', 'europeanSemicolon1252'] as const) {
    it(`${key}: 40 damaged copies`, async () => {
      const original = await readFile(fx()[key]);
      const seen = new Map<string, number>();
      for (let seed = 1; seed <= 40; seed++) {
        const path = join(dir(), `${key}-${seed}`);
        await writeFile(path, damage(original, seed * 7919));
        const result = await outcome(path);
        const kind = result.startsWith('ok') ? 'ok' : result;
        seen.set(kind, (seen.get(kind) ?? 0) + 1);
      }
      // Every outcome is a read or a TableReadError (anything else was thrown above and failed the test).
      expect([...seen.keys()].every((k) => k === 'ok' || /^[a-z-]+$/.test(k))).toBe(true);
      if (key === 'xlsxTextIds') expect(seen.get('corrupt-xlsx') ?? 0).toBeGreaterThan(0);
    });
  }
});
