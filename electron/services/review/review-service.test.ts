import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppCallError } from '../../../shared/contract/errors.js';
import { describeError } from '../../messages/error-words.js';
import type { FileSummary, MappingSuggestion, RecentFile, RejectedExport, ReviewPage, ReviewSummary, TemplateView, TopValues } from '../../../shared/contract/index.js';
import { useAppServices } from '../testing/app-services-harness.js';

const harness = useAppServices('pl-review-');
const call = harness.call.bind(harness);

async function openSample(): Promise<FileSummary> {
  const { path } = await call<{ path: string }>('files.sample', {});
  return call<FileSummary>('files.open', { path });
}

describe('review service over the bundled sample', () => {
  it('suggests a mapping, finds the four deliberate problems, and lets the user fix one and exclude one', async () => {
    const file = await openSample();
    expect(file.headers[0]).toBe('thirdPartyId');
    const suggestion = await call<MappingSuggestion>('mapping.suggest', { fileId: file.fileId });
    expect(suggestion.mapping.idColumn).toBe('thirdPartyId');
    expect(suggestion.mapping.idKind).toBe('thirdPartyId');
    expect(suggestion.idConfidence).toBe(1);
    expect(suggestion.columns.map((c) => c.param)).toEqual(['loyaltyTier', 'pointsBalance', 'favoriteCategory', 'city', 'lastPurchaseDate', 'emailOptIn']);
    expect(suggestion.template).toBeNull();

    const first = await call<ReviewSummary>('review.run', { fileId: file.fileId, mapping: suggestion.mapping });
    expect(first.rows).toBe(200);
    expect(first.blocking).toBe(4);
    expect(first.ready).toBe(196);
    expect(first.uploadAllowed).toBe(false);
    expect(first.uploadBlock).toBe('blocking-rows');
    const codes = Object.fromEntries(first.issueCounts.map((c) => [c.code, c.count]));
    expect(codes).toMatchObject({ 'id-forbidden-char': 1, 'value-comma': 1, 'duplicate-id': 1, 'id-scientific': 1 });

    const issues = await call<ReviewPage>('review.rows', { fileId: file.fileId, filter: 'issues', offset: 0, count: 50 });
    expect(issues.total).toBe(4);
    expect(issues.rows.map((r) => r.row)).toEqual([12, 42, 88, 134]);
    expect(issues.rows[0]!.status).toBe('blocked');
    expect(issues.rows[0]!.issues[0]!.code).toBe('id-forbidden-char');
    expect(issues.rows[0]!.issues[0]!.params).toEqual({ char: '+' });

    // Fix row 12 inline, exclude row 88.
    const fixed = await call<ReviewSummary>('review.edit', { fileId: file.fileId, edits: [{ row: 12, cells: { thirdPartyId: 'LOY-0100444' } }] });
    expect(fixed.blocking).toBe(3);
    const excluded = await call<ReviewSummary>('review.edit', { fileId: file.fileId, edits: [{ row: 88, exclude: true }] });
    expect(excluded.blocking).toBe(2);
    expect(excluded.excluded).toBe(1);
    expect(excluded.edits).toBe(2);
    const row12 = await call<ReviewPage>('review.rows', { fileId: file.fileId, filter: 'all', offset: 11, count: 1 });
    expect(row12.rows[0]).toMatchObject({ row: 12, status: 'ready', edited: ['thirdPartyId'] });
    expect(row12.rows[0]!.cells[0]).toBe('LOY-0100444');

    // Bulk: strip commas turns the comma row into a ready row with an info note.
    const stripped = await call<ReviewSummary>('review.bulk', { fileId: file.fileId, bulk: { action: 'strip-commas' } });
    expect(stripped.blocking).toBe(1);
    expect(stripped.fixes.comma.kind).toBe('strip');
    const rejected = await call<RejectedExport>('review.exportRejected', { fileId: file.fileId });
    expect(rejected.rows).toBe(1);
    expect(rejected.csv).toContain('1.23457E+15');
    expect(await readFile(rejected.path, 'utf8')).toBe(rejected.csv);
    const last = await call<ReviewSummary>('review.bulk', { fileId: file.fileId, bulk: { action: 'exclude-blocking' } });
    expect(last.blocking).toBe(0);
    expect(last.excluded).toBe(2);
    expect(last.uploadAllowed).toBe(true);
    expect(last.ready).toBe(198);
    const manifest = JSON.parse(await readFile(join(last.preparedDir, 'manifest.json'), 'utf8')) as { valid: number; batches: unknown[] };
    expect(manifest.valid).toBe(198);
    expect(manifest.batches.length).toBe(1);

    const top = await call<TopValues[]>('review.topValues', { fileId: file.fileId, limit: 3 });
    const tiers = top.find((t) => t.param === 'loyaltyTier')!;
    expect(tiers.top.length).toBe(3);
    expect(tiers.top.reduce((n, v) => n + v.count, 0)).toBeLessThanOrEqual(198);
    expect(tiers.distinct).toBe(4);
    const cities = top.find((t) => t.param === 'city')!;
    expect(cities.top.some((v) => v.value.includes(','))).toBe(false);
  }, 90_000);

  it('saves a template and applies it to a file with the same headers in another order', async () => {
    const file = await openSample();
    const suggestion = await call<MappingSuggestion>('mapping.suggest', { fileId: file.fileId });
    const mapping = { ...suggestion.mapping, columns: suggestion.mapping.columns.map((c) => (c.column === 'city' ? { ...c, param: 'homeCity' } : c)), ignored: ['emailOptIn'] };
    await call<TemplateView>('templates.save', { name: 'Loyalty export', headers: file.headers, mapping });
    const dir = await mkdtemp(join(tmpdir(), 'pl-review-'));
    const other = join(dir, 'reordered.csv');
    await writeFile(other, 'city,thirdPartyId,loyaltyTier,pointsBalance,favoriteCategory,lastPurchaseDate,emailOptIn\r\nBusan,LOY-1,Gold,10,Kids,2026-01-01,yes\r\n');
    const second = await call<FileSummary>('files.open', { path: other });
    const applied = await call<MappingSuggestion>('mapping.suggest', { fileId: second.fileId });
    expect(applied.template).toEqual({ name: 'Loyalty export' });
    expect(applied.mapping.columns.find((c) => c.column === 'city')?.param).toBe('homeCity');
    expect(applied.mapping.ignored).toEqual(['emailOptIn']);
    // "Undo" goes back to the plain suggestion for the same headers.
    expect(applied.untemplated?.mapping.columns.find((c) => c.column === 'city')?.param).toBe('city');
    expect(applied.untemplated?.mapping.ignored).toEqual([]);
    // A file with other columns gets no template, but names used before are suggested again.
    const third = join(dir, 'other.csv');
    await writeFile(third, 'thirdPartyId,city,favourite colour\r\nLOY-1,Busan,blue\r\n');
    const otherFile = await call<FileSummary>('files.open', { path: third });
    const learned = await call<MappingSuggestion>('mapping.suggest', { fileId: otherFile.fileId });
    expect(learned.template).toBeNull();
    expect(learned.columns).toEqual([
      { column: 'city', param: 'homeCity', confidence: 0.9, reason: 'known' },
      { column: 'favourite colour', param: 'favouriteColour', confidence: 0.8, reason: 'cleaned' },
    ]);
    const list = await call<TemplateView[]>('templates.list', {});
    expect(list.map((t) => t.name)).toEqual(['Loyalty export']);
    await call('templates.remove', { name: 'Loyalty export' });
    expect(await call<TemplateView[]>('templates.list', {})).toEqual([]);
    await rm(dir, { recursive: true, force: true });
  });

  it('re-opens a file with overrides and remembers it among the recent files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pl-review-'));
    const path = join(dir, 'titled.csv');
    await writeFile(path, 'Loyalty export;November\r\nid;tier\r\nA-1;Gold\r\nA-2;Silver\r\n');
    const auto = await call<FileSummary>('files.open', { path });
    expect(auto.options).toEqual({});
    const forced = await call<FileSummary>('files.open', { path, options: { delimiter: ';', headerRow: 1 } });
    expect(forced.headers).toEqual(['Loyalty export', 'November']);
    expect(forced.delimiterSource).toBe('override');
    expect(forced.headerRowSource).toBe('override');
    const recent = await call<RecentFile[]>('files.recent', {});
    expect(recent).toHaveLength(1);
    expect(recent[0]).toMatchObject({ path, name: 'titled.csv', exists: true, options: { delimiter: ';', headerRow: 1 } });
    await rm(dir, { recursive: true, force: true });
    const gone = await call<RecentFile[]>('files.recent', {});
    expect(gone[0]!.exists).toBe(false);
  });

  it('says plainly when the review has not run, or the mapping names a column the file lacks', async () => {
    const file = await openSample();
    await expect(call('review.rows', { fileId: file.fileId, offset: 0, count: 10 })).rejects.toMatchObject({ code: 'not-validated' });
    const suggestion = await call<MappingSuggestion>('mapping.suggest', { fileId: file.fileId });
    const bad = { ...suggestion.mapping, columns: [...suggestion.mapping.columns, { column: 'nope', param: 'nope', transforms: [] }] };
    await expect(call('review.run', { fileId: file.fileId, mapping: bad })).rejects.toMatchObject({ code: 'mapping-column-missing' });
    await expect(call('review.rows', { fileId: 'no-such-file', offset: 0, count: 10 })).rejects.toMatchObject({ code: 'file-not-open' });
  });

  it('says plainly when the file went away between Load and the check', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pl-review-'));
    const path = join(dir, 'gone.csv');
    await writeFile(path, 'thirdPartyId,tier\r\nA-1,Gold\r\n');
    const file = await call<FileSummary>('files.open', { path });
    const suggestion = await call<MappingSuggestion>('mapping.suggest', { fileId: file.fileId });
    await rm(dir, { recursive: true, force: true });
    const failure = await call('review.run', { fileId: file.fileId, mapping: suggestion.mapping }).then(
      () => null,
      (e: AppCallError) => e,
    );
    expect(failure).not.toBeNull();
    expect(failure!.code).not.toBe('internal');
    expect(failure!.code).not.toBe('check-failed');
    expect(describeError(failure!)).toMatch(/gone\.csv|not found|no longer|cannot|could not/i);
  });

  it('blocks Upload for a mapping-level problem and says which', async () => {
    const file = await openSample();
    const suggestion = await call<MappingSuggestion>('mapping.suggest', { fileId: file.fileId });
    const clash = { ...suggestion.mapping, columns: suggestion.mapping.columns.map((c) => ({ ...c, param: c.column === 'city' ? 'loyaltyTier' : c.param })) };
    const summary = await call<ReviewSummary>('review.run', { fileId: file.fileId, mapping: clash });
    expect(summary.uploadAllowed).toBe(false);
    expect(summary.uploadBlock).toBe('file-issues');
    expect(summary.fileIssues.map((i) => i.code)).toContain('param-duplicate');
  });

  it('suggests ASCII names for Korean headers with their reasons; a template saved with other names still applies as saved', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pl-review-'));
    const path = join(dir, 'crm.csv');
    await writeFile(path, '회원번호,등급,포인트,회원등급,Straße\r\nM-1,Gold,10,VIP,Hauptstr. 1\r\n');
    const file = await call<FileSummary>('files.open', { path });
    const suggestion = await call<MappingSuggestion>('mapping.suggest', { fileId: file.fileId });
    expect(suggestion.mapping.idColumn).toBe('회원번호');
    expect(suggestion.columns.map((c) => [c.column, c.param, c.reason])).toEqual([
      ['등급', 'tier', 'glossary'],
      ['포인트', 'points', 'glossary'],
      ['회원등급', 'hoewonDeunggeup', 'romanised'],
      ['Straße', 'strasse', 'accents'],
    ]);
    // Should the user pick another identifier, the member number is sent under a name of its own.
    expect(suggestion.idParam).toEqual({ column: '회원번호', param: 'memberNumber', confidence: 0.9, reason: 'glossary' });
    // A template from before (its names the headers themselves) is applied with its names, not re-suggested.
    const old = { ...suggestion.mapping, columns: suggestion.mapping.columns.map((c) => ({ ...c, param: c.column === '등급' ? '등급' : c.param })) };
    await call<TemplateView>('templates.save', { name: 'Old CRM', headers: file.headers, mapping: old });
    const again = await call<MappingSuggestion>('mapping.suggest', { fileId: file.fileId });
    expect(again.template).toEqual({ name: 'Old CRM' });
    expect(again.mapping.columns.find((c) => c.column === '등급')?.param).toBe('등급');
    expect(again.columns.find((c) => c.column === '등급')).toMatchObject({ param: '등급', reason: 'template' });
    await call('templates.remove', { name: 'Old CRM' });
    await rm(dir, { recursive: true, force: true });
  });

  it('warns on values over 256 characters, cuts them to 256 on request (grid and batch alike) and can send them whole again', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pl-review-'));
    const path = join(dir, 'notes.csv');
    const long = `${'가'.repeat(250)}${'z'.repeat(50)}`;
    await writeFile(path, `id,note\r\nA-1,${long}\r\nA-2,short\r\n`);
    const file = await call<FileSummary>('files.open', { path });
    const suggestion = await call<MappingSuggestion>('mapping.suggest', { fileId: file.fileId });
    const first = await call<ReviewSummary>('review.run', { fileId: file.fileId, mapping: suggestion.mapping });
    expect(first.issueCounts).toEqual([{ code: 'value-too-long', severity: 'warning', count: 1 }]);
    expect(first.ready).toBe(2);
    expect(first.findings).toEqual([{ code: 'value-too-long', column: 'note', count: 1, samples: [`${long.slice(0, 256)}…${'z'.repeat(32)}`], shapes: null }]);
    const cut = await call<ReviewSummary>('review.bulk', { fileId: file.fileId, bulk: { action: 'cut-long-values' } });
    expect(cut.fixes.longValues).toBe('cut');
    expect(cut.issueCounts).toEqual([{ code: 'value-too-long-cut', severity: 'info', count: 1 }]);
    const page = await call<ReviewPage>('review.rows', { fileId: file.fileId, filter: 'all', offset: 0, count: 10 });
    expect(page.rows[0]!.sent[1]).toBe(long.slice(0, 256));
    expect(page.rows[0]!.cells[1]).toBe(long);
    expect(await readFile(join(cut.preparedDir, 'batch-0001.txt'), 'utf8')).toContain(`A-1,${encodeURIComponent(long.slice(0, 256))}\n`);
    const kept = await call<ReviewSummary>('review.bulk', { fileId: file.fileId, bulk: { action: 'keep-long-values' } });
    expect(kept.issueCounts.map((c) => c.code)).toEqual(['value-too-long']);
    await rm(dir, { recursive: true, force: true });
  });

  it('counts dates that read two ways over the whole file, past the rows the Map step samples, and blocks one that is no date until it is left out', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pl-review-'));
    const path = join(dir, 'joined.csv');
    // 1,000 rows: day 13–28 of a month in the first 500 (one reading only), then day 1–12 (two readings) after.
    const lines = ['id,joined'];
    for (let i = 1; i <= 1000; i++) {
      const day = i <= 500 ? 13 + (i % 16) : 1 + (i % 12);
      const month = 1 + ((i * 5) % 12);
      lines.push(`M-${i},${i === 777 ? '31/02/2026' : `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/2025`}`);
    }
    await writeFile(path, `${lines.join('\r\n')}\r\n`);
    const file = await call<FileSummary>('files.open', { path });
    const mapping = { idColumn: 'id', idKind: 'thirdPartyId' as const, idTransforms: [{ kind: 'trim' as const }], columns: [{ column: 'joined', param: 'joined', transforms: [{ kind: 'date' as const, from: 'DD/MM/YYYY', to: 'YYYY-MM-DD' }] }], ignored: [], constants: [], allowPersonalData: [] };
    const first = await call<ReviewSummary>('review.run', { fileId: file.fileId, mapping });
    // Rows 501–1000 less row 777, without the ones whose day equals their month (the same date either way).
    const twoWays = lines.slice(501).filter((l, k) => k + 501 !== 777 && l.slice(-10, -8) !== l.slice(-7, -5)).length;
    expect(twoWays).toBeGreaterThan(300);
    expect(Object.fromEntries(first.issueCounts.map((c) => [c.code, c.count]))).toEqual({ 'value-date-ambiguous': twoWays, 'value-date-unreadable': 1 });
    expect(first.blocking).toBe(1);
    expect(first.findings.find((f) => f.code === 'value-date-ambiguous')).toMatchObject({ column: 'joined', count: twoWays });
    expect(first.findings.find((f) => f.code === 'value-date-unreadable')).toMatchObject({ column: 'joined', count: 1, samples: ['31/02/2026'] });
    // Row 502 holds 11/03/2025: read day first, sent as 11 March, noted as reading two ways.
    const page = await call<ReviewPage>('review.rows', { fileId: file.fileId, filter: 'all', offset: 501, count: 1 });
    expect(page.rows[0]).toMatchObject({ row: 502, cells: ['M-502', '11/03/2025'] });
    expect(page.rows[0]!.sent[1]).toBe('2025-03-11');
    expect(page.rows[0]!.issues.map((i) => i.code)).toEqual(['value-date-ambiguous']);
    const out = await call<ReviewSummary>('review.bulk', { fileId: file.fileId, bulk: { action: 'exclude-code', code: 'value-date-unreadable' } });
    expect(out.blocking).toBe(0);
    expect(out.excluded).toBe(1);
    expect(await readFile(join(out.preparedDir, 'batch-0001.txt'), 'utf8')).not.toContain('31%2F02');
    await rm(dir, { recursive: true, force: true });
  });

  it('reads European numbers only after the user chooses how, shows real values before and after, and sends them as shown', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pl-review-'));
    const path = join(dir, 'umsatz.csv');
    await writeFile(path, 'Kundennummer;Betrag;Ort\r\nDE-1;1.234,50;Berlin, Mitte\r\nDE-2;98,00;Köln\r\nDE-3;0,50;Bonn\r\nDE-4;1,234;Ulm\r\n');
    const file = await call<FileSummary>('files.open', { path });
    const suggestion = await call<MappingSuggestion>('mapping.suggest', { fileId: file.fileId });
    const mapping = { ...suggestion.mapping, idColumn: 'Kundennummer', idKind: 'thirdPartyId' as const, columns: suggestion.mapping.columns.filter((c) => c.column !== 'Kundennummer') };
    const first = await call<ReviewSummary>('review.run', { fileId: file.fileId, mapping });
    // Numbers are blocked as numbers, the text comma as text: nothing changed yet.
    expect(Object.fromEntries(first.issueCounts.map((c) => [c.code, c.count]))).toEqual({ 'value-number-comma': 4, 'value-comma': 1 });
    const numbers = first.findings.find((f) => f.code === 'value-number-comma')!;
    expect(numbers).toMatchObject({ column: 'Betrag', count: 4, shapes: { decimal: 3, thousands: 0, ambiguous: 1 } });
    expect(numbers.samples).toEqual(expect.arrayContaining(['1.234,50', '98,00', '0,50', '1,234']));
    // "Remove the commas" fixes the text only; the numbers stay blocked.
    const stripped = await call<ReviewSummary>('review.bulk', { fileId: file.fileId, bulk: { action: 'strip-commas' } });
    expect(stripped.blocking).toBe(4);
    const decimal = await call<ReviewSummary>('review.bulk', { fileId: file.fileId, bulk: { action: 'read-numbers', column: 'Betrag', reading: 'decimal' } });
    expect(decimal.blocking).toBe(0);
    expect(decimal.fixes.numbers.columns).toEqual({ Betrag: 'decimal' });
    const page = await call<ReviewPage>('review.rows', { fileId: file.fileId, filter: 'all', offset: 0, count: 10 });
    expect(page.rows.map((r) => r.sent[1])).toEqual(['1234.50', '98.00', '0.50', '1.234']);
    expect(page.rows.map((r) => r.cells[1])).toEqual(['1.234,50', '98,00', '0,50', '1,234']);
    expect(page.rows[0]!.sent[2]).toBe('Berlin Mitte');
    const top = await call<TopValues[]>('review.topValues', { fileId: file.fileId, limit: 5 });
    expect(top.find((t) => t.param === 'Betrag')!.top.map((v) => v.value).sort()).toEqual(['0.50', '1.234', '1234.50', '98.00']);
    const batch = await readFile(join(decimal.preparedDir, 'batch-0001.txt'), 'utf8');
    expect(batch).toContain('DE-1,1234.50,Berlin%20Mitte');
    expect(batch).toContain('DE-2,98.00,K%C3%B6ln');
    // Undo puts the numbers back to blocked.
    const undone = await call<ReviewSummary>('review.bulk', { fileId: file.fileId, bulk: { action: 'read-numbers', column: 'Betrag', reading: null } });
    expect(undone.blocking).toBe(4);
    await rm(dir, { recursive: true, force: true });
  });
});
