// Reads a zip archive (an .xlsx) through yauzl: the table of contents from the central directory
// (ZIP64 included), then one part at a time as a bounded stream — its declared size and packing ratio
// checked before a byte is inflated, its real size held to the declared one while it streams (yauzl),
// its CRC-32 checked at the end. Memory stays at a few hundred kB per open part whatever its size.
import { Transform, type Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import yauzl from 'yauzl';
import { TableReadError } from './table-read-error.js';
import { limitError, XLSX_LIMITS } from './xlsx-limits.js';

/** One file inside the archive. */
export interface ZipPart {
  /** Its name as stored, without a leading `/`. */
  readonly name: string;
  readonly size: number;
  readonly compressedSize: number;
}

/** Returns the corrupt-xlsx error for a damaged archive (English words; `detail` says what broke). */
export function corruptXlsx(detail: string): TableReadError {
  return new TableReadError(
    'corrupt-xlsx',
    `This Excel file is damaged or incomplete (${detail}). Open it in Excel and save it again, or export it as CSV.`,
    '이 Excel 파일이 손상되었거나 불완전합니다. Excel에서 열어 다시 저장하거나 CSV로 내보내세요.',
    { detail },
  );
}

function describeZipError(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  if (/end of central directory/i.test(text)) return 'the end of the file is missing';
  if (/central directory|invalid comment|multi-disk/i.test(text)) return 'the table of contents is broken';
  if (/encrypted/i.test(text)) return 'it is encrypted';
  return text;
}

/** An archive opened for reading; `close()` releases the file. */
export class ZipArchive {
  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly entries: ReadonlyMap<string, yauzl.Entry>,
  ) {}

  /** Opens `path` and lists its parts. Throws TableReadError `corrupt-xlsx` for a truncated or damaged archive. */
  static async open(path: string): Promise<ZipArchive> {
    let zip: yauzl.ZipFile;
    try {
      zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false, decodeStrings: true });
    } catch (e) {
      throw corruptXlsx(describeZipError(e));
    }
    const entries = new Map<string, yauzl.Entry>();
    try {
      for await (const entry of zip.eachEntry()) {
        // OOXML part names are case-insensitive and may be stored with a leading slash.
        entries.set(entry.fileName.replace(/^\/+/, '').toLowerCase(), entry);
      }
    } catch (e) {
      zip.close();
      throw corruptXlsx(describeZipError(e));
    }
    return new ZipArchive(zip, entries);
  }

  /** The part called `name` (case-insensitive), or undefined. */
  part(name: string): ZipPart | undefined {
    const e = this.entries.get(name.replace(/^\/+/, '').toLowerCase());
    return e === undefined ? undefined : { name: e.fileName.replace(/^\/+/, ''), size: e.uncompressedSize, compressedSize: e.compressedSize };
  }

  /** True when the archive holds a part called `name`. */
  has(name: string): boolean {
    return this.entries.has(name.replace(/^\/+/, '').toLowerCase());
  }

  /**
   * Streams the unpacked bytes of part `name`, refusing (TableReadError `workbook-limit`) a part
   * declared larger than `maxBytes` or packed more tightly than XLSX_LIMITS.maxRatio, and failing the
   * stream (`corrupt-xlsx`) when its bytes do not match its declared size or checksum.
   */
  async stream(name: string, maxBytes: number): Promise<Readable> {
    const entry = this.entries.get(name.replace(/^\/+/, '').toLowerCase());
    if (entry === undefined) throw corruptXlsx(`${name} is missing`);
    if (entry.isEncrypted()) throw corruptXlsx(`${name} is encrypted`);
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) throw corruptXlsx(`${name} uses an unknown compression`);
    if (entry.uncompressedSize > maxBytes) throw limitError('part-size', maxBytes, name);
    if (entry.uncompressedSize > XLSX_LIMITS.ratioGraceBytes && entry.uncompressedSize / Math.max(1, entry.compressedSize) > XLSX_LIMITS.maxRatio) {
      throw limitError('ratio', XLSX_LIMITS.maxRatio, name);
    }
    let raw: Readable;
    try {
      raw = await this.zip.openReadStreamPromise(entry);
    } catch (e) {
      throw corruptXlsx(`${name}: ${describeZipError(e)}`);
    }
    let crc = 0;
    const check = new Transform({
      transform(chunk: Buffer, _enc, done) {
        crc = crc32(chunk, crc);
        done(null, chunk);
      },
      flush(done) {
        done(crc >>> 0 === entry.crc32 >>> 0 ? null : corruptXlsx(`${name} fails its checksum`));
      },
    });
    raw.on('error', (e) => check.destroy(e instanceof TableReadError ? e : corruptXlsx(`${name} does not decompress (${describeZipError(e)})`)));
    check.on('close', () => raw.destroy());
    return raw.pipe(check);
  }

  /** Reads part `name` whole as UTF-8 text (at most XLSX_LIMITS.wholePartBytes); throws like `stream`. */
  async text(name: string): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of await this.stream(name, XLSX_LIMITS.wholePartBytes)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  /** Releases the file. */
  close(): void {
    this.zip.close();
  }
}
