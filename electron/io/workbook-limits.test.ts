// Issue 13, item 3: crafted workbooks are refused quickly in bounded memory, each naming the limit it
// broke; ZIP64 workbooks and rows/cells without `r=` (valid OOXML) are read.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDirForTests } from './fixtures/temp-dir-for-tests.js';
import { WORKBOOK_BOMBS, workbookWithoutRefs, writeWorkbookBombs, zip64Workbook, type WorkbookBomb } from './fixtures/workbook-bombs.js';
import { openTable } from './open-table.js';
import { readAllRows } from './read-all.js';

const { dir } = tempDirForTests('pl-bombs-');

describe('workbooks the reader must accept', () => {
  it('reads a ZIP64 workbook', async () => {
    const path = join(dir(), 'zip64.xlsx');
    await writeFile(path, zip64Workbook());
    const info = await openTable(path);
    expect(info.headers).toEqual(['thirdPartyId', 'tier']);
    expect((await readAllRows(path, info)).rows).toEqual([['CRM-1', 'gold']]);
  });

  it('places rows and cells without r= after the previous one (shared strings with rich text too)', async () => {
    const path = join(dir(), 'no-refs.xlsx');
    await writeFile(path, workbookWithoutRefs());
    const info = await openTable(path);
    expect(info).toMatchObject({ headerRow: 1, headers: ['thirdPartyId', 'tier'] });
    const read = await readAllRows(path, info);
    expect(read.rows).toEqual([['CRM-1', '7'], ['', '3', 'extra'], ['CRM-6', '']]);
    expect(read.notes).toEqual([expect.objectContaining({ code: 'extra-cells', row: 2 })]);
  });
});

describe('crafted workbooks', () => {
  it('every bomb is refused within 5 s, naming its limit, with the reading process below 300 MB peak RSS', async () => {
    const paths = await writeWorkbookBombs(dir());
    const child = fileURLToPath(new URL('./fixtures/read-bombs-child.ts', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', child, ...Object.values(paths)], { maxBuffer: 1 << 20 });
    const report = JSON.parse(stdout) as { results: { path: string; ms: number; code: string | null; limit: unknown }[]; peakRssMb: number };
    const byBomb = Object.fromEntries((Object.keys(paths) as WorkbookBomb[]).map((k) => [k, report.results.find((r) => r.path === paths[k])]));
    for (const [key, spec] of Object.entries(WORKBOOK_BOMBS) as [WorkbookBomb, (typeof WORKBOOK_BOMBS)[WorkbookBomb]][]) {
      const r = byBomb[key];
      expect(r, key).toBeDefined();
      // A part that lies about its size is stopped at the size it claimed: damaged, not a limit.
      expect({ key, code: r?.code, limit: r?.limit }).toEqual({ key, code: spec.limit === null ? 'corrupt-xlsx' : 'workbook-limit', limit: spec.limit });
      expect(r?.ms, `${key} took ${r?.ms} ms`).toBeLessThan(5000);
    }
    console.log(`workbook bombs: peak RSS ${report.peakRssMb} MB; ms per bomb ${report.results.map((r) => r.ms).join(', ')}`);
    expect(report.peakRssMb).toBeLessThan(300);
  }, 60_000);
});
