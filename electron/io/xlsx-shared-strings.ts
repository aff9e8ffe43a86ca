// The shared-strings table of a workbook: packed in memory, read through the fast scanner, and loadable
// in steps — the header scan needs only the first few strings of a table that can hold millions, so it
// reads only as far as the rows it looks at refer to; a full read loads the table whole.
import { XmlScanner } from './xml-scan.js';
import { limitError, XLSX_LIMITS } from './xlsx-limits.js';
import type { ZipArchive } from './zip-archive.js';

/** Bytes `text` takes in UTF-8, as Buffer.write writes it (a lone surrogate as the 3-byte U+FFFD). */
export function utf8Length(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 2; // a pair: 2 characters, 4 bytes
      i++;
    } else n += 2;
  }
  return n;
}

/** Slab size: positions inside a slab fit in 24 bits, the slab number in the other 8. */
const SLAB_BYTES = 8 * 1024 * 1024;
const POSITION_MASK = 0xffffff;
/** Recently read strings kept as JavaScript strings: a sheet repeats its tiers, cities and codes. */
const CACHE_SLOTS = 4096;

/**
 * The shared-strings table, packed: UTF-8 bytes in 8 MB slabs and one 32-bit position per string, so
 * millions of texts cost their bytes plus 4 bytes each rather than a JavaScript string apiece.
 */
export class SharedStrings {
  private readonly slabs: Buffer[] = [];
  /** Whether every text in a slab is ASCII: its texts are then read as Latin-1, which is faster than UTF-8. */
  private readonly slabAscii: boolean[] = [];
  /** Bytes used in each slab, texts waiting to be written included. */
  private readonly slabUsed: number[] = [];
  private starts = new Uint32Array(1024);
  private count = 0;
  private bytes = 0;
  /** Texts added but not yet written to the last slab: written together, one call for many. */
  private pending: string[] = [];
  private pendingFrom = 0;
  private readonly cachedIndex = new Int32Array(CACHE_SLOTS).fill(-1);
  private readonly cachedText: string[] = new Array<string>(CACHE_SLOTS).fill('');

  /** Number of strings. */
  get size(): number {
    return this.count;
  }

  /**
   * Makes room for `count` strings at once (the count the part states up front), so a table of millions
   * does not grow by doubling, which holds a copy and up to twice the room it needs. A wrong count only
   * costs growth later or some unused room: it is capped at XLSX_LIMITS.sharedStrings.
   */
  reserve(count: number): void {
    const wanted = Math.min(Math.floor(count), XLSX_LIMITS.sharedStrings);
    if (!(wanted > this.starts.length)) return;
    const bigger = new Uint32Array(wanted);
    bigger.set(this.starts.subarray(0, this.count));
    this.starts = bigger;
  }

  /** Appends one string; throws `workbook-limit` past XLSX_LIMITS' count or bytes. */
  add(text: string, part: string): void {
    const length = utf8Length(text);
    const slab = this.room(length, part);
    if (length !== text.length) this.slabAscii[slab] = false;
    const at = this.slabUsed[slab] as number;
    this.pending.push(text);
    if (this.pending.length >= 1024) this.flush();
    this.starts[this.count++] = (slab << 24) | at;
    this.slabUsed[slab] = at + length;
  }

  /**
   * Appends the string whose bytes are ascii[start, end), all of them ASCII (the caller knows: the
   * piece of XML they come from is), copied as they are, with no JavaScript string made. Throws like add.
   */
  addAscii(ascii: Uint8Array, start: number, end: number, part: string): void {
    const length = end - start;
    const slab = this.room(length, part);
    this.flush(); // texts added before it go in first
    const at = this.slabUsed[slab] as number;
    const target = this.slabs[slab] as Buffer;
    // Most texts are short: a loop copies them faster than a call into the runtime.
    if (length < 64) for (let k = 0; k < length; k++) target[at + k] = ascii[start + k] as number;
    else target.set(ascii.subarray(start, end), at);
    this.pendingFrom = at + length;
    this.starts[this.count++] = (slab << 24) | at;
    this.slabUsed[slab] = at + length;
  }

  /** Checks the limits for one more string of `length` bytes and returns the slab it goes in, starting a new one when the last is full. */
  private room(length: number, part: string): number {
    if (this.count >= XLSX_LIMITS.sharedStrings) throw limitError('shared-strings', XLSX_LIMITS.sharedStrings, part);
    this.bytes += length;
    if (this.bytes > XLSX_LIMITS.sharedStringBytes) throw limitError('shared-string-bytes', XLSX_LIMITS.sharedStringBytes, part);
    let slab = this.slabs.length - 1;
    if (slab < 0 || (this.slabUsed[slab] as number) + length > SLAB_BYTES) {
      this.flush();
      this.slabs.push(Buffer.allocUnsafe(Math.max(SLAB_BYTES, length)));
      this.slabAscii.push(true);
      this.slabUsed.push(0);
      slab++;
      this.pendingFrom = 0;
    }
    if (this.count >= this.starts.length) {
      const bigger = new Uint32Array(this.starts.length * 2);
      bigger.set(this.starts);
      this.starts = bigger;
    }
    return slab;
  }

  /** Writes the pending texts into the last slab. */
  private flush(): void {
    if (this.pending.length === 0) return;
    const slab = this.slabs.length - 1;
    const written = (this.slabs[slab] as Buffer).write(this.pending.join(''), this.pendingFrom, 'utf8');
    this.pendingFrom += written;
    this.pending = [];
  }

  /** The string at `index`, or undefined past the end. */
  get(index: number): string | undefined {
    if (!(index >= 0 && index < this.count)) return undefined;
    if (this.pending.length > 0) this.flush();
    const slot = index & (CACHE_SLOTS - 1);
    if (this.cachedIndex[slot] === index) return this.cachedText[slot];
    const start = this.starts[index] as number;
    const slab = start >>> 24;
    const next = index + 1 < this.count ? (this.starts[index + 1] as number) : -1;
    const end = next >= 0 && next >>> 24 === slab ? next & POSITION_MASK : (this.slabUsed[slab] as number);
    const text = (this.slabs[slab] as Buffer).toString(this.slabAscii[slab] === true ? 'latin1' : 'utf8', start & POSITION_MASK, end);
    this.cachedIndex[slot] = index;
    this.cachedText[slot] = text;
    return text;
  }
}

/**
 * Reads the shared string at `lt` in `s` when it has the plain shape — `<si><t>text</t></si>`, or with
 * `<t xml:space="preserve">`, the text holding no `&`, no CR and no markup — putting where its text
 * starts and ends in `found` and returning the index after `</si>`; else -1, and the scanner reads it
 * (rich text, phonetic runs, entities, a string cut by the end of the piece).
 */
export function plainSharedString(s: string, lt: number, found: { start: number; end: number }): number {
  if (!s.startsWith('<si><t', lt)) return -1;
  let i = lt + 6;
  if (s.charCodeAt(i) === 0x3e) i++;
  else if (s.startsWith(' xml:space="preserve">', i)) i += 22;
  else return -1;
  const start = i;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x3c) break;
    if (c === 0x26 || c === 0x0d) return -1;
  }
  if (i - start > XLSX_LIMITS.textRunChars || !s.startsWith('</t></si>', i)) return -1;
  found.start = start;
  found.end = i;
  return i + 9;
}

/** What SharedStringsReader.get gives for a string it has not read yet. */
export const NOT_READ_YET = '\u0000';

/** The elements of the shared-strings part the reader acts on, by their index in SST_TAGS. */
const SST_TAGS = ['sst', 'si', 't', 'rPh'];
const [SST, SI, T, RPH] = [0, 1, 2, 3];

/**
 * Reads a workbook's shared strings (plain and rich text; phonetic runs left out) into a packed table,
 * as far as asked. `get` on a string not read yet returns undefined and remembers it in `missed`.
 *
 * Each step reads from the start of the part in a stream of its own, closed before the step ends: the
 * zip reader (yauzl) can crash when a stream is stopped while another one on the same file is reading,
 * so no stream is left open beside the sheet's. A header scan needs one short step, rarely two.
 */
export class SharedStringsReader {
  /** The strings read so far. */
  table = new SharedStrings();
  /** The highest index asked for past the strings read so far, or -1. */
  missed = -1;
  private complete: boolean;

  private constructor(
    private readonly zip: ZipArchive,
    private readonly part: string | null,
    /** Plain strings are read in one step (plainSharedString); false only in the tests that check both ways agree. */
    private readonly plainStrings: boolean,
  ) {
    this.complete = part === null;
  }

  /** Reads the whole table of `part` (none when null). Throws TableReadError like ZipArchive.stream and the scanner. */
  static async readAll(zip: ZipArchive, part: string | null, { plainStrings = true }: { plainStrings?: boolean } = {}): Promise<SharedStringsReader> {
    const reader = new SharedStringsReader(zip, part, plainStrings);
    await reader.loadUpTo(Number.POSITIVE_INFINITY);
    return reader;
  }

  /** Reads the head of the table of `part` (a table that says it is too large is refused here). */
  static async start(zip: ZipArchive, part: string | null): Promise<SharedStringsReader> {
    const reader = new SharedStringsReader(zip, part, true);
    await reader.loadUpTo(1);
    return reader;
  }

  /**
   * The string at `index`; undefined past the table's end. Past what has been read it notes the index in
   * `missed` and returns NOT_READ_YET, a stand-in that is not empty, so that rows read meanwhile keep
   * their shape (an empty one would send a header scan on through the whole sheet); the caller reads more
   * and reads its rows again.
   */
  get(index: number): string | undefined {
    if (index >= this.table.size && !this.complete) {
      this.missed = Math.max(this.missed, index);
      return NOT_READ_YET;
    }
    return this.table.get(index);
  }

  /** Reads the table (again from its start) until it holds `count` strings or ends. */
  async loadUpTo(count: number): Promise<void> {
    const part = this.part;
    if (this.complete || part === null || this.table.size >= count) return;
    const table = new SharedStrings();
    const plain = this.plainStrings;
    const found = { start: 0, end: 0 };
    let inSi = false;
    let phonetic = 0;
    let text = '';
    const scanner: XmlScanner = new XmlScanner(part, SST_TAGS, {
      shortcut(source, lt, ascii) {
        // Only where the events would start from a clean state: between two strings, not inside one.
        if (!plain || inSi || phonetic > 0 || scanner.wantText) return -1;
        const end = plainSharedString(source, lt, found);
        if (end < 0) return -1;
        if (ascii !== null) table.addAscii(ascii, found.start, found.end, part);
        else table.add(source.slice(found.start, found.end), part);
        return end;
      },
      open(tag) {
        // Excel states the table's size up front: a table that says it is too large is refused unread.
        if (tag === SST) {
          const stated = Number(scanner.attr('uniqueCount') ?? 0);
          if (stated > XLSX_LIMITS.sharedStrings) throw limitError('shared-strings', XLSX_LIMITS.sharedStrings, part);
          // Only a full read makes room for the whole table; a header scan reads a few strings.
          if (count === Number.POSITIVE_INFINITY) table.reserve(stated);
        }
        if (tag === SI) {
          inSi = true;
          text = '';
        } else if (tag === RPH) phonetic++;
        else if (tag === T && inSi && phonetic === 0) scanner.wantText = true;
      },
      close(tag) {
        if (tag === SI) {
          table.add(text, part);
          inSi = false;
        } else if (tag === RPH) phonetic--;
        else if (tag === T) scanner.wantText = false;
      },
      text(source, start, end) {
        text += source.slice(start, end);
        // A shared string made of many runs is one cell's text: held to the same length.
        if (text.length > XLSX_LIMITS.textRunChars) throw limitError('text-run', XLSX_LIMITS.textRunChars, part);
      },
    });
    let ended = true;
    // Leaving the loop early destroys the stream.
    for await (const chunk of await this.zip.stream(part, XLSX_LIMITS.streamedPartBytes)) {
      scanner.write(chunk as Buffer);
      if (table.size >= count) {
        ended = false;
        break;
      }
    }
    if (ended) {
      scanner.end();
      this.complete = true;
    }
    this.table = table;
  }
}
