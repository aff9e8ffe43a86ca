// The workbook-level parts of an xlsx: the sheet list (names, XML parts, hidden or not, the 1904 date
// system) and the number format of every cell style, each read through the bounded zip and XML readers
// (the shared-strings table is xlsx-shared-strings.ts).
import { posix } from 'node:path';
import type { Readable } from 'node:stream';
import { TableReadError } from './table-read-error.js';
import { XmlFeed, type XmlHandlers } from './xml-stream.js';
import { XLSX_LIMITS } from './xlsx-limits.js';
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
