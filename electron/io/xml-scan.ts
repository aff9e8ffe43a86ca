// A small, fast XML scanner for the two big parts of a workbook: a sheet and the shared strings. saxes
// (xml-stream.ts, still used for the small parts) checks every character one by one and builds an
// attributes object per element, which made it 80% of reading a large sheet; this scanner jumps between
// `<`, `>` and quotes with indexOf, names an element by its index in a short list the caller gives, and
// reads an attribute only when asked. It reads the same events saxes gives for well-formed XML: text
// with the five XML entities and character references decoded and line ends normalised (CR LF and CR
// become LF), CDATA sections, comments, processing instructions and a doctype skipped. It refuses
// (`corrupt-xlsx`) what would make a reading wrong: a close tag that does not match, an element left
// open, a second root, text outside the root, a malformed or unknown entity. It holds the reader's limits
// like XmlFeed: a text run of XLSX_LIMITS.textRunChars, nesting of XLSX_LIMITS.xmlDepth.
import { completeUtf8, decodeEntities, leadBytes } from './xml-text.js';
import { corruptXlsx } from './zip-archive.js';
import { limitError, XLSX_LIMITS } from './xlsx-limits.js';

/** What a part reader does with the elements it meets; `tag` is the element's index in the scanner's names, or -1. */
export interface ScanHandlers {
  open(tag: number): void;
  close(tag: number): void;
  /**
   * Text inside an element, called only while the scanner's `wantText` is true: the text is
   * `source.slice(start, end)`, given as a range so that a caller that can read it in place (a number)
   * makes no string. One run of text may come in several calls.
   */
  text(source: string, start: number, end: number): void;
  /**
   * Optional shortcut for the commonest element of a part (a sheet's value cell, a shared string): called
   * at each `<` that opens an element inside the root, with the text, the `<`'s index, and the same text
   * as bytes when it is all ASCII (`ascii[i]` is character i: reading bytes is the faster), else null. It
   * may read the whole element — attributes, text and close tag — and return the index after it, doing
   * what its open, text and close events would have done; or return -1 to leave the element to the
   * scanner. It must only take an element the scanner would read without error or limit (nesting two
   * levels deeper is checked before it is called) and whose text needs no decoding (no `&`, no CR).
   */
  shortcut?(source: string, lt: number, ascii: Uint8Array | null): number;
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const COLON = 0x3a;
const EQUALS = 0x3d;
const DQUOTE = 0x22;
const SQUOTE = 0x27;

/** Character classes for names (ASCII; anything above is a name character). */
const NAME_CHAR = 0;
const NAME_END = 1;
const NAME_BAD = 2;
const NAME_CLASS = new Uint8Array(128);
for (const c of [0x20, 0x0a, 0x09, 0x0d, SLASH, GT]) NAME_CLASS[c] = NAME_END;
for (const c of [LT, EQUALS, DQUOTE, SQUOTE]) NAME_CLASS[c] = NAME_BAD;

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;

/**
 * Parses XML byte chunks and calls the handlers. `write` may call them many times; after each write the
 * caller can collect what they built. Throws TableReadError `workbook-limit` for a text run longer than
 * XLSX_LIMITS.textRunChars or nesting deeper than XLSX_LIMITS.xmlDepth, and `corrupt-xlsx` for XML that
 * does not parse.
 */
export class XmlScanner {
  /** Set by the handlers: whether the text now met is wanted (text nobody wants is skipped unread). */
  wantText = false;
  /** Bytes not yet scanned: an element or text run (or a character) cut by the end of a chunk. */
  private carry: Buffer = Buffer.alloc(0);
  private run = 0;
  private depth = 0;
  private sawRoot = false;
  /** Hash of the local name of every open element, to check close tags. */
  private readonly open = new Int32Array(XLSX_LIMITS.xmlDepth + 1);
  /** The text holding the element being opened (see attrAt). */
  source = '';
  /** Where the value found by the last attrAt ends in `source`. */
  valueEnd = 0;
  /** Attributes of the element being opened: name start, name end, value start, value end. */
  private attrs = new Int32Array(32);
  private attrCount = 0;
  /** Whether the text being scanned holds a CR (1) and an `&` (2); -1 until text() first needs it. */
  private marks = -1;
  private readonly lengths: Int32Array;
  private readonly hashes: Int32Array;

  constructor(
    private readonly part: string,
    /** Local names (without a namespace prefix) the handlers tell apart. */
    private readonly names: readonly string[],
    private readonly handlers: ScanHandlers,
  ) {
    this.lengths = Int32Array.from(names, (n) => n.length);
    this.hashes = Int32Array.from(names, (n) => {
      let h = 0;
      for (let j = 0; j < n.length; j++) h = (Math.imul(h, 31) + n.charCodeAt(j)) | 0;
      return h;
    });
  }

  /** Parses the next chunk of bytes. */
  write(chunk: Buffer): void {
    this.guard(chunk);
    if (this.carry.length > 0 && this.carry[0] === LT && chunk.indexOf(GT) < 0) {
      // Nothing in this chunk can end the markup carried: held without scanning it again.
      this.carry = Buffer.concat([this.carry, chunk]);
      this.bound();
      return;
    }
    // The carried bytes go in front of the chunk and the whole is decoded at once: a string made by
    // decoding is flat, which indexing character by character needs to be fast (a joined one is not).
    const bytes = this.carry.length === 0 ? chunk : Buffer.concat([this.carry, chunk]);
    const end = completeUtf8(bytes);
    const text = bytes.toString('utf8', 0, end);
    // Fewer characters than bytes means some were multi-byte: then the bytes do not line up with the text.
    const p = this.scan(text, text.length === end ? bytes.subarray(0, end) : null);
    const rest = p < text.length ? Buffer.byteLength(text.slice(p)) : 0;
    this.carry = Buffer.from(bytes.subarray(Math.max(0, end - rest)));
    this.bound();
  }

  /** A tag whose quoted values hide its `>` from the guard is still held to a bound. */
  private bound(): void {
    if (this.carry.length > 4 * XLSX_LIMITS.textRunChars) throw limitError('text-run', XLSX_LIMITS.textRunChars, this.part);
  }

  /** Ends the document (an unclosed element or an unfinished tag is an error). */
  end(): void {
    const text = this.carry.toString('utf8');
    this.carry = Buffer.alloc(0);
    const p = this.scan(text, null);
    const rest = text.slice(p);
    if (rest.includes('<')) throw this.fail('unfinished markup at the end of the part');
    if (rest.trim() !== '') throw this.fail('text outside the root element');
    if (this.depth > 0) throw this.fail('unclosed element at the end of the part');
    if (!this.sawRoot) throw this.fail('no root element');
  }

  /** The value of the attribute `name` (as written, prefix included) of the element being opened, or undefined. */
  attr(name: string): string | undefined {
    const k = this.find(name);
    if (k < 0) return undefined;
    const s = this.source;
    const start = this.attrs[k + 2] as number;
    const end = this.attrs[k + 3] as number;
    let plain = true;
    for (let j = start; j < end && plain; j++) {
      const c = s.charCodeAt(j);
      plain = c > 0x26 || (c !== 0x26 && c !== 0x0a && c !== 0x09 && c !== 0x0d);
    }
    const raw = s.slice(start, end);
    return plain ? raw : this.decode(raw.replace(/\r\n|[\r\n\t]/g, ' '));
  }

  /**
   * Where the raw value (entities not decoded) of the attribute `name` of the element being opened starts
   * in `source`, or -1; it ends at `valueEnd`. For a hot caller that reads a value without a string.
   */
  attrAt(name: string): number {
    const k = this.find(name);
    if (k < 0) return -1;
    this.valueEnd = this.attrs[k + 3] as number;
    return this.attrs[k + 2] as number;
  }

  private find(name: string): number {
    const a = this.attrs;
    for (let k = 0; k < this.attrCount * 4; k += 4) {
      const start = a[k] as number;
      if ((a[k + 1] as number) - start !== name.length) continue;
      if (name.length === 1 ? this.source.charCodeAt(start) === name.charCodeAt(0) : this.sameName(name, this.source, start)) return k;
    }
    return -1;
  }

  /** Scans `s` as far as it holds whole tags and text runs; returns where the unscanned rest starts. */
  private scan(s: string, ascii: Uint8Array | null): number {
    const shortcut = this.handlers.shortcut;
    const n = s.length;
    this.marks = -1;
    let p = 0;
    while (p < n) {
      // Most tags follow one another directly: no search needed.
      const lt = s.charCodeAt(p) === LT ? p : s.indexOf('<', p);
      if (lt < 0) {
        if (this.depth > 0) p = this.partialText(s, p);
        break;
      }
      if (lt > p) this.text(s, p, lt);
      const c = s.charCodeAt(lt + 1);
      let end: number;
      if (c === SLASH) end = this.closeTag(s, lt);
      else if (c === BANG) end = this.special(s, lt);
      else if (c === QUESTION) {
        const close = s.indexOf('?>', lt + 2);
        end = close < 0 ? -1 : close + 2;
      }
      else if (Number.isNaN(c)) end = -1;
      else {
        const quick = shortcut !== undefined && this.depth > 0 && this.depth + 2 <= XLSX_LIMITS.xmlDepth ? shortcut(s, lt, ascii) : -1;
        end = quick >= 0 ? quick : this.openTag(s, lt);
      }
      if (end < 0) {
        p = lt;
        break;
      }
      p = end;
    }
    return p;
  }

  /**
   * The text from `p` to the end of `s`, cut by the end of a chunk, is given now rather than carried (a
   * long cell would be scanned again with every chunk), except a last CR or an unfinished entity.
   * Returns where the carried rest starts.
   */
  private partialText(s: string, p: number): number {
    let cut = s.length;
    if (s.charCodeAt(cut - 1) === 0x0d) cut--;
    const amp = s.lastIndexOf('&', cut - 1);
    if (amp >= p && cut - amp <= 12 && s.indexOf(';', amp) < 0) cut = amp;
    if (cut > p) this.text(s, p, cut);
    return cut;
  }

  /** Text between two tags, from `a` to `b`. */
  private text(s: string, a: number, b: number): void {
    if (this.depth === 0) {
      if (s.slice(a, b).trim() !== '') throw this.fail('text outside the root element');
      return;
    }
    if (!this.wantText) return;
    // Asked once per piece, and only when wanted text is met: most pieces of a sheet have none.
    if (this.marks < 0) this.marks = (s.includes('\r') ? 1 : 0) | (s.includes('&') ? 2 : 0);
    if (this.marks === 0) {
      this.handlers.text(s, a, b);
      return;
    }
    let t = s.slice(a, b);
    if ((this.marks & 1) !== 0 && t.includes('\r')) t = t.replace(/\r\n?/g, '\n');
    if ((this.marks & 2) !== 0) t = this.decode(t);
    this.handlers.text(t, 0, t.length);
  }

  /** Decodes entities and character references; throws corrupt-xlsx for a malformed or unknown one. */
  private decode(t: string): string {
    return decodeEntities(t, (detail) => this.fail(detail));
  }

  /** Comment, CDATA section or doctype at `lt`: returns the index after it, or -1 when it is cut. */
  private special(s: string, lt: number): number {
    if (s.startsWith('<!--', lt)) {
      const e = s.indexOf('-->', lt + 4);
      return e < 0 ? -1 : e + 3;
    }
    if (s.startsWith('<![CDATA[', lt)) {
      // saxes reports CDATA as its own event, which the readers never listened to: skipped the same way.
      if (this.depth === 0) throw this.fail('CDATA outside the root element');
      const e = s.indexOf(']]>', lt + 9);
      return e < 0 ? -1 : e + 3;
    }
    if (s.startsWith('<!DOCTYPE', lt)) {
      const gt = s.indexOf('>', lt);
      const bracket = s.indexOf('[', lt);
      if (bracket < 0 || (gt >= 0 && gt < bracket)) return gt < 0 ? -1 : gt + 1;
      const close = s.indexOf(']', bracket);
      const after = close < 0 ? -1 : s.indexOf('>', close);
      return after < 0 ? -1 : after + 1;
    }
    if (s.length - lt < 9) return -1; // may yet be one of them, cut by the chunk's end
    throw this.fail('unknown markup after <!');
  }

  /** The element opened at `lt`: returns the index after its `>`, or -1 when it is cut by the chunk's end. */
  private openTag(s: string, lt: number): number {
    const n = s.length;
    let i = lt + 1;
    let colon = -1;
    let local = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      const kind = c < 128 ? (NAME_CLASS[c] as number) : NAME_CHAR;
      if (kind !== NAME_CHAR) {
        if (kind === NAME_END) break;
        throw this.fail('disallowed character in an element name');
      }
      if (c === COLON) {
        colon = i;
        local = 0;
      } else local = (Math.imul(local, 31) + c) | 0;
    }
    if (i >= n) return -1;
    const nameEnd = i;
    if (nameEnd === lt + 1) throw this.fail('element without a name');
    let count = 0;
    let selfClosing = false;
    for (;;) {
      while (i < n && isSpace(s.charCodeAt(i))) i++;
      if (i >= n) return -1;
      const c = s.charCodeAt(i);
      if (c === GT) {
        i++;
        break;
      }
      if (c === SLASH) {
        if (i + 1 >= n) return -1;
        if (s.charCodeAt(i + 1) !== GT) throw this.fail('/ inside an element');
        selfClosing = true;
        i += 2;
        break;
      }
      const nameStart = i;
      for (; i < n; i++) {
        const d = s.charCodeAt(i);
        const kind = d < 128 ? (NAME_CLASS[d] as number) : NAME_CHAR;
        if (kind !== NAME_CHAR) {
          if (d === EQUALS || isSpace(d)) break;
          throw this.fail('attribute without a value');
        }
      }
      const attrNameEnd = i;
      while (i < n && isSpace(s.charCodeAt(i))) i++;
      if (i >= n) return -1;
      if (s.charCodeAt(i) !== EQUALS) throw this.fail('attribute without =');
      i++;
      while (i < n && isSpace(s.charCodeAt(i))) i++;
      if (i >= n) return -1;
      const q = s.charCodeAt(i);
      if (q !== DQUOTE && q !== SQUOTE) throw this.fail('unquoted attribute value');
      let close = i + 1;
      while (close < n && s.charCodeAt(close) !== q) close++;
      if (close >= n) return -1;
      if (count * 4 + 4 > this.attrs.length) {
        const bigger = new Int32Array(this.attrs.length * 2);
        bigger.set(this.attrs);
        this.attrs = bigger;
      }
      const k = count * 4;
      this.attrs[k] = nameStart;
      this.attrs[k + 1] = attrNameEnd;
      this.attrs[k + 2] = i + 1;
      this.attrs[k + 3] = close;
      count++;
      i = close + 1;
    }
    if (this.depth === 0) {
      if (this.sawRoot) throw this.fail('a second root element');
      this.sawRoot = true;
    }
    if (this.depth >= XLSX_LIMITS.xmlDepth) throw limitError('xml-depth', XLSX_LIMITS.xmlDepth, this.part);
    this.open[this.depth++] = local;
    const tag = this.tagOf(local, s, colon < 0 ? lt + 1 : colon + 1, nameEnd);
    this.source = s;
    this.attrCount = count;
    this.handlers.open(tag);
    if (selfClosing) {
      this.depth--;
      this.handlers.close(tag);
    }
    return i;
  }

  /** The close tag at `lt`: returns the index after its `>`, or -1 when it is cut. */
  private closeTag(s: string, lt: number): number {
    const n = s.length;
    let i = lt + 2;
    let colon = -1;
    let local = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c === GT || isSpace(c)) break;
      if (c === COLON) {
        colon = i;
        local = 0;
      } else local = (Math.imul(local, 31) + c) | 0;
    }
    const nameEnd = i;
    while (i < n && isSpace(s.charCodeAt(i))) i++;
    if (i >= n) return -1;
    if (s.charCodeAt(i) !== GT) throw this.fail('malformed close tag');
    if (this.depth === 0 || this.open[this.depth - 1] !== local) throw this.fail(`unmatched close tag ${s.slice(lt, Math.min(nameEnd, lt + 40))}>`);
    this.depth--;
    this.handlers.close(this.tagOf(local, s, colon < 0 ? lt + 2 : colon + 1, nameEnd));
    return i + 1;
  }

  /** Index of the local name s[start, end), whose hash is `local`, among the names, or -1. */
  private tagOf(local: number, s: string, start: number, end: number): number {
    const hashes = this.hashes;
    const length = end - start;
    for (let k = 0; k < hashes.length; k++) {
      // A one-letter name's hash is its character: equal hashes are equal names.
      if (hashes[k] === local && this.lengths[k] === length && (length === 1 || this.sameName(this.names[k] as string, s, start))) return k;
    }
    return -1;
  }

  private sameName(name: string, s: string, start: number): boolean {
    for (let j = 0; j < name.length; j++) if (name.charCodeAt(j) !== s.charCodeAt(start + j)) return false;
    return true;
  }

  /** Counts the characters (UTF-8 lead bytes) since the last `<` or `>` across chunks. */
  private guard(chunk: Buffer): void {
    const lt = chunk.indexOf(LT);
    const gt = chunk.indexOf(GT);
    const first = lt < 0 ? gt : gt < 0 ? lt : Math.min(lt, gt);
    this.run += leadBytes(chunk, 0, first < 0 ? chunk.length : first);
    if (this.run > XLSX_LIMITS.textRunChars) throw limitError('text-run', XLSX_LIMITS.textRunChars, this.part);
    if (first >= 0) this.run = leadBytes(chunk, Math.max(chunk.lastIndexOf(LT), chunk.lastIndexOf(GT)) + 1, chunk.length);
  }

  private fail(detail: string): Error {
    return corruptXlsx('part-not-xml', { part: this.part, detail });
  }
}
