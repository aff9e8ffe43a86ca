// Reads a zip archive (an .xlsx) through yauzl: the table of contents from the central directory
// (ZIP64 included), then one part at a time as a bounded stream — its declared size and packing ratio
// checked before a byte is inflated, its real size held to the declared one while it streams, its
// CRC-32 checked at the end. Memory stays at a few hundred kB per open part whatever its size.
import { Transform, type Readable } from 'node:stream';
import { crc32, createInflateRaw } from 'node:zlib';
import yauzl from 'yauzl';
import type { ErrorVariant } from '../../shared/contract/errors.js';
import { TableReadError } from './table-read-error.js';
import { limitError, XLSX_LIMITS } from './xlsx-limits.js';

/** Size of the pieces a part is inflated in. */
const INFLATE_CHUNK_BYTES = 64 * 1024;

/** One file inside the archive. */
export interface ZipPart {
  /** Its name as stored, without a leading `/`. */
  readonly name: string;
  readonly size: number;
  readonly compressedSize: number;
}

/** Returns the corrupt-xlsx error for a damaged workbook: `damage` names what broke, `where` the part or sheet, `detail` the reader's own diagnostic (for the log). */
export function corruptXlsx(damage: ErrorVariant<'corrupt-xlsx'>, where: { part?: string; sheet?: string; detail?: string } = {}): TableReadError {
  return new TableReadError('corrupt-xlsx', { variant: damage, ...where });
}

/** The corrupt-xlsx error for a failure of the archive as a whole, named from yauzl's diagnostic. */
function archiveError(e: unknown): TableReadError {
  const text = e instanceof Error ? e.message : String(e);
  if (/end of central directory/i.test(text)) return corruptXlsx('no-end');
  if (/central directory|invalid comment|multi-disk/i.test(text)) return corruptXlsx('toc-broken', { detail: text });
  return corruptXlsx('unreadable', { detail: text });
}

function detailOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
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
      throw archiveError(e);
    }
    const entries = new Map<string, yauzl.Entry>();
    try {
      for await (const entry of zip.eachEntry()) {
        // OOXML part names are case-insensitive and may be stored with a leading slash.
        entries.set(entry.fileName.replace(/^\/+/, '').toLowerCase(), entry);
      }
    } catch (e) {
      zip.close();
      throw archiveError(e);
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
    if (entry === undefined) throw corruptXlsx('part-missing', { part: name });
    if (entry.isEncrypted()) throw corruptXlsx('part-encrypted', { part: name });
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) throw corruptXlsx('part-compression', { part: name });
    if (entry.uncompressedSize > maxBytes) throw limitError('part-size', maxBytes, name);
    if (entry.uncompressedSize > XLSX_LIMITS.ratioGraceBytes && entry.uncompressedSize / Math.max(1, entry.compressedSize) > XLSX_LIMITS.maxRatio) {
      throw limitError('ratio', XLSX_LIMITS.maxRatio, name);
    }
    let raw: Readable;
    try {
      // Deflated parts are inflated here rather than by yauzl, in large pieces: a sheet of hundreds of
      // megabytes then passes through a few thousand chunks instead of tens of thousands.
      raw = await this.zip.openReadStreamPromise(entry, entry.compressionMethod === 8 ? { decompress: false } : {});
    } catch (e) {
      throw corruptXlsx('part-unreadable', { part: name, detail: detailOf(e) });
    }
    let source = raw;
    if (entry.compressionMethod === 8) {
      const inflate = createInflateRaw({ chunkSize: INFLATE_CHUNK_BYTES });
      raw.on('error', (e) => inflate.destroy(e));
      source = raw.pipe(inflate);
    }
    let crc = 0;
    let seen = 0;
    const size = entry.uncompressedSize;
    // Its real size is held to the declared one as it streams (a part that lies about it is stopped there).
    const check = new Transform({
      transform(chunk: Buffer, _enc, done) {
        seen += chunk.length;
        if (seen > size) return done(corruptXlsx('part-inflate', { part: name, detail: `too many bytes in the stream. expected ${size}. got at least ${seen}` }));
        crc = crc32(chunk, crc);
        done(null, chunk);
      },
      flush(done) {
        if (seen < size) return done(corruptXlsx('part-inflate', { part: name, detail: `not enough bytes in the stream. expected ${size}. got only ${seen}` }));
        done(crc >>> 0 === entry.crc32 >>> 0 ? null : corruptXlsx('part-checksum', { part: name }));
      },
    });
    source.on('error', (e) => check.destroy(e instanceof TableReadError ? e : corruptXlsx('part-inflate', { part: name, detail: detailOf(e) })));
    check.on('close', () => {
      raw.destroy();
      source.destroy();
    });
    return source.pipe(check);
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
