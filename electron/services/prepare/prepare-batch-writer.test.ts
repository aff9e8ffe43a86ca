// The batch writer reuses its stage buffers once the file stream has written them: many megabytes of
// lines, split across files by the row limit, must come out exactly as added.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchLimits } from '../../../shared/batch/batch-limits.js';
import { BatchFileWriter, batchFileName } from './prepare-batch-writer.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'batch-writer-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('BatchFileWriter', () => {
  it('writes every line once, in order, into files split at the row limit, across many reused buffers', async () => {
    const prefix = 'batch=thirdPartyId,profile.n';
    const writer = new BatchFileWriter(dir, prefix, batchLimits(40_000));
    const lines: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      // Lines of varying length (about 8 MB in all), each naming its own number.
      const line = `id-${i},${'x'.repeat(i % 150)}${i}`;
      lines.push(line);
      writer.add(line);
      if (i % 997 === 0) await writer.drain();
    }
    const batches = await writer.finish();
    expect(batches.map((b) => b.rows)).toEqual([40_000, 40_000, 20_000]);
    let next = 0;
    for (const b of batches) {
      const text = await readFile(join(dir, batchFileName(b.index)), 'latin1');
      const body = text.split('\n');
      expect(body[0]).toBe(prefix);
      expect(body.slice(1)).toEqual(lines.slice(next, next + b.rows));
      expect(Buffer.byteLength(text, 'latin1')).toBe(b.bytes);
      next += b.rows;
    }
    expect(next).toBe(lines.length);
  });
});
