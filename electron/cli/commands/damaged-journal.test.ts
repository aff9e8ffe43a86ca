// Issue 13, items 1 and 7: a job whose journal is damaged in the middle is listed as damaged with the
// line and the way out, refuses to be shown or resumed silently, and `jobs repair` keeps the records
// before the damage (batches the usage ledger shows were being sent get an unknown outcome) so it can
// be resumed to the end.
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../../sandbox/index.js';
import { jobPaths } from '../../services/jobs/job-paths.js';
import { tempHome } from '../../upload/testing/fixtures.js';
import { runCli } from '../main.js';
import { describeError } from '../../messages/error-words.js';
import type { JobError } from '../../../shared/jobs/job-events.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function cli(h: string, argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t), stdin: Readable.from(['']), env: { PROFILE_LOADER_HOME: h } });
  return { code, out, err };
}

describe('a damaged job journal', () => {
  it('is listed as damaged with its line, is not resumed silently, and is repaired up to the last good record', async () => {
    const h = await tempHome();
    cleanups.push(() => rm(h, { recursive: true, force: true }));
    const sandbox = await startSandbox({ settings: { rateLimitWindowMs: 1000 } });
    cleanups.push(() => sandbox.close());
    const csv = join(h, 'people.csv');
    await writeFile(csv, `crm_id,tier\n${Array.from({ length: 30 }, (_, i) => `C${i},t${i % 2}`).join('\n')}\n`);
    expect((await cli(h, ['connections', 'add', '--name', 'Dev', '--base-url', sandbox.baseUrl, '--client-code', 'acme', '--api-version', 'v2'])).code).toBe(0);
    const up = JSON.parse((await cli(h, ['upload', csv, '--id-column', 'crm_id', '--id-type', 'thirdPartyId', '--batch-rows', '10', '--profile', 'Dev', '--json'])).out) as { jobId: string };

    // A torn append followed by later records, as the old journal could leave: line 6 is cut short.
    const journal = jobPaths(h, up.jobId).journal;
    const lines = (await readFile(journal, 'utf8')).split('\n');
    lines[5] = (lines[5] as string).slice(0, 40);
    await writeFile(journal, lines.join('\n'));

    const listed = JSON.parse((await cli(h, ['jobs', 'list', '--json'])).out) as { jobId: string; state: string; message: string }[];
    expect(listed).toEqual([expect.objectContaining({ jobId: up.jobId, state: 'damaged', message: expect.stringContaining('damaged at line 6 (not JSON)') })]);
    expect(listed[0]?.message).toContain(`jobs repair ${up.jobId}`);
    const resume = await cli(h, ['jobs', 'resume', up.jobId, '--json']);
    expect(resume).toMatchObject({ code: 2, err: expect.stringContaining('damaged at line 6') });

    const repaired = await cli(h, ['jobs', 'repair', up.jobId, '--json']);
    expect(repaired.code).toBe(0);
    const view = JSON.parse(repaired.out) as { state: string; alerts: JobError[] };
    expect(view.state).toBe('interrupted');
    // Which two batches the kept records left unsent depends on the order the two sends were recorded in.
    const alert = view.alerts.at(-1)!;
    expect(alert).toMatchObject({ code: 'journal-repaired', params: { line: 6, kept: 5, batches: [expect.any(Number), expect.any(Number)] } });
    expect(describeError(alert)).toMatch(/the 5 records before it were kept and batch \d, \d now has an unknown outcome/);
    expect((await readdir(jobPaths(h, up.jobId).dir)).some((n) => /^journal\.damaged-.+\.jsonl$/.test(n))).toBe(true);

    // The unknown-outcome rule decides (nothing else wrote to these profiles: send again), and the job ends whole.
    const done = await cli(h, ['jobs', 'resume', up.jobId, '--json']);
    expect(done.code).toBe(0);
    expect(JSON.parse(done.out)).toMatchObject({ state: 'completed', rows: 30, confirmed: 30, unknown: 0 });
    expect(await cli(h, ['jobs', 'repair', up.jobId])).toMatchObject({ code: 2, err: expect.stringContaining('is not damaged') });
  }, 60_000);
});
