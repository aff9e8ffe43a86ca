// The job-data worker does the row-sized work of a finished job off the main thread: what it writes must
// be byte for byte what the same function writes on the calling thread, and its write errors must reach
// the caller as the WriteFailedError the job service tests for.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../sandbox/index.js';
import { resultCsvWordsEn } from '../messages/outcome-words.js';
import { createUploadServices } from '../services/upload-services.js';
import { writeResultCsv } from '../services/results/result-csv.js';
import { WriteFailedError } from '../store/write-failure.js';
import { tempHome, writePrepared } from '../upload/testing/fixtures.js';
import { inJobDataWorker, stopJobDataWorker } from './job-data-client.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

describe('the job-data worker', () => {
  it('writes the same result CSV bytes as the calling thread, in English and in the words given', async () => {
    const sandbox = await startSandbox({ processingDelayMs: 10 });
    const home = await tempHome();
    const services = await createUploadServices({ homeDir: home, keychain: null });
    cleanups.push(async () => {
      await services.close();
      await sandbox.close();
      await rm(home, { recursive: true, force: true });
    });
    const profile = await services.connections.save({ name: 'S', environment: '', color: '', clientCode: 'acme', apiVersion: 'v2', baseUrl: sandbox.baseUrl });
    const prepared = join(home, 'in');
    const lines = await writePrepared(prepared, { batches: 2, rowsPerBatch: 30, rejected: 2, excluded: 1 });
    const spec = await services.jobs.create({ preparedDir: prepared, profileId: profile.id });
    expect((await services.jobs.run(spec.jobId)).state).toBe('completed');
    const job = await services.jobs.load(spec.jobId);
    const korean = { locale: 'ko-KR', csv: { ...resultCsvWordsEn, outcomeHeader: '결과', outcome: { ...resultCsvWordsEn.outcome, confirmed: '업데이트됨' } }, issueCodes: {}, issueAtColumn: '`{{column}}` 열: {{text}}' };
    for (const words of [undefined, korean]) {
      const here = join(home, 'here.csv');
      const there = join(home, 'there.csv');
      const rowsHere = await writeResultCsv(job.spec, job.view, job.events, here, null, words);
      const rowsThere = await inJobDataWorker('resultCsv', { ...job, path: there, verifyJournal: null, words });
      expect(rowsThere).toBe(rowsHere);
      expect(rowsThere).toBe(lines + 3);
      expect((await readFile(there)).equals(await readFile(here))).toBe(true);
    }
  });

  it('rejects a write it cannot make with a WriteFailedError naming the path and reason, and serves the next call', async () => {
    const home = await tempHome();
    cleanups.push(() => rm(home, { recursive: true, force: true }));
    const prepared = join(home, 'in');
    await writePrepared(prepared, { batches: 1, rowsPerBatch: 3 });
    // A file where the results folder should be: the folder cannot be made (ENOTDIR).
    const blocked = join(prepared, 'manifest.json');
    const job = { spec: { jobId: 'j', batches: [], source: { preparedDir: prepared } } as never, view: { batches: [] } as never, events: [] };
    const path = join(blocked, 'results.csv');
    const here = await writeResultCsv(job.spec, job.view, job.events, path).catch((e: unknown) => e);
    const failed = await inJobDataWorker('resultCsv', { ...job, path, verifyJournal: null }).catch((e: unknown) => e);
    expect(here).toBeInstanceOf(WriteFailedError);
    expect(failed).toBeInstanceOf(WriteFailedError);
    const { code, errno, params } = here as WriteFailedError;
    expect(failed).toMatchObject({ code, path: blocked, errno, params });
    await stopJobDataWorker();
    const again = await inJobDataWorker('verifyProblems', { preparedDir: prepared, run: { settled: new Map() } as never, offset: 0, limit: 10 });
    expect(again).toEqual({ total: 0, rows: [] });
  });

  it('reads a text file and encodes a JSON reply exactly as the main thread would', async () => {
    const home = await tempHome();
    cleanups.push(() => rm(home, { recursive: true, force: true }));
    const text = '\uFEFFOutcome,Reason\r\n"=1+1, ""quoted""",서울\n'.repeat(5000);
    const path = join(home, 'results.csv');
    await writeFile(path, text);
    expect(await inJobDataWorker('readText', { path })).toBe(text);
    const reply = { ok: true, value: { name: 'results.csv', rows: 5000, text } };
    expect(Buffer.from(await inJobDataWorker('encodeJson', { value: reply })).equals(Buffer.from(JSON.stringify(reply)))).toBe(true);
  });
});
