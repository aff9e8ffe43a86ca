/**
 * A growable byte buffer that encoded batch lines are written into directly, so the hot path never
 * builds a line string: each cell is checked and copied in one pass.
 */
export class LineBytes {
  bytes: Uint8Array;
  pos = 0;

  /** A buffer of `capacity` bytes, or `reuse` (its old contents are ignored) when one is given. */
  constructor(capacity = 1 << 20, reuse?: Uint8Array) {
    this.bytes = reuse ?? new Uint8Array(capacity);
  }

  /** Makes room for `more` bytes after `pos` (keeps what is written). */
  ensure(more: number): void {
    const need = this.pos + more;
    if (need <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < need) size *= 2;
    const bigger = new Uint8Array(size);
    bigger.set(this.bytes.subarray(0, this.pos));
    this.bytes = bigger;
  }
}

/** 1 for the characters encodeURIComponent leaves as they are (A–Z a–z 0–9 - _ . ! ~ * ' ( )). */
const PLAIN = new Uint8Array(128);
for (const ch of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()") PLAIN[ch.charCodeAt(0)] = 1;

/** Copies an ASCII string (an encoded cell) into `out`. */
export function copyAscii(value: string, out: LineBytes): void {
  const n = value.length;
  out.ensure(n);
  const bytes = out.bytes;
  const start = out.pos;
  for (let i = 0; i < n; i++) bytes[start + i] = value.charCodeAt(i);
  out.pos = start + n;
}

/** Per ASCII character: 0 = written as is, 1 = written as %XX, 2 = a value rule must look first (comma, control characters). */
const ASCII_CLASS = new Uint8Array(128).fill(1);
for (let c = 0; c < 128; c++) if (PLAIN[c] === 1) ASCII_CLASS[c] = 0;
for (let c = 0; c < 32; c++) ASCII_CLASS[c] = 2;
ASCII_CLASS[44] = 2;
ASCII_CLASS[127] = 2;
const HEX = Uint8Array.from('0123456789ABCDEF', (c) => c.charCodeAt(0));

/** Bytes `encodeAt` may write per UTF-16 code unit of a value (a 3-byte UTF-8 character as %XX%XX%XX). */
export const MAX_ENCODED_PER_UNIT = 9;

/**
 * Writes the UTF-8 URL-encoding of `value` (exactly what encodeURIComponent gives) into `b` from `p` and
 * returns the position after it; `b` must have room for `value.length * MAX_ENCODED_PER_UNIT` bytes.
 * Returns -1, having written nothing that counts, when the value holds a character a value rule looks
 * at (`RULE_CHARS` in shared/validation/encode-value.ts: a comma, a control character, a line or
 * paragraph separator, U+FFFD) or a broken surrogate; a rule added there needs its characters here too
 * (a test checks every code unit). Takes the buffer and position as arguments so a caller encoding a
 * whole row keeps them in registers.
 */
export function encodeAt(value: string, b: Uint8Array, p: number): number {
  const n = value.length;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c < 128) {
      const k = ASCII_CLASS[c]!;
      if (k === 0) {
        b[p++] = c;
        continue;
      }
      if (k === 2) return -1;
      p = pct(b, p, c);
    } else if (c < 0x800) {
      p = pct(b, p, 0xc0 | (c >> 6));
      p = pct(b, p, 0x80 | (c & 63));
    } else if (c >= 0xd800 && c <= 0xdfff) {
      if (c >= 0xdc00 || i + 1 >= n) return -1;
      const d = value.charCodeAt(i + 1);
      if (d < 0xdc00 || d > 0xdfff) return -1;
      i++;
      const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
      p = pct(b, p, 0xf0 | (cp >> 18));
      p = pct(b, p, 0x80 | ((cp >> 12) & 63));
      p = pct(b, p, 0x80 | ((cp >> 6) & 63));
      p = pct(b, p, 0x80 | (cp & 63));
    } else {
      if (c === 0x2028 || c === 0x2029 || c === 0xfffd) return -1;
      p = pct(b, p, 0xe0 | (c >> 12));
      p = pct(b, p, 0x80 | ((c >> 6) & 63));
      p = pct(b, p, 0x80 | (c & 63));
    }
  }
  return p;
}

/**
 * Writes the UTF-8 URL-encoding of `value` into `out` and returns true (see `encodeAt`). Returns false,
 * with `out.pos` unchanged, when the value holds anything a rule must look at first.
 */
export function encodeInto(value: string, out: LineBytes): boolean {
  out.ensure(value.length * MAX_ENCODED_PER_UNIT);
  const end = encodeAt(value, out.bytes, out.pos);
  if (end < 0) return false;
  out.pos = end;
  return true;
}

function pct(b: Uint8Array, p: number, byte: number): number {
  b[p] = 37;
  b[p + 1] = HEX[byte >> 4]!;
  b[p + 2] = HEX[byte & 15]!;
  return p + 3;
}
