// Cell values the reader reads in place (one run of digits) and those it reads as text show the same as
// before: leading zeros, types, styles, a second <v>, entities inside a value.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirForTests } from './fixtures/temp-dir-for-tests.js';
import { zipOf } from './fixtures/zip-bytes.js';
import { openTable } from './open-table.js';
import { readAllRows } from './read-all.js';

const { dir } = tempDirForTests('io-cells-');

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

async function sheet(name: string, rows: string): Promise<string> {
  const rel = (id: string, type: string, target: string): string =>
    `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`;
  const files = [
    { name: 'xl/workbook.xml', data: Buffer.from(`<workbook ${NS}><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`) },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: Buffer.from(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel('rId1', 'worksheet', 'worksheets/sheet1.xml')}${rel('rId2', 'sharedStrings', 'sharedStrings.xml')}${rel('rId3', 'styles', 'styles.xml')}</Relationships>`,
      ),
    },
    { name: 'xl/sharedStrings.xml', data: Buffer.from(`<sst ${NS}><si><t>id</t></si><si><t>value</t></si><si><t>seven</t></si><si><t>zero</t></si></sst>`) },
    {
      name: 'xl/styles.xml',
      data: Buffer.from(
        `<styleSheet ${NS}><numFmts><numFmt numFmtId="164" formatCode="000000"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/><xf numFmtId="4"/></cellXfs></styleSheet>`,
      ),
    },
    { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(`<worksheet ${NS}><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>${rows}</sheetData></worksheet>`) },
  ];
  const path = join(dir(), name);
  await writeFile(path, zipOf(files));
  return path;
}

const row = (n: number, label: string, cell: string): string => `<row r="${n}"><c r="A${n}" t="inlineStr"><is><t>${label}</t></is></c>${cell.replace('<c ', `<c r="B${n}" `)}</row>`;

describe('cell values', () => {
  it('read in place or as text, each shows what it showed before', async () => {
    const cases: [string, string][] = [
      ['<c t="s"><v>2</v></c>', 'seven'],
      ['<c t="s"><v>003</v></c>', 'zero'], // Number('003') is 3
      ['<c t="s"><v> 2 </v></c>', 'seven'],
      ['<c t="s"><v>99</v></c>', ''],
      ['<c><v>0</v></c>', '0'],
      ['<c><v>42</v></c>', '42'],
      ['<c t="n"><v>123456789012345</v></c>', '123456789012345'],
      ['<c><v>1234567890123456789</v></c>', '1234567890123460000'],
      ['<c s="1"><v>42</v></c>', '000042'],
      ['<c s="1"><v>0042</v></c>', '000042'],
      ['<c s="2"><v>45716</v></c>', '2025-02-28'],
      ['<c s="3"><v>1234567</v></c>', '1,234,567.00'],
      ['<c><v>12.50</v></c>', '12.5'],
      ['<c><v>1E3</v></c>', '1000'],
      ['<c t="b"><v>1</v></c>', 'TRUE'],
      ['<c t="b"><v>0</v></c>', 'FALSE'],
      ['<c t="str"><f>A1</f><v>0123</v></c>', '0123'],
      ['<c t="str"><v>77</v></c>', '77'],
      ['<c t="e"><v>#N/A</v></c>', '#N/A'],
      ['<c t="inlineStr"><v>5</v></c>', '5'],
      ['<c t="d"><v>2026-11-01T00:00:00Z</v></c>', '2026-11-01'],
      ['<c><v>1</v><v>2</v></c>', '2'],
      ['<c><v>&#49;2</v></c>', '12'],
      ['<c t="s"><v>&#49;</v></c>', 'value'],
      ['<c><v></v></c>', ''],
      ['<c t="s"><v/></c>', 'id'], // Number('') is 0, as saxes' reading gave
    ];
    const path = await sheet('values.xlsx', cases.map(([cell], i) => row(i + 2, `case${i}`, cell)).join(''));
    const info = await openTable(path);
    const { rows } = await readAllRows(path, info);
    expect(rows).toEqual(cases.map(([, shown], i) => [`case${i}`, shown]));
  });
});
