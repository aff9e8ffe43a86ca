// The sheet scanner gives the same rows, and refuses the same sheets, whether its plain-cell shortcut
// (xlsx-plain-cell.ts) is on or off, however the part's bytes are cut into pieces.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirForTests } from './fixtures/temp-dir-for-tests.js';
import { zipOf } from './fixtures/zip-bytes.js';
import { loadSheetContext, openXlsxBook, type SheetContext } from './xlsx-sheet.js';
import { sheetScanner, type SheetRow } from './xlsx-sheet-scanner.js';

const { dir } = tempDirForTests('io-sheet-scanner-');

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** The shared strings and styles of a small workbook, as the scanner reads cells with them. */
async function context(): Promise<SheetContext> {
  const rel = (id: string, type: string, target: string): string =>
    `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`;
  const path = join(dir(), 'book.xlsx');
  await writeFile(
    path,
    zipOf([
      { name: 'xl/workbook.xml', data: Buffer.from(`<workbook ${NS}><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`) },
      {
        name: 'xl/_rels/workbook.xml.rels',
        data: Buffer.from(
          `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel('rId1', 'worksheet', 'worksheets/sheet1.xml')}${rel('rId2', 'sharedStrings', 'sharedStrings.xml')}${rel('rId3', 'styles', 'styles.xml')}</Relationships>`,
        ),
      },
      { name: 'xl/sharedStrings.xml', data: Buffer.from(`<sst ${NS}><si><t>id</t></si><si><t>서울</t></si><si><t>0042</t></si></sst>`) },
      { name: 'xl/styles.xml', data: Buffer.from(`<styleSheet ${NS}><numFmts><numFmt numFmtId="164" formatCode="000000"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/></cellXfs></styleSheet>`) },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(`<worksheet ${NS}><sheetData/></worksheet>`) },
    ]),
  );
  const book = await openXlsxBook(path, 0);
  try {
    return await loadSheetContext(book);
  } finally {
    book.close();
  }
}

/** Every shape of cell the readers meet: plain ones the shortcut takes, and others it leaves to the scanner. */
const CELLS = [
  '<c r="A{n}" t="s"><v>0</v></c>',
  '<c r="B{n}" t="s"><v>1</v></c>',
  '<c r="C{n}"><v>42</v></c>',
  '<c r="D{n}" s="1"><v>42</v></c>',
  '<c r="E{n}" s="2"><v>45716</v></c>',
  '<c r="F{n}" s="1"/>',
  '<c r="G{n}"></c>',
  '<c r="H{n}" t="s" s="1"><v>2</v></c>',
  '<c t="n"><v>7</v></c>',
  '<c  r="J{n}"  t="n" ><v>8</v></c>',
  "<c r='K{n}'><v>9</v></c>",
  '<c r="L{n}" cm="1"><v>10</v></c>',
  '<c r="M{n}"><f>SUM(A1)</f><v>11</v></c>',
  '<c r="N{n}" t="str"><v>a\r\nb</v></c>',
  '<c r="O{n}"><v> 12 </v></c>',
  '<c r="P{n}" t="e"><v>#N/A</v></c>',
  '<c r="Q{n}" t="b"><v>1</v></c>',
  '<c r="R{n}"><v>12.50</v></c>',
  '<c r="S{n}"><v>0012</v></c>',
  '<c r="t{n}" t="str"><v>lower-case reference</v></c>',
  '<c r="U{n}" t="str"><v>x &amp; y &lt; z</v></c>',
  '<c r="V{n}" t="inlineStr"><is><t>inline</t></is></c>',
  '<c r="W{n}"><v>1</v><v>2</v></c>',
  '<c r="X{n}"></c >',
  '<c r="Y{n}" t="str"><v>é 서울 😀</v></c>',
  '<c r="Z{n}" t="s"><v>&#50;</v></c>',
  '<c r="AA{n}" t="d"><v>2026-11-01T00:00:00Z</v></c>',
  '<c r="AB{n}" t="str"><v></v></c>',
  '<c r="AC{n}" s="999"><v>5</v></c>',
  '<c><v>13</v></c>',
  '<c r="AD{n}"><v>4<c r="AE{n}"><v>1</v></c>2</v></c>',
  '<c r="AF{n}" t="inlineStr"><is><t>in<c r="AG{n}"><v>3</v></c>line</t></is></c>',
];

const SHEET = Buffer.from(
  `<worksheet ${NS}><sheetData>` +
    [1, 2, 3].map((n) => `<row r="${n}">${CELLS.map((c) => c.replaceAll('{n}', String(n))).join('')}</row>`).join('') +
    `<row><c r="A9" t="s"><v>1</v></c></row></sheetData></worksheet>`,
);

/** The rows the scanner gives for `xml` fed in pieces of `size` bytes, or the code of what it threw. */
function scan(ctx: SheetContext, xml: Buffer, size: number, plainCells: boolean): SheetRow[] | string {
  const rows: SheetRow[] = [];
  try {
    const scanner = sheetScanner(ctx, 'xl/worksheets/sheet1.xml', (row) => rows.push(row), { plainCells });
    for (let at = 0; at < xml.length; at += size) scanner.write(xml.subarray(at, at + size));
    scanner.end();
    return rows;
  } catch (e) {
    return `${(e as { code?: string }).code}:${JSON.stringify((e as { params?: unknown }).params)}`;
  }
}

describe('sheetScanner', () => {
  it('gives the same rows with and without the plain-cell shortcut, at every piece size', async () => {
    const ctx = await context();
    const expected = scan(ctx, SHEET, SHEET.length, false);
    expect(typeof expected).not.toBe('string');
    const [first] = expected as SheetRow[];
    expect(first?.cells.slice(0, 9)).toEqual(['id', '서울', '42', '000042', '2025-02-28', '', '', '0042', '7']);
    for (const size of [SHEET.length, 1, 2, 3, 5, 7, 8, 13, 16, 31, 64, 100, 257, 1000]) {
      expect(scan(ctx, SHEET, size, true), `pieces of ${size}`).toEqual(expected);
    }
  });

  it('refuses the same broken sheets both ways', async () => {
    const ctx = await context();
    const broken = [
      '<row r="2"><c r="A2"><v>1</v></d></row>',
      '<row r="2"><c r="A2"><v>1</v></c></rw>',
      '<row r="2"><c r="XFE2"><v>1</v></c></row>',
      '<row r="2"><c r="A2" t="s"><v>1</v></c>',
      '<row r="2"><c r="A2" t="s"><v>1&bogus;</v></c></row>',
      '<row r="2"><c r="A2" s=1><v>1</v></c></row>',
    ];
    for (const rows of broken) {
      const xml = Buffer.from(`<worksheet ${NS}><sheetData>${rows}</sheetData></worksheet>`);
      const expected = scan(ctx, xml, xml.length, false);
      expect(typeof expected, rows).toBe('string');
      for (const size of [xml.length, 1, 7, 16]) expect(scan(ctx, xml, size, true), `${rows} in pieces of ${size}`).toBe(expected);
    }
  });
});
