import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultMapping } from '../../../shared/domain/mapping-spec.js';
import { DEFAULT_VALUE_FIXES } from '../../../shared/validation/value-fixes.js';
import { prepareInWorker } from './prepare-runner.js';
import { unpackIssues } from './packed-issues.js';
import { runPrepare } from './prepare-pipeline.js';
import type { PrepareProgress, PrepareRequest } from './prepare-types.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'prepare-runner-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const req = (path: string, outDir: string, headers: string[]): PrepareRequest => ({
  path,
  read: {},
  mapping: defaultMapping(headers, headers[0]!, 'thirdPartyId'),
  duplicates: 'flag',
  fixes: { ...DEFAULT_VALUE_FIXES, comma: { kind: 'replace', with: ' ' } },
  edits: [],
  outDir,
});

describe('prepareInWorker', () => {
  it('runs the pipeline in a worker thread (from TypeScript source under vitest) with the same bytes as in-process', async () => {
    const path = join(dir, 'small.csv');
    await writeFile(path, 'id,city\nK-1,서울\nK-2,"Daejeon, KR"\nK+3,x\n');
    const events: PrepareProgress[] = [];
    const inWorker = await prepareInWorker(req(path, join(dir, 'w'), ['id', 'city']), { onProgress: (p) => events.push(p) });
    const inProcess = await runPrepare(req(path, join(dir, 'p'), ['id', 'city']));
    expect(inWorker.manifest).toMatchObject({ rows: 3, valid: 2, rejected: 1 });
    expect([...inWorker.fileIssues, ...unpackIssues(inWorker.rowIssues)]).toEqual(inProcess.issues);
    expect(unpackIssues(inWorker.rowIssues)[0]).toMatchObject({ code: 'value-comma-fixed', row: 2, column: 'city', params: { value: 'Daejeon, KR' } });
    const a = await readFile(join(dir, 'w', 'batch-0001.txt'));
    expect(a.equals(await readFile(join(dir, 'p', 'batch-0001.txt')))).toBe(true);
    expect(events.at(-1)).toEqual({ stage: 'finishing', rows: 3 });
  });

  it('reports a coded error for unusable input', async () => {
    const path = join(dir, 'empty.csv');
    await writeFile(path, '');
    await expect(prepareInWorker(req(path, join(dir, 'e'), ['id']))).rejects.toMatchObject({ code: 'empty-file' });
  });

  it('cancels a running job when the signal aborts', async () => {
    const big = { path: join(dir, 'big.csv') };
    const lines = ['thirdPartyId,name,city'];
    for (let i = 0; i < 150_000; i++) lines.push(`T-${i},"이름 ${i}",서울`);
    await writeFile(big.path, lines.join('\n'));
    const abort = new AbortController();
    const run = prepareInWorker(req(big.path, join(dir, 'c'), ['thirdPartyId']), {
      signal: abort.signal,
      onProgress: (p) => {
        if (p.stage === 'reading') abort.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
  });
});
