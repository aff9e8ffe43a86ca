// Decides from the first bytes what kind of file this is, before any decoding: a zip (xlsx), an old
// binary Excel file, a known binary format, or text. Extensions lie (a PNG renamed .csv), bytes do not.
import { TableReadError } from './table-read-error.js';

export type SniffedFormat = 'text' | 'zip';

interface Signature {
  readonly bytes: readonly number[];
  readonly what: string;
  readonly ko: string;
}

const SIGNATURES: readonly Signature[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image', ko: 'PNG 이미지' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image', ko: 'JPEG 이미지' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image', ko: 'GIF 이미지' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document', ko: 'PDF 문서' },
  { bytes: [0x1f, 0x8b], what: 'a gzip archive', ko: 'gzip 압축 파일' },
  { bytes: [0x52, 0x61, 0x72, 0x21], what: 'a RAR archive', ko: 'RAR 압축 파일' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], what: 'a 7-Zip archive', ko: '7-Zip 압축 파일' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], what: 'a program', ko: '실행 파일' },
  { bytes: [0x4d, 0x5a], what: 'a program', ko: '실행 파일' },
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

function binaryError(what: string, ko: string): TableReadError {
  return new TableReadError(
    'binary-file',
    `This file is ${what}, not a table. Choose a CSV, TSV, TXT or XLSX file.`,
    `이 파일은 표가 아니라 ${ko}입니다. CSV, TSV, TXT 또는 XLSX 파일을 선택하세요.`,
  );
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
      throw new TableReadError(
        'unsupported-format',
        'This workbook is protected with a password. In Excel, remove the password (File › Info › Protect Workbook) or export the sheet as CSV UTF-8.',
        '이 통합 문서는 암호로 보호되어 있습니다. Excel에서 암호를 해제하거나(파일 › 정보 › 통합 문서 보호) 시트를 CSV UTF-8로 내보내세요.',
      );
    }
    throw new TableReadError(
      'unsupported-format',
      'This is an old Excel 97–2003 (.xls) workbook or a password-protected workbook, which cannot be read. In Excel, remove any password and use File › Save As › Excel Workbook (.xlsx) or CSV UTF-8.',
      '이전 Excel 97–2003(.xls) 통합 문서이거나 암호로 보호된 통합 문서라서 읽을 수 없습니다. Excel에서 암호를 해제하고 파일 › 다른 이름으로 저장 › Excel 통합 문서(.xlsx) 또는 CSV UTF-8로 저장하세요.',
    );
  }
  for (const sig of SIGNATURES) if (startsWith(sample, sig.bytes)) throw binaryError(sig.what, sig.ko);
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
  if (n > 0 && (control / n > 0.01 || nul / n > 0.3)) throw binaryError('binary data', '바이너리 데이터');
  return 'text';
}
