import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterEach, describe, expect, it } from 'vitest';
import type { FileSummary, MappingSuggestion, ResultDownload, ReviewSummary } from '../../../shared/contract/index.js';
import { resultWordsSchema, type ResultWords } from '../../../shared/contract/result-words.js';
import type { JobView } from '../../../shared/jobs/job-reducer.js';
import { resultCsvWordsEn } from '../../messages/outcome-words.js';
import { useAppServices } from '../testing/app-services-harness.js';
import { RESULT_MACHINE_HEADER } from './result-csv.js';

const harness = useAppServices('pl-result-csv-');
const call = harness.call.bind(harness);
const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

// Row 2's id has a `+` (blocked), row 3 is left out by hand, row 4 repeats row 1's id (left out by
// first-wins), row 5 starts with `=` and holds a comma and a quote, row 6 is plain.
const SOURCE = [
  'customer id,tier,note',
  'C-1,Gold,first',
  'C+2,Silver,blocked id',
  'C-3,Bronze,left out by hand',
  'C-1,Gold,same key again',
  'C-5,Gold,"=1+1, ""quoted"""',
  'C-6,  Silver ,spaces kept',
].join('\r\n');

/** Opens SOURCE, maps it, leaves row 3 out and the blocked row out, uploads to the built-in sandbox; resolves with the finished view. */
async function uploadSource(): Promise<JobView> {
  const dir = await mkdtemp(join(tmpdir(), 'pl-result-src-'));
  dirs.push(dir);
  const path = join(dir, 'customers.csv');
  await writeFile(path, SOURCE);
  const file = await call<FileSummary>('files.open', { path });
  const { mapping } = await call<MappingSuggestion>('mapping.suggest', { fileId: file.fileId });
  const idMapping = { ...mapping, idColumn: 'customer id', idKind: 'thirdPartyId' as const, columns: mapping.columns.filter((c) => c.column !== 'customer id') };
  await call<ReviewSummary>('review.run', { fileId: file.fileId, mapping: idMapping, duplicates: 'first-wins' });
  await call<ReviewSummary>('review.edit', { fileId: file.fileId, edits: [{ row: 3, exclude: true }] });
  const summary = await call<ReviewSummary>('review.bulk', { fileId: file.fileId, bulk: { action: 'exclude-blocking' } });
  expect(summary.uploadAllowed).toBe(true);
  let jobId = '';
  const finished = new Promise<void>((resolve) => {
    const off = harness.services().bus.subscribe((event) => {
      if (event.type === 'job.finished' && event.jobId === jobId) {
        off();
        resolve();
      }
    });
  });
  ({ jobId } = await call<{ jobId: string }>('jobs.start', { preparedDir: summary.preparedDir, profileId: 'local-sandbox' }));
  await finished;
  return call<JobView>('jobs.get', { jobId });
}

function parse(text: string): { header: string[]; rows: Record<string, string>[]; cells: string[][] } {
  expect(text.startsWith('\uFEFF')).toBe(true);
  const cells = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
  const header = cells[0] as string[];
  return { header, cells: cells.slice(1), rows: cells.slice(1).map((c) => Object.fromEntries(header.map((h, i) => [h, c[i] ?? '']))) };
}

describe('the result CSV', () => {
  it('gives every input row one line in input order: plain outcome and reason, the cells as read, then the machine columns', async () => {
    const view = await uploadSource();
    const file = await call<ResultDownload>('results.download', { jobId: view.jobId });
    expect(await readFile(file.path, 'utf8')).toBe(file.text);
    const { header, rows, cells } = parse(file.text!);
    expect(header).toEqual(['Outcome', 'Reason', 'customer id', 'tier', 'note', ...RESULT_MACHINE_HEADER]);
    expect(cells.every((c) => c.length === header.length)).toBe(true);
    expect(rows.map((r) => r.row)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(file.rows).toBe(6);
    const [sent, blocked, leftOut, duplicate, formula, spaced] = rows as [Record<string, string>, Record<string, string>, Record<string, string>, Record<string, string>, Record<string, string>, Record<string, string>];
    expect(sent).toMatchObject({ Outcome: 'Updated', Reason: '', 'customer id': 'C-1', tier: 'Gold', key: 'C-1', outcome: 'confirmed', batch: '1' });
    expect(sent.batch_id).not.toBe('');
    // Left out because checks blocked it: its key and the check's reason.
    expect(blocked).toMatchObject({ Outcome: 'Left out', 'customer id': 'C+2', key: 'C+2', outcome: 'excluded', batch: '', batch_id: '' });
    expect(blocked.Reason).toBe('Left out by you; the checks had blocked it: Column `customer id`: `+` is not allowed in an mbox3rdPartyId');
    expect(leftOut).toMatchObject({ Outcome: 'Left out', Reason: 'Left out by you.', 'customer id': 'C-3', note: 'left out by hand', key: 'C-3', outcome: 'excluded' });
    expect(duplicate).toMatchObject({ Outcome: 'Left out', Reason: 'Another row has the same key; that row was sent instead.', key: 'C-1', note: 'same key again' });
    // Formula-safe, and otherwise the cell exactly as read (comma, quotes, spaces).
    expect(formula.note).toBe(`'=1+1, "quoted"`);
    expect(file.text).toContain(`"'=1+1, ""quoted"""`);
    expect(spaced.tier).toBe('  Silver ');
    expect(spaced.outcome).toBe('confirmed');
  });

  it('speaks the words it is given: outcome terms, reasons and issue words in that language', async () => {
    const view = await uploadSource();
    const words: ResultWords = {
      locale: 'ko-KR',
      csv: {
        ...resultCsvWordsEn,
        outcomeHeader: '결과',
        reasonHeader: '이유',
        outcome: { ...resultCsvWordsEn.outcome, confirmed: '업데이트됨', excluded: '제외됨' },
        reason: { ...resultCsvWordsEn.reason, 'excluded-by-you': '직접 제외했습니다.', 'excluded-blocked': '직접 제외했습니다. 검사에서 차단된 행입니다: {{reasons}}' },
      },
      issueCodes: { 'id-forbidden-char': 'mbox3rdPartyId에는 `{{char}}` 문자를 쓸 수 없습니다' },
      issueAtColumn: '`{{column}}` 열: {{text}}',
    };
    expect(resultWordsSchema.safeParse(words).success).toBe(true);
    const file = await call<ResultDownload>('results.download', { jobId: view.jobId, words });
    const { header, rows } = parse(file.text!);
    expect(header.slice(0, 2)).toEqual(['결과', '이유']);
    expect(rows[0]).toMatchObject({ 결과: '업데이트됨', outcome: 'confirmed' });
    expect(rows[1]).toMatchObject({ 결과: '제외됨', 이유: '직접 제외했습니다. 검사에서 차단된 행입니다: `customer id` 열: mbox3rdPartyId에는 `+` 문자를 쓸 수 없습니다', key: 'C+2' });
    expect(rows[2]).toMatchObject({ 결과: '제외됨', 이유: '직접 제외했습니다.', key: 'C-3', outcome: 'excluded' });
    // The words argument is checked at the contract: no template may be missing.
    await expect(call('results.download', { jobId: view.jobId, words: { ...words, csv: { ...words.csv, outcome: {} } } })).rejects.toMatchObject({ code: 'bad-arguments' });
  });

  it('says so when the rows as read were not kept (a job prepared before this version)', async () => {
    const view = await uploadSource();
    await rm(join(view.spec!.source.preparedDir, 'source-rows.csv'));
    const file = await call<ResultDownload>('results.download', { jobId: view.jobId });
    const { header, rows } = parse(file.text!);
    expect(header).toEqual(['Outcome', 'Reason', ...RESULT_MACHINE_HEADER]);
    expect(rows).toHaveLength(6);
    expect(rows[2]).toMatchObject({ Outcome: 'Left out', row: '3' });
    expect(rows[2]!.Reason).toContain('The original cells of this row were not kept');
  });
});
