/**
 * `makeBigXlsx(path, rows, { seed })` writes, as an Excel workbook, the very table `makeBigCsv` writes
 * with the same seed (both from `bigRows`, big-table.ts): the same header and the same cells as the sheet shows them. It is laid out the way
 * Excel lays one out: every text in the shared-strings table (the pools once, each row's id, e-mail and
 * phone as its own entry), points as plain numbers, the joined date as a date serial with a
 * `yyyy-mm-dd` number format, an empty note left out of the row, `r` references on every row and
 * cell. Parts are deflated as they are written, so memory stays flat; same arguments → same bytes.
 */
import { StreamZip } from './stream-zip.js';
import { BIG_CSV_HEADERS, CITY, FIRST, LAST, NOTE, TIER, bigId, bigRows } from './big-table.js';

export interface BigXlsxResult {
  readonly path: string;
  readonly rows: number;
  readonly bytes: number;
}

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

// Shared-string indices: the header, then each pool, then three entries per row (id, e-mail, phone).
const POOLS = [BIG_CSV_HEADERS, LAST, FIRST, CITY, TIER, NOTE] as const;
const poolStart: number[] = [];
let fixedCount = 0;
for (const pool of POOLS) {
  poolStart.push(fixedCount);
  fixedCount += pool.length;
}
const [HEADER_AT = 0, LAST_AT = 0, FIRST_AT = 0, CITY_AT = 0, TIER_AT = 0, NOTE_AT = 0] = poolStart;

const COLS = 'ABCDEFGHIJ';
const sCell = (col: number, row: number, index: number): string => `<c r="${COLS[col]}${row}" t="s"><v>${index}</v></c>`;

/** Date serial of a calendar day in Excel's 1900 system. */
function serial(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / 86_400_000 + 25_569;
}

function* sheetXml(rows: number, seed: number): Generator<string> {
  let block =
    head +
    `<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><dimension ref="A1:J${rows + 1}"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>` +
    '<sheetFormatPr defaultRowHeight="15"/><sheetData><row r="1" spans="1:10">' +
    BIG_CSV_HEADERS.map((_, c) => sCell(c, 1, HEADER_AT + c)).join('') +
    '</row>';
  let i = 0;
  for (const r of bigRows(rows, seed)) {
    i++;
    const n = i + 1;
    const own = fixedCount + 3 * (i - 1);
    block +=
      `<row r="${n}" spans="1:10">${sCell(0, n, own)}${sCell(1, n, own + 1)}${sCell(2, n, LAST_AT + r.last)}${sCell(3, n, FIRST_AT + r.first)}` +
      `${sCell(4, n, CITY_AT + r.city)}${sCell(5, n, TIER_AT + r.tier)}<c r="G${n}"><v>${r.points}</v></c>` +
      `<c r="H${n}" s="1"><v>${serial(r.year, r.month, r.day)}</v></c>` +
      (NOTE[r.note] === '' ? '' : sCell(8, n, NOTE_AT + r.note)) +
      `${sCell(9, n, own + 2)}</row>`;
    if (block.length > 256 * 1024) {
      yield block;
      block = '';
    }
  }
  yield block + '</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>';
}

function* sharedStringsXml(rows: number, seed: number): Generator<string> {
  const total = fixedCount + 3 * rows;
  let block = head + `<sst xmlns="${MAIN}" count="${total}" uniqueCount="${total}">`;
  for (const pool of POOLS) for (const s of pool) block += `<si><t>${escapeXml(s)}</t></si>`;
  let i = 0;
  for (const r of bigRows(rows, seed)) {
    i++;
    block += `<si><t>${bigId(i)}</t></si><si><t>user${i}@example.com</t></si><si><t>${r.phone}</t></si>`;
    if (block.length > 256 * 1024) {
      yield block;
      block = '';
    }
  }
  yield block + '</sst>';
}

const STATIC_PARTS: readonly (readonly [string, string])[] = [
  [
    '[Content_Types].xml',
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
  ],
  ['_rels/.rels', `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
  ['xl/workbook.xml', `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><workbookPr/><sheets><sheet name="Members" sheetId="1" r:id="rId1"/></sheets></workbook>`],
  [
    'xl/_rels/workbook.xml.rels',
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId3" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  ],
  [
    'xl/styles.xml',
    `<styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts>` +
      '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>',
  ],
];

/** Writes the workbook (sheet "Members") and resolves when it is flushed; rejects on a write error. */
export async function makeBigXlsx(path: string, rows: number, options: { readonly seed?: number } = {}): Promise<BigXlsxResult> {
  const seed = options.seed ?? 1;
  const zip = new StreamZip(path);
  for (const [name, body] of STATIC_PARTS) await zip.part(name, [head + body]);
  await zip.part('xl/worksheets/sheet1.xml', sheetXml(rows, seed));
  await zip.part('xl/sharedStrings.xml', sharedStringsXml(rows, seed));
  return { path, rows, bytes: await zip.close() };
}
