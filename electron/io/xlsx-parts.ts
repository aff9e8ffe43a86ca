// The workbook-level parts of an xlsx: the sheet list (names, XML parts, hidden or not, the 1904 date
// system), the number format of every cell style, and the shared-strings table — each read through the
// bounded zip and XML readers.
import { posix } from 'node:path';
import type { Readable } from 'node:stream';
import { TableReadError } from './table-read-error.js';
import { XmlFeed, type XmlHandlers } from './xml-stream.js';
import { limitError, XLSX_LIMITS } from './xlsx-limits.js';
import { corruptXlsx, type ZipArchive } from './zip-archive.js';

export interface XlsxSheet {
  readonly name: string;
  /** Zip path of the sheet's XML, e.g. xl/worksheets/sheet1.xml. */
  readonly part: string;
  /** Hidden or very hidden in Excel. */
  readonly hidden: boolean;
}

/** What every sheet of a workbook shares. */
export interface WorkbookInfo {
  /** Sheets in workbook order. */
  readonly sheets: readonly XlsxSheet[];
  /** Dates count from 1904 (old Mac Excel) instead of 1900. */
  readonly date1904: boolean;
  /** Where the shared strings and styles are, when the workbook has them. */
  readonly sharedStringsPart: string | null;
  readonly stylesPart: string | null;
}

/** Parses a whole part through its handlers. */
async function parsePart(source: Readable, part: string, handlers: XmlHandlers): Promise<void> {
  const feed = new XmlFeed(part, handlers);
  for await (const chunk of source) feed.write(chunk as Buffer);
  feed.end();
}

const noText = (): void => undefined;

/** Reads `xl/_rels/workbook.xml.rels`: relationship id → part name (and the part of each type). */
async function readRelationships(zip: ZipArchive): Promise<{ targets: Map<string, string>; byType: Map<string, string> }> {
  const targets = new Map<string, string>();
  const byType = new Map<string, string>();
  const name = 'xl/_rels/workbook.xml.rels';
  if (!zip.has(name)) return { targets, byType };
  await parsePart(await zip.stream(name, XLSX_LIMITS.wholePartBytes), name, {
    open(tag, a) {
      if (tag !== 'Relationship' || a.Id === undefined || a.Target === undefined) return;
      const target = a.Target.startsWith('/') ? a.Target.slice(1) : posix.normalize(posix.join('xl', a.Target));
      targets.set(a.Id, target);
      const type = (a.Type ?? '').split('/').pop() ?? '';
      if (!byType.has(type)) byType.set(type, target);
    },
    close: noText,
    text: noText,
  });
  return { targets, byType };
}

/**
 * Reads the workbook's sheet list and settings. Throws TableReadError `unsupported-format` for a zip
 * that is not a workbook, `corrupt-xlsx` for a damaged one, `workbook-limit` for a crafted one.
 */
export async function readWorkbookInfo(zip: ZipArchive): Promise<WorkbookInfo> {
  if (!zip.has('xl/workbook.xml')) {
    throw new TableReadError('unsupported-format', { variant: 'zip-not-workbook' });
  }
  const { targets, byType } = await readRelationships(zip);
  const sheets: XlsxSheet[] = [];
  let date1904 = false;
  await parsePart(await zip.stream('xl/workbook.xml', XLSX_LIMITS.wholePartBytes), 'xl/workbook.xml', {
    open(tag, a) {
      if (tag === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      if (tag !== 'sheet' || a.name === undefined) return;
      const rid = a['r:id'] ?? Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1] ?? a.id;
      const part = (rid !== undefined ? targets.get(rid) : undefined) ?? `xl/worksheets/sheet${sheets.length + 1}.xml`;
      sheets.push({ name: a.name, part, hidden: (a.state ?? 'visible') !== 'visible' });
    },
    close: noText,
    text: noText,
  });
  if (sheets.length === 0) throw corruptXlsx('no-sheets');
  const present = (name: string | undefined): string | null => (name !== undefined && zip.has(name) ? name : null);
  return {
    sheets,
    date1904,
    sharedStringsPart: present(byType.get('sharedStrings')) ?? present('xl/sharedStrings.xml'),
    stylesPart: present(byType.get('styles')) ?? present('xl/styles.xml'),
  };
}

/** Excel's built-in number formats by id (ids 27–36 and 50–58 are locale dates: shown as ISO dates). */
const BUILT_IN_FORMATS: Readonly<Record<number, string>> = {
  0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 11: '0.00E+00', 12: '# ?/?', 13: '# ??/??',
  14: 'mm-dd-yy', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM', 19: 'h:mm:ss AM/PM', 20: 'h:mm', 21: 'h:mm:ss', 22: 'm/d/yy h:mm',
  32: 'h:mm', 33: 'h:mm:ss',
  37: '#,##0 ;(#,##0)', 38: '#,##0 ;[Red](#,##0)', 39: '#,##0.00 ;(#,##0.00)', 40: '#,##0.00 ;[Red](#,##0.00)',
  45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mmss.0', 48: '##0.0E+0', 49: '@',
};

function builtInFormat(id: number): string | undefined {
  if ((id >= 27 && id <= 36 && id !== 32 && id !== 33) || (id >= 50 && id <= 58)) return 'yyyy-mm-dd';
  return BUILT_IN_FORMATS[id];
}

/** Reads the number format code of every cell style (`s` attribute → format), in cellXfs order. */
export async function readCellFormats(zip: ZipArchive, part: string | null): Promise<readonly (string | undefined)[]> {
  if (part === null) return [];
  const custom = new Map<number, string>();
  const xfIds: number[] = [];
  let inCellXfs = false;
  await parsePart(await zip.stream(part, XLSX_LIMITS.wholePartBytes), part, {
    open(tag, a) {
      if (tag === 'numFmt' && a.numFmtId !== undefined && a.formatCode !== undefined) custom.set(Number(a.numFmtId), a.formatCode);
      else if (tag === 'cellXfs') inCellXfs = true;
      else if (tag === 'xf' && inCellXfs) xfIds.push(Number(a.numFmtId ?? 0));
    },
    close(tag) {
      if (tag === 'cellXfs') inCellXfs = false;
    },
    text: noText,
  });
  return xfIds.map((id) => custom.get(id) ?? builtInFormat(id));
}

/** Slab size: positions inside a slab fit in 24 bits, the slab number in the other 8. */
const SLAB_BYTES = 8 * 1024 * 1024;
const POSITION_MASK = 0xffffff;

/**
 * The shared-strings table, packed: UTF-8 bytes in 8 MB slabs and one 32-bit position per string, so
 * millions of texts cost their bytes plus 4 bytes each rather than a JavaScript string apiece.
 */
export class SharedStrings {
  private readonly slabs: Buffer[] = [];
  /** Bytes used in each slab. */
  private readonly slabUsed: number[] = [];
  private starts = new Uint32Array(1024);
  private count = 0;
  private bytes = 0;

  /** Number of strings. */
  get size(): number {
    return this.count;
  }

  /** Appends one string; throws `workbook-limit` past XLSX_LIMITS' count or bytes. */
  add(text: string, part: string): void {
    if (this.count >= XLSX_LIMITS.sharedStrings) throw limitError('shared-strings', XLSX_LIMITS.sharedStrings, part);
    const length = Buffer.byteLength(text);
    this.bytes += length;
    if (this.bytes > XLSX_LIMITS.sharedStringBytes) throw limitError('shared-string-bytes', XLSX_LIMITS.sharedStringBytes, part);
    let slab = this.slabs.length - 1;
    if (slab < 0 || (this.slabUsed[slab] as number) + length > SLAB_BYTES) {
      this.slabs.push(Buffer.allocUnsafe(Math.max(SLAB_BYTES, length)));
      this.slabUsed.push(0);
      slab++;
    }
    if (this.count >= this.starts.length) {
      const bigger = new Uint32Array(this.starts.length * 2);
      bigger.set(this.starts);
      this.starts = bigger;
    }
    const at = this.slabUsed[slab] as number;
    (this.slabs[slab] as Buffer).write(text, at, 'utf8');
    this.starts[this.count++] = (slab << 24) | at;
    this.slabUsed[slab] = at + length;
  }

  /** The string at `index`, or undefined past the end. */
  get(index: number): string | undefined {
    if (!(index >= 0 && index < this.count)) return undefined;
    const start = this.starts[index] as number;
    const slab = start >>> 24;
    const next = index + 1 < this.count ? (this.starts[index + 1] as number) : -1;
    const end = next >= 0 && next >>> 24 === slab ? next & POSITION_MASK : (this.slabUsed[slab] as number);
    return (this.slabs[slab] as Buffer).toString('utf8', start & POSITION_MASK, end);
  }
}

/** Reads the shared strings (plain and rich text; phonetic runs left out) into a packed table. */
export async function readSharedStrings(zip: ZipArchive, part: string | null): Promise<SharedStrings> {
  const table = new SharedStrings();
  if (part === null) return table;
  let inSi = false;
  let inT = false;
  let phonetic = 0;
  let text = '';
  await parsePart(await zip.stream(part, XLSX_LIMITS.streamedPartBytes), part, {
    open(tag, a) {
      // Excel states the table's size up front: a table that says it is too large is refused unread.
      if (tag === 'sst' && Number(a.uniqueCount ?? 0) > XLSX_LIMITS.sharedStrings) throw limitError('shared-strings', XLSX_LIMITS.sharedStrings, part);
      if (tag === 'si') {
        inSi = true;
        text = '';
      } else if (tag === 'rPh') phonetic++;
      else if (tag === 't' && inSi && phonetic === 0) inT = true;
    },
    close(tag) {
      if (tag === 'si') {
        table.add(text, part);
        inSi = false;
      } else if (tag === 'rPh') phonetic--;
      else if (tag === 't') inT = false;
    },
    text(t) {
      if (!inT) return;
      text += t;
      // A shared string made of many runs is one cell's text: held to the same length.
      if (text.length > XLSX_LIMITS.textRunChars) throw limitError('text-run', XLSX_LIMITS.textRunChars, part);
    },
  });
  return table;
}
