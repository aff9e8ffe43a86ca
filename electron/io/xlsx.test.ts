// xlsx through exceljs's streaming reader: sheet choice, header detection, values as shown.
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { tempDirForTests } from './fixtures/temp-dir-for-tests.js';
import { EXCEL_STYLE_ROWS, writeExcelStyleXlsx } from './fixtures/excel-xml-fixture.js';
import { openTable } from './open-table.js';
import { readAllRows } from './read-all.js';
import { readTable } from './read-table.js';

const { dir } = tempDirForTests('io-xlsx-');

async function workbook(name: string, build: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  const path = join(dir(), name);
  await wb.xlsx.writeFile(path);
  return path;
}

describe('xlsx', () => {
  it('numbers stored as numbers keep what the format shows: leading zeros, 18 digits, no E+ notation', async () => {
    const path = await workbook('numbers.xlsx', (wb) => {
      const ws = wb.addWorksheet('Ids');
      ws.addRow(['memberNo', 'cardNo', 'amount', 'plain']);
      ws.addRow([42, Number('123456789012345678'), 1234.5, 1234567890123]);
      const row = ws.getRow(2);
      row.getCell(1).numFmt = '00000000';
      row.getCell(2).numFmt = '0';
      row.getCell(3).numFmt = '#,##0.00';
    });
    const info = await openTable(path);
    const { rows } = await readAllRows(path, info);
    expect(rows).toEqual([['00000042', '123456789012346000', '1,234.50', '1234567890123']]);
  });

  it('dates show in their format; the locale short date (built-in 14) shows as ISO', async () => {
    const path = await workbook('dates.xlsx', (wb) => {
      const ws = wb.addWorksheet('Dates');
      ws.addRow(['iso', 'us', 'short', 'stamp']);
      const d = new Date(Date.UTC(2026, 10, 1, 9, 30));
      ws.addRow([d, d, d, d]);
      const row = ws.getRow(2);
      row.getCell(1).numFmt = 'yyyy-mm-dd';
      row.getCell(2).numFmt = 'mm/dd/yyyy';
      row.getCell(3).numFmt = 'mm-dd-yy';
      row.getCell(4).numFmt = 'yyyy-mm-dd hh:mm';
    });
    const { rows } = await readAllRows(path, await openTable(path));
    expect(rows).toEqual([['2026-11-01', '11/01/2026', '2026-11-01', '2026-11-01 09:30']]);
  });

  it('skips an empty first sheet and title rows; lists sheets in workbook order', async () => {
    const path = await workbook('titled.xlsx', (wb) => {
      wb.addWorksheet('Cover');
      const ws = wb.addWorksheet('고객');
      ws.getCell('A1').value = 'Customer export 2026-11-01';
      ws.mergeCells('A1:C1');
      ws.getRow(3).values = ['thirdPartyId', 'name', 'tier'];
      ws.getRow(4).values = ['A1', '홍길동', 'gold'];
      ws.getRow(6).values = ['A2', '김철수', { formula: 'LOWER("SILVER")', result: 'silver' }];
      wb.addWorksheet('Other').addRow(['x']);
    });
    const info = await openTable(path);
    expect(info).toMatchObject({ sheets: ['Cover', '고객', 'Other'], sheet: '고객', headerRow: 3, headers: ['thirdPartyId', 'name', 'tier'] });
    // What the Load step says and asks: the empty sheet passed over, and both sheets that hold data.
    expect(info).toMatchObject({ emptySheetsSkipped: ['Cover'], sheetsWithData: ['고객', 'Other'] });
    expect(await openTable(path, { sheet: 'Other' })).toMatchObject({ sheet: 'Other', emptySheetsSkipped: [], sheetsWithData: ['고객', 'Other'] });
    expect((await readAllRows(path, info)).rows).toEqual([['A1', '홍길동', 'gold'], ['A2', '김철수', 'silver']]);
  });

  it('honours sheet and header-row overrides, and names a missing sheet', async () => {
    const path = await workbook('two.xlsx', (wb) => {
      wb.addWorksheet('A').addRows([['id'], ['1']]);
      wb.addWorksheet('B').addRows([['note'], ['id', 'tier'], ['7', 'gold']]);
    });
    const info = await openTable(path, { sheet: 'B', headerRow: 2 });
    expect(info).toMatchObject({ sheet: 'B', headerRow: 2, headerRowSource: 'override', headers: ['id', 'tier'] });
    expect((await readAllRows(path, info)).rows).toEqual([['7', 'gold']]);
    await expect(openTable(path, { sheet: 'C' })).rejects.toMatchObject({ code: 'no-header', params: { variant: 'no-sheet', sheet: 'C' } });
  });

  it('the default sheet is the first visible non-empty one', async () => {
    const path = await workbook('hidden.xlsx', (wb) => {
      const lookup = wb.addWorksheet('Lookup', { state: 'hidden' });
      lookup.addRows([['code', 'label'], ['g', 'gold']]);
      wb.addWorksheet('Export').addRows([['id', 'tier'], ['1', 'g']]);
    });
    expect(await openTable(path)).toMatchObject({ sheets: ['Lookup', 'Export'], sheet: 'Export', sheetsWithData: ['Export'], emptySheetsSkipped: [] });
  });

  it('a workbook whose sheets are all empty → empty-file', async () => {
    const path = await workbook('empty.xlsx', (wb) => {
      wb.addWorksheet('One');
      wb.addWorksheet('Two');
    });
    await expect(openTable(path)).rejects.toMatchObject({ code: 'empty-file' });
  });

  it('streams many rows in chunks with progress, notes extra cells, and can be cancelled', async () => {
    const path = await workbook('many.xlsx', (wb) => {
      const ws = wb.addWorksheet('Data');
      ws.addRow(['id', 'name']);
      for (let i = 1; i <= 5000; i++) ws.addRow(i === 10 ? [`ID-${i}`, `n${i}`, 'stray'] : [`ID-${i}`, `n${i}`]);
    });
    const info = await openTable(path);
    const read = await readAllRows(path, info);
    expect(read.rows).toHaveLength(5000);
    expect(read.rows[4999]).toEqual(['ID-5000', 'n5000']);
    expect(read.chunkSizes.length).toBeGreaterThan(1);
    expect(read.notes).toEqual([expect.objectContaining({ row: 10, code: 'extra-cells' })]);
    expect(read.progress.at(-1)).toMatchObject({ bytesRead: info.sizeBytes, rows: 5000 });

    const controller = new AbortController();
    const run = async (): Promise<void> => {
      for await (const _chunk of readTable(path, info, { signal: controller.signal })) controller.abort();
    };
    await expect(run()).rejects.toMatchObject({ code: 'cancelled' });
  });
});

describe('xlsx written the way Excel writes it', () => {
  it('reads parts in Excel order: title row skipped, shared/inline/rich strings, 000000 and built-in date formats, booleans, formula results', async () => {
    const path = join(dir(), 'excel-style.xlsx');
    await writeExcelStyleXlsx(path);
    const info = await openTable(path);
    expect(info).toMatchObject({ sheets: ['Members'], sheet: 'Members', headerRow: 3 });
    const { rows, notes } = await readAllRows(path, info);
    expect(notes).toEqual([]);
    expect([info.headers, ...rows]).toEqual(EXCEL_STYLE_ROWS);
  });
});
