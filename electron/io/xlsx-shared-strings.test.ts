// The header scan reads the shared strings only as far as the rows it looks at need, and still finds
// headers that sit at the far end of a long table; a full read loads the whole table.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirForTests } from './fixtures/temp-dir-for-tests.js';
import { zipOf } from './fixtures/zip-bytes.js';
import { openTable } from './open-table.js';
import { readAllRows } from './read-all.js';
import { NOT_READ_YET, plainSharedString, SharedStrings, SharedStringsReader } from './xlsx-shared-strings.js';
import { ZipArchive } from './zip-archive.js';

const { dir } = tempDirForTests('io-sst-');

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const FILLER = 30_000;

/** A workbook whose shared-strings table holds FILLER texts before the header's, and `rows` data rows using both. */
async function workbook(name: string, sheetRows: string): Promise<string> {
  const strings = [...Array.from({ length: FILLER }, (_, i) => `filler &amp; text ${i}`), 'thirdPartyId', 'tier'];
  const files = [
    { name: 'xl/workbook.xml', data: Buffer.from(`<workbook ${NS}><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`) },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: Buffer.from(
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
      ),
    },
    { name: 'xl/sharedStrings.xml', data: Buffer.from(`<sst ${NS} count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t>${s}</t></si>`).join('')}</sst>`) },
    { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(`<worksheet ${NS}><sheetData>${sheetRows}</sheetData></worksheet>`) },
  ];
  const path = join(dir(), name);
  await writeFile(path, zipOf(files));
  return path;
}

describe('shared strings read in steps', () => {
  it('start reads the head only; get past it notes the index; loadUpTo reads on', async () => {
    const path = await workbook('steps.xlsx', '<row r="1"><c r="A1" t="s"><v>0</v></c></row>');
    const zip = await ZipArchive.open(path);
    try {
      const reader = await SharedStringsReader.start(zip, 'xl/sharedStrings.xml');
      expect(reader.table.size).toBeGreaterThan(0);
      expect(reader.table.size).toBeLessThan(FILLER);
      expect(reader.get(0)).toBe('filler & text 0');
      expect(reader.get(FILLER)).toBe(NOT_READ_YET);
      expect(reader.missed).toBe(FILLER);
      await reader.loadUpTo(FILLER + 1);
      expect(reader.get(FILLER)).toBe('thirdPartyId');
      await reader.loadUpTo(Number.POSITIVE_INFINITY);
      expect(reader.table.size).toBe(FILLER + 2);
      expect(reader.get(FILLER + 2)).toBeUndefined();
    } finally {
      zip.close();
    }
  });

  it('openTable finds a header whose texts sit at the end of a long table, below a title row', async () => {
    const path = await workbook(
      'far-header.xlsx',
      '<row r="1"><c r="A1" t="s"><v>3</v></c></row>' +
        `<row r="3"><c r="A3" t="s"><v>${FILLER}</v></c><c r="B3" t="s"><v>${FILLER + 1}</v></c></row>` +
        '<row r="4"><c r="A4" t="s"><v>7</v></c><c r="B4" t="inlineStr"><is><t>gold</t></is></c></row>' +
        `<row r="5"><c r="A5" t="s"><v>${FILLER - 1}</v></c><c r="B5" t="s"><v>${FILLER + 1}</v></c></row>`,
    );
    const info = await openTable(path);
    expect(info).toMatchObject({ headerRow: 3, headers: ['thirdPartyId', 'tier'] });
    expect((await readAllRows(path, info)).rows).toEqual([
      ['filler & text 7', 'gold'],
      [`filler & text ${FILLER - 1}`, 'tier'],
    ]);
  });

  it('rows made only of texts not read yet keep their shape: the header is still found among them', async () => {
    const far = (n: number): string => `<row r="${n}"><c r="A${n}" t="s"><v>${FILLER - n}</v></c><c r="B${n}" t="s"><v>${FILLER + 1}</v></c></row>`;
    const header = `<row r="1"><c r="A1" t="s"><v>${FILLER}</v></c><c r="B1" t="s"><v>${FILLER + 1}</v></c></row>`;
    const path = await workbook('all-far.xlsx', header + Array.from({ length: 80 }, (_, i) => far(i + 2)).join(''));
    const info = await openTable(path);
    expect(info).toMatchObject({ headerRow: 1, headers: ['thirdPartyId', 'tier'] });
    const { rows } = await readAllRows(path, info);
    expect(rows).toHaveLength(80);
    expect(rows[0]).toEqual([`filler & text ${FILLER - 2}`, 'tier']);
    expect(rows.flat().join('')).not.toContain('\u0000');
  });
});

describe('the packed table', () => {
  it('counts UTF-8 bytes as Buffer does, lone surrogates included', async () => {
    const { utf8Length } = await import('./xlsx-shared-strings.js');
    for (const text of ['', 'abc', 'Müller', '홍길동', '😀x', 'a\uD800b', '\uDC00', 'end\uD83D', '€ 1,000']) {
      expect(utf8Length(text), JSON.stringify(text)).toBe(Buffer.byteLength(text));
    }
  });

  it('gives back every text added, across slabs and while texts wait to be written', async () => {
    const { SharedStrings } = await import('./xlsx-shared-strings.js');
    const table = new SharedStrings();
    const texts = Array.from({ length: 5000 }, (_, i) => (i % 7 === 0 ? `홍길동 ${i} 😀` : `text-${i}`));
    texts.push('x'.repeat(9 * 1024 * 1024)); // larger than a slab: a slab of its own
    texts.push('after the big one');
    for (let i = 0; i < texts.length; i++) {
      table.add(texts[i] as string, 'sst');
      if (i % 1000 === 3) expect(table.get(i)).toBe(texts[i]);
    }
    expect(table.size).toBe(texts.length);
    for (let i = 0; i < texts.length; i++) expect(table.get(i), String(i)).toBe(texts[i]);
  });
});

describe('plain shared strings', () => {
  const SHAPES = [
    '<si><t>plain {i}</t></si>',
    '<si><t xml:space="preserve"> spaced {i} </t></si>',
    '<si><t>서울 {i} 😀</t></si>',
    '<si><t>a &amp; b {i}</t></si>',
    '<si><t>line\r\nend {i}</t></si>',
    '<si><r><t>rich </t></r><r><rPr><b/></rPr><t>{i}</t></r></si>',
    '<si><t>東京 {i}</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>',
    '<si><t></t></si>',
    '<si><t/></si>',
    '<si><t xml:space="default">other {i}</t></si>',
    '<si ><t>space in si {i}</t></si>',
  ];

  // With only ASCII in a piece, plain strings are copied as bytes; with other characters, read as text.
  it.each([
    ['any characters', SHAPES],
    ['ASCII only', SHAPES.filter((shape) => Buffer.byteLength(shape) === shape.length)],
  ])('reads every shape the same with and without the one-step path, wherever the pieces are cut (%s)', async (name, shapes) => {
    const strings = Array.from({ length: 12_000 }, (_, i) => (shapes[i % shapes.length] as string).replaceAll('{i}', String(i)));
    const path = join(dir(), `shapes-${name}.xlsx`);
    await writeFile(path, zipOf([{ name: 'xl/sharedStrings.xml', data: Buffer.from(`<sst ${NS} uniqueCount="${strings.length}">${strings.join('')}</sst>`) }]));
    const zip = await ZipArchive.open(path);
    try {
      const quick = await SharedStringsReader.readAll(zip, 'xl/sharedStrings.xml');
      const slow = await SharedStringsReader.readAll(zip, 'xl/sharedStrings.xml', { plainStrings: false });
      expect(quick.table.size).toBe(strings.length);
      const all = (r: SharedStringsReader): (string | undefined)[] => Array.from({ length: r.table.size }, (_, i) => r.get(i));
      expect(all(quick)).toEqual(all(slow));
      if (shapes === SHAPES) expect(all(quick).slice(0, SHAPES.length)).toEqual(['plain 0', ' spaced 1 ', '서울 2 😀', 'a & b 3', 'line\nend 4', 'rich 5', '東京 6', '', '', 'other 9', 'space in si 10']);
      else expect(all(quick).slice(0, 3)).toEqual(['plain 0', ' spaced 1 ', 'a & b 2']);
    } finally {
      zip.close();
    }
  });

  it('takes only the plain shapes', () => {
    const found = { start: 0, end: 0 };
    const at = (xml: string): string | null => {
      const end = plainSharedString(xml, 0, found);
      return end < 0 ? null : `${xml.slice(found.start, found.end)}|${xml.slice(end)}`;
    };
    expect(at('<si><t>plain</t></si><si>')).toBe('plain|<si>');
    expect(at('<si><t xml:space="preserve"> a </t></si>')).toBe(' a |');
    expect(at('<si><t>서울</t></si>')).toBe('서울|');
    expect(at('<si><t></t></si>')).toBe('|');
    for (const xml of ['<si><t>a &amp; b</t></si>', '<si><t>a\rb</t></si>', '<si><t>cut</t></s', '<si><t>cut', '<si><r><t>x</t></r></si>', '<si><t>x</t><rPh><t>y</t></rPh></si>', '<si><t/></si>', '<si ><t>x</t></si>', '<sx><t>x</t></sx>']) {
      expect(at(xml), xml).toBeNull();
    }
  });
});

describe('SharedStrings', () => {
  it('gives back every text across full slabs, all-ASCII ones (read as Latin-1) and others (read as UTF-8)', () => {
    const table = new SharedStrings();
    const texts: string[] = [];
    // About 20 MB: slabs of ASCII only, then slabs with Korean and emoji in them, then ASCII again.
    for (let i = 0; i < 600_000; i++) {
      const kind = Math.floor(i / 200_000);
      const text = kind === 1 ? `고객 ${i} 😀 ${'x'.repeat(i % 40)}` : `user${i}@example.com ${'y'.repeat(i % 30)}`;
      texts.push(text);
      table.add(text, 'sst.xml');
    }
    expect(table.size).toBe(texts.length);
    for (let i = 0; i < texts.length; i += 997) expect(table.get(i), `text ${i}`).toBe(texts[i]);
    for (const i of [0, 199_999, 200_000, 399_999, 400_000, texts.length - 1]) expect(table.get(i)).toBe(texts[i]);
    expect(table.get(texts.length)).toBeUndefined();
  });
});
