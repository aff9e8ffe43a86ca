import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultMapping } from '../../../shared/domain/mapping-spec.js';
import type { RowEdit } from '../../../shared/domain/row-overlay.js';
import { hashId } from '../../../shared/validation/duplicate-tracker.js';
import { duplicatePolicySchema, type DuplicatePolicy } from '../../../shared/validation/duplicate-policy.js';
import { DEFAULT_VALUE_FIXES } from '../../../shared/validation/value-fixes.js';
import { estimateRows } from './duplicate-screen.js';
import { DuplicateSpill } from './duplicate-spill.js';
import { runPrepare } from './prepare-pipeline.js';
import { SPILL_DIR } from './prepare-processor.js';
import type { PrepareRequest, PrepareResult } from './prepare-types.js';

let dir: string;
let n = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'duplicate-screen-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function hashOf(id: string): [number, number] {
  const out = new Uint32Array(2);
  hashId(id, out, 0);
  return [out[0]!, out[1]!];
}

describe('DuplicateSpill', () => {
  it('marks every row whose identifier repeats, in any partition, and removes its files', async () => {
    const spillDir = join(dir, `spill-${++n}`);
    const spill = await DuplicateSpill.create(spillDir, 10, 16);
    // 3,000 rows: ids repeat every 1,000 rows for rows 1-100, and 2,500 repeats 7 — spread over 16 partitions
    // and past the write buffer, so the spill goes to disk several times per partition.
    const idOf = (row: number): string => (row === 2500 ? 'id-7' : row % 1000 <= 100 && row % 1000 > 0 ? `id-${row % 1000}` : `id-${row}`);
    for (let row = 1; row <= 3000; row++) {
      const [lo, hi] = hashOf(idOf(row));
      spill.add(lo, hi, row);
      if (row % 500 === 0) await spill.drain();
    }
    const shared = await spill.resolve();
    const expected: number[] = [];
    const counts = new Map<string, number>();
    for (let row = 1; row <= 3000; row++) counts.set(idOf(row), (counts.get(idOf(row)) ?? 0) + 1);
    for (let row = 1; row <= 3000; row++) if (counts.get(idOf(row))! > 1) expected.push(row);
    const marked = Array.from({ length: 3000 }, (_, i) => i + 1).filter((row) => shared.has(row));
    expect(marked).toEqual(expected);
    expect(shared.count).toBe(expected.length);
    // A row past the screened ones counts as shared (checked in memory as before).
    expect(shared.has(5000)).toBe(true);
    await expect(readdir(spillDir)).rejects.toThrow();
  });
});

describe('estimateRows', () => {
  it('errs high: counts characters, not bytes', () => {
    expect(estimateRows(1000, [['ab', 'c'], ['abcd', '']])).toBe(Math.ceil(1000 / 5.5));
    expect(estimateRows(1000, [])).toBe(0);
  });
});

/**
 * A file whose duplicates fall in many spill partitions: ids repeat far apart and close together, a first
 * occurrence is rejected (so the next one counts as first), an edit makes a unique id a duplicate and
 * another edit makes a duplicate unique, and an excluded row's id repeats.
 */
function dupText(): string {
  const lines = ['id,tier,city'];
  for (let row = 1; row <= 400; row++) {
    let id = `C-${row % 97}`;
    if (row % 5 === 0) id = `U-${row}`;
    if (row === 6) id = 'C+6';
    const tier = row % 3 === 0 ? '' : `t${row}`;
    const city = row % 4 === 0 ? `city${row}` : '';
    lines.push(`${id},${tier},${city}`);
  }
  lines.push('C-6,late,');
  return lines.join('\n') + '\n';
}

const edits: RowEdit[] = [
  { row: 10, cells: { id: 'C-3' } },
  { row: 3, cells: { id: 'EDITED-3' } },
  { row: 98, exclude: true },
];

function request(path: string, duplicates: DuplicatePolicy, extra: Partial<PrepareRequest>): PrepareRequest {
  const mapping = defaultMapping(['id', 'tier', 'city'], 'id', 'thirdPartyId');
  return { path, read: {}, mapping, duplicates, fixes: DEFAULT_VALUE_FIXES, edits, outDir: join(dir, `out-${++n}`), batchRows: 50, ...extra };
}

async function outputs(req: PrepareRequest, r: PrepareResult): Promise<Record<string, unknown>> {
  const files = (await readdir(req.outDir)).filter((f) => f !== 'manifest.json').sort();
  const contents = await Promise.all(files.map(async (f) => [f, (await readFile(join(req.outDir, f))).toString('base64')] as const));
  const { createdAt: _createdAt, ...manifest } = r.manifest;
  return { manifest, issues: r.issues, counts: r.issueCounts, files: Object.fromEntries(contents) };
}

describe('runPrepare with the duplicate screen', () => {
  for (const policy of duplicatePolicySchema.options) {
    it(`gives the same outputs as the in-memory table under ${policy}`, async () => {
      const path = join(dir, `dups-${++n}.csv`);
      await writeFile(path, dupText());
      const memReq = request(path, policy, {});
      const mem = await runPrepare(memReq);
      const screenReq = request(path, policy, { duplicateMemoryRows: 0, duplicateSpillPartitions: 8 });
      const progress: number[] = [];
      const screened = await runPrepare(screenReq, { onProgress: (p) => p.stage === 'reading' && progress.push(p.bytesRead) });
      // Both reads count toward one bar that never moves back.
      expect(progress.length).toBeGreaterThan(1);
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
      expect(await outputs(screenReq, screened)).toEqual(await outputs(memReq, mem));
      // The spill folder is gone; the duplicates were really found, naming the first row that had the id.
      expect(await readdir(screenReq.outDir)).not.toContain(SPILL_DIR);
      const dup = screened.issues.filter((i) => i.code.startsWith('duplicate-id'));
      expect(dup.length).toBeGreaterThan(100);
      expect(dup.find((i) => i.row === 196)?.params.otherRow).toBe(2);
      // Row 3 was edited away from C-3, row 10 edited to it: row 10 is the first C-3, row 197 repeats it.
      expect(dup.find((i) => i.row === 3 || i.row === 10)).toBeUndefined();
      expect(dup.find((i) => i.row === 197)?.params.otherRow).toBe(10);
      // Row 6 (C-6 in spirit, but 'bad+id') was rejected, so row 103 is the first C-6 that counts.
      expect(dup.find((i) => i.row === 103)).toBeUndefined();
      expect(dup.find((i) => i.row === 401)?.params.otherRow).toBe(103);
    });
  }

  it('stops when cancelled while screening, leaving no spill folder', async () => {
    const path = join(dir, `dups-${++n}.csv`);
    await writeFile(path, dupText());
    const req = request(path, 'flag', { duplicateMemoryRows: 0, duplicateSpillPartitions: 4 });
    const abort = new AbortController();
    const run = runPrepare(req, { signal: abort.signal, onProgress: (p) => p.stage === 'reading' && p.rows === 0 && abort.abort() });
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
    expect(await readdir(req.outDir)).not.toContain(SPILL_DIR);
  });
});
