// Checks an xlsx container before exceljs streams it: the zip's central directory must be present
// (a truncated download loses it) and must hold a workbook. Also reads the sheet names, in workbook
// order, straight from xl/workbook.xml, so openTable can list sheets without reading rows.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { crc32, createInflateRaw, inflateRaw } from 'node:zlib';
import type { ErrorVariant } from '../../shared/contract/errors.js';
import { TableReadError } from './table-read-error.js';

const inflate = promisify(inflateRaw);

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
}

function corrupt(damage: ErrorVariant<'corrupt-xlsx'>, where: { part?: string; sheet?: string } = {}): TableReadError {
  return new TableReadError('corrupt-xlsx', { variant: damage, ...where });
}

async function readAt(path: string, position: number, length: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(length);
    const { bytesRead } = await fh.read(buf, 0, length, position);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

async function listEntries(path: string, size: number): Promise<{ entries: ZipEntry[]; cdOffset: number }> {
  const tailLength = Math.min(size, 65_557);
  const tail = await readAt(path, size - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd === -1) throw corrupt('no-end');
  const count = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  if (cdOffset + cdSize > size) throw corrupt('toc-past-end');
  const cd = await readAt(path, cdOffset, cdSize);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== 0x02014b50) throw corrupt('toc-broken');
    const nameLength = cd.readUInt16LE(p + 28);
    const entry: ZipEntry = {
      method: cd.readUInt16LE(p + 10),
      crc: cd.readUInt32LE(p + 16),
      compressedSize: cd.readUInt32LE(p + 20),
      size: cd.readUInt32LE(p + 24),
      localOffset: cd.readUInt32LE(p + 42),
      name: cd.toString('utf8', p + 46, p + 46 + nameLength),
    };
    if (entry.localOffset + entry.compressedSize > size) throw corrupt('part-cut', { part: entry.name });
    entries.push(entry);
    p += 46 + nameLength + cd.readUInt16LE(p + 30) + cd.readUInt16LE(p + 32);
  }
  return { entries, cdOffset };
}

async function dataStart(path: string, entry: ZipEntry): Promise<number> {
  const header = await readAt(path, entry.localOffset, 30);
  if (header.length < 30 || header.readUInt32LE(0) !== 0x04034b50) throw corrupt('part-unreadable', { part: entry.name });
  return entry.localOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
}

/**
 * Decompresses one entry as a stream and checks its CRC and size: exceljs's streaming unzip can
 * wait forever on damaged compressed data, so damage must be found before it gets the file.
 */
async function verifyEntry(path: string, entry: ZipEntry): Promise<void> {
  const start = await dataStart(path, entry);
  if (entry.method !== 0 && entry.method !== 8) throw corrupt('part-compression', { part: entry.name });
  let crc = 0;
  let size = 0;
  const source = createReadStream(path, { start, end: start + entry.compressedSize - 1, highWaterMark: 256 * 1024 });
  const check = async (chunks: AsyncIterable<Buffer>): Promise<void> => {
    for await (const chunk of chunks) {
      crc = crc32(chunk, crc);
      size += chunk.length;
    }
  };
  try {
    if (entry.compressedSize === 0) {
      source.destroy();
    } else if (entry.method === 8) {
      await pipeline(source, createInflateRaw(), check);
    } else {
      await pipeline(source, check);
    }
  } catch {
    throw corrupt('part-inflate', { part: entry.name });
  }
  if (crc >>> 0 !== entry.crc >>> 0 || size !== entry.size) throw corrupt('part-checksum', { part: entry.name });
}

/**
 * Checks that the parts read for `sheet` (workbook, styles, shared strings, the sheet) decompress to
 * their recorded checksums. Throws TableReadError 'corrupt-xlsx'.
 */
export async function verifyXlsx(container: XlsxContainer, sheet: XlsxSheet): Promise<void> {
  for (const name of [...WORKBOOK_PARTS, sheet.part]) {
    const entry = container.entries.find((e) => e.name === name);
    if (entry === undefined) {
      if (name === sheet.part) throw corrupt('sheet-missing', { sheet: sheet.name });
      continue;
    }
    await verifyEntry(container.path, entry);
  }
}

async function readEntry(path: string, entry: ZipEntry): Promise<string> {
  const start = await dataStart(path, entry);
  const data = await readAt(path, start, entry.compressedSize);
  try {
    if (entry.method === 0) return data.toString('utf8');
    if (entry.method === 8) return (await inflate(data)).toString('utf8');
  } catch {
    throw corrupt('part-inflate', { part: entry.name });
  }
  throw corrupt('part-compression', { part: entry.name });
}

function xmlUnescape(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#[0-9]+);/g, (_m, e: string) => {
    switch (e) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'amp':
        return '&';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      default:
        return String.fromCodePoint(e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    }
  });
}

export interface XlsxSheet {
  readonly name: string;
  /** Zip path of the sheet's XML, e.g. xl/worksheets/sheet1.xml. */
  readonly part: string;
  /** Hidden or very hidden in Excel. */
  readonly hidden: boolean;
}

export interface XlsxContainer {
  readonly path: string;
  readonly size: number;
  /** Sheets in workbook order. */
  readonly sheets: readonly XlsxSheet[];
  readonly entries: readonly ZipEntry[];
  /** Where the central directory starts (the end of the last entry's bytes). */
  readonly cdOffset: number;
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\b${name}="([^"]*)"`).exec(tag);
  return m?.[1] === undefined ? undefined : xmlUnescape(m[1]);
}

/**
 * Reads an xlsx file's table of contents and its sheet list (names in workbook order, each with its
 * XML part). Throws TableReadError 'corrupt-xlsx' for a truncated or damaged zip, 'unsupported-format'
 * for a zip that is not an Excel workbook.
 */
export async function openXlsxContainer(path: string, size: number): Promise<XlsxContainer> {
  const { entries, cdOffset } = await listEntries(path, size);
  const workbook = entries.find((e) => e.name === 'xl/workbook.xml');
  if (workbook === undefined) {
    throw new TableReadError('unsupported-format', { variant: 'zip-not-workbook' });
  }
  const relsEntry = entries.find((e) => e.name === 'xl/_rels/workbook.xml.rels');
  const targets = new Map<string, string>();
  if (relsEntry !== undefined) {
    for (const m of (await readEntry(path, relsEntry)).matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
      const id = attr(m[0], 'Id');
      const target = attr(m[0], 'Target');
      if (id !== undefined && target !== undefined) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
    }
  }
  const sheets: XlsxSheet[] = [];
  for (const m of (await readEntry(path, workbook)).matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = attr(m[0], 'name');
    const rid = attr(m[0], 'r:id') ?? attr(m[0], 'id');
    if (name === undefined) continue;
    const part = (rid !== undefined ? targets.get(rid) : undefined) ?? `xl/worksheets/sheet${sheets.length + 1}.xml`;
    sheets.push({ name, part, hidden: (attr(m[0], 'state') ?? 'visible') !== 'visible' });
  }
  if (sheets.length === 0) throw corrupt('no-sheets');
  return { path, size, sheets, entries, cdOffset };
}

const WORKBOOK_PARTS = ['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/styles.xml', 'xl/sharedStrings.xml'];

/**
 * Returns the zip bytes exceljs's streaming reader needs for one sheet, in the order it can use
 * without staging anything on disk: relationships, workbook, styles, shared strings, then the sheet.
 * Entries are copied as stored (no recompression); other sheets are left out; the original central
 * directory closes the stream.
 */
export function xlsxPartsStream(container: XlsxContainer, sheet: XlsxSheet): Readable {
  const byOffset = [...container.entries].sort((a, b) => a.localOffset - b.localOffset);
  const endOf = (e: ZipEntry): number => {
    const next = byOffset.find((x) => x.localOffset > e.localOffset);
    return next === undefined ? container.cdOffset : next.localOffset;
  };
  const wanted = [...WORKBOOK_PARTS, sheet.part]
    .map((name) => container.entries.find((e) => e.name === name))
    .filter((e): e is ZipEntry => e !== undefined);
  async function* parts(): AsyncGenerator<Buffer> {
    for (const entry of wanted) {
      const end = endOf(entry);
      if (end <= entry.localOffset) continue;
      yield* createReadStream(container.path, { start: entry.localOffset, end: end - 1, highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>;
    }
    // The sequential unzip stops cleanly at the central directory; without it the stream "ends early".
    if (container.size > container.cdOffset) {
      yield* createReadStream(container.path, { start: container.cdOffset, end: container.size - 1 }) as AsyncIterable<Buffer>;
    }
  }
  return Readable.from(parts(), { objectMode: false });
}
