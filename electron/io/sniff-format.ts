// Decides from the first bytes what kind of file this is, before any decoding: a zip (xlsx), an old
// binary Excel file, a known binary format, or text. Extensions lie (a PNG renamed .csv), bytes do not.
import type { ErrorVariant } from '../../shared/contract/errors.js';
import { TableReadError } from './table-read-error.js';

export type SniffedFormat = 'text' | 'zip';

interface Signature {
  readonly bytes: readonly number[];
  readonly what: ErrorVariant<'binary-file'>;
}

const SIGNATURES: readonly Signature[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'png' },
  { bytes: [0xff, 0xd8, 0xff], what: 'jpeg' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'gif' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'pdf' },
  { bytes: [0x1f, 0x8b], what: 'gzip' },
  { bytes: [0x52, 0x61, 0x72, 0x21], what: 'rar' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], what: '7z' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], what: 'program' },
  { bytes: [0x4d, 0x5a], what: 'program' },
];

function startsWith(buf: Uint8Array, sig: readonly number[]): boolean {
  return buf.length >= sig.length && sig.every((b, i) => buf[i] === b);
}

function validUtf16(sample: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): boolean {
  try {
    new TextDecoder(encoding, { fatal: true }).decode(sample, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * Returns the UTF-16 byte order when the bytes look like UTF-16 text without a BOM, else null. ASCII
 * characters leave zero bytes on one parity only; Hangul or kanji leave fewer, so a lower share also
 * counts when line feeds sit on the right parity (0A 00 for LE) and the units decode.
 */
export function looksLikeUtf16(sample: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = sample.length - (sample.length % 2);
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  let lfLe = 0;
  let lfBe = 0;
  let lfBytes = 0;
  for (let i = 0; i < n; i += 2) {
    const a = sample[i] as number;
    const b = sample[i + 1] as number;
    if (a === 0) evenZero++;
    if (b === 0) oddZero++;
    if (a === 0x0a) lfBytes++;
    if (b === 0x0a) lfBytes++;
    if (a === 0x0a && b === 0) lfLe++;
    if (a === 0 && b === 0x0a) lfBe++;
  }
  const pairs = n / 2;
  const body = sample.subarray(0, n);
  if (oddZero / pairs > 0.3 && evenZero / pairs < 0.05) return 'utf-16le';
  if (evenZero / pairs > 0.3 && oddZero / pairs < 0.05) return 'utf-16be';
  if (oddZero / pairs >= 0.05 && evenZero < oddZero / 2 && lfLe * 2 > lfBytes && validUtf16(body, 'utf-16le')) return 'utf-16le';
  if (evenZero / pairs >= 0.05 && oddZero < evenZero / 2 && lfBe * 2 > lfBytes && validUtf16(body, 'utf-16be')) return 'utf-16be';
  return null;
}

function binaryError(what: ErrorVariant<'binary-file'>): TableReadError {
  return new TableReadError('binary-file', { variant: what });
}

/**
 * Returns 'zip' or 'text' for the start of a non-empty file; throws TableReadError 'binary-file' for
 * images, archives, programs and other binary data, 'unsupported-format' for legacy .xls.
 * UTF-16 text (with or without BOM) is recognised first, so its zero bytes are not taken for binary.
 */
export function sniffFormat(sample: Uint8Array): SniffedFormat {
  if (startsWith(sample, [0x50, 0x4b, 0x03, 0x04]) || startsWith(sample, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  if (startsWith(sample, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    // Both legacy .xls and password-protected .xlsx are OLE containers; the latter holds an "EncryptedPackage".
    if (Buffer.from(sample.buffer, sample.byteOffset, sample.byteLength).includes(Buffer.from('EncryptedPackage', 'utf16le'))) {
      throw new TableReadError('unsupported-format', { variant: 'encrypted' });
    }
    throw new TableReadError('unsupported-format', { variant: 'legacy-xls' });
  }
  for (const sig of SIGNATURES) if (startsWith(sample, sig.bytes)) throw binaryError(sig.what);
  const bomUtf16 = startsWith(sample, [0xff, 0xfe]) || startsWith(sample, [0xfe, 0xff]);
  if (bomUtf16 || looksLikeUtf16(sample) !== null) return 'text';
  let nul = 0;
  let control = 0;
  const n = Math.min(sample.length, 65536);
  for (let i = 0; i < n; i++) {
    const b = sample[i] as number;
    if (b === 0) nul++;
    // C0 controls other than tab, LF, VT, FF, CR and SUB (0x1a, old DOS end-of-file) never occur in text.
    else if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d && b !== 0x1a && b !== 0x1b) control++;
  }
  if (n > 0 && (control / n > 0.01 || nul / n > 0.3)) throw binaryError('binary');
  return 'text';
}
