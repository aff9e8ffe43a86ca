// Text-level helpers of the XML scanner (xml-scan.ts): where a chunk of UTF-8 bytes may be cut, how many
// characters a run of bytes holds, and the decoding of XML entities and character references.

const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** A code point XML 1.0 allows (the Char production), as saxes requires of a character reference. */
function isXmlChar(n: number): boolean {
  return n === 0x9 || n === 0xa || n === 0xd || (n >= 0x20 && n <= 0xd7ff) || (n >= 0xe000 && n <= 0xfffd) || (n >= 0x10000 && n <= 0x10ffff);
}

/** Characters (bytes that do not continue a UTF-8 sequence) in b[from, to). */
export function leadBytes(b: Buffer, from: number, to: number): number {
  let chars = 0;
  for (let i = from; i < to; i++) if (((b[i] as number) & 0xc0) !== 0x80) chars++;
  return chars;
}

/** Length of the longest prefix of `b` that does not end inside a UTF-8 sequence. */
export function completeUtf8(b: Buffer): number {
  const n = b.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const c = b[n - back] as number;
    if (c < 0x80) return n; // ASCII: nothing cut
    if (c >= 0xc0) {
      // A lead byte: complete when the sequence it starts fits.
      const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
      return back >= need ? n : n - back;
    }
  }
  return n;
}

/** Decodes the five XML entities and character references in `t`; throws `fail(detail)` for a malformed or unknown one. */
export function decodeEntities(t: string, fail: (detail: string) => Error): string {
  if (!t.includes('&')) return t;
  return t.replace(/&([^;&]*);?/g, (m, name: string) => {
    if (!m.endsWith(';') || name === '') throw fail(`malformed entity ${m.slice(0, 20)}`);
    if (name.charCodeAt(0) !== 0x23) {
      const named = NAMED_ENTITIES[name];
      if (named === undefined) throw fail(`undefined entity &${name.slice(0, 20)};`);
      return named;
    }
    const code = /^#x[0-9a-f]+$/i.test(name) ? Number.parseInt(name.slice(2), 16) : /^#[0-9]+$/.test(name) ? Number.parseInt(name.slice(1), 10) : Number.NaN;
    if (!isXmlChar(code)) throw fail(`malformed character reference ${m.slice(0, 20)}`);
    return String.fromCodePoint(code);
  });
}
