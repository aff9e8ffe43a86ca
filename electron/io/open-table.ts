// openTable: everything about a file that can be known from its start (xlsx: its workbook) —
// format, encoding, delimiter, header row, headers, sheets — without reading every row.
import { open, stat } from 'node:fs/promises';
import { detectEncoding } from './detect-encoding.js';
import { describeHeaders } from './header-row.js';
import { createLineEndNormalizer } from './line-ends.js';
import { sniffCsv } from './sniff-csv.js';
import { sniffFormat } from './sniff-format.js';
import { fsError, TableReadError } from './table-read-error.js';
import { createTextDecoder } from './text-decoder.js';
import type { ReadOptions, TableInfo } from './table-types.js';
import { openXlsx } from './open-xlsx.js';

/** Bytes read from the start of a text file to detect its encoding, delimiter and header. */
export const SAMPLE_BYTES = 256 * 1024;

/** Bytes of each later window read when the start of a file is pure ASCII. */
export const LATER_WINDOW_BYTES = 64 * 1024;

async function readAt(path: string, position: number, bytes: number): Promise<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, position);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Windows from the middle and the end of a big file, for files whose first 256 KB are plain ASCII. */
async function laterWindows(path: string, size: number): Promise<Uint8Array[]> {
  if (size <= SAMPLE_BYTES) return [];
  const middle = Math.max(SAMPLE_BYTES, Math.floor(size / 2) - LATER_WINDOW_BYTES / 2);
  const end = Math.max(SAMPLE_BYTES, size - LATER_WINDOW_BYTES);
  return Promise.all([readAt(path, middle, LATER_WINDOW_BYTES), readAt(path, end, LATER_WINDOW_BYTES)]);
}

/** Decodes the sample the way readTable will decode the whole file, cut at the last line end. */
function sampleText(sample: Uint8Array, complete: boolean, info: Pick<TableInfo, 'encoding'>): string {
  const decoder = createTextDecoder(info.encoding?.encoding ?? 'utf-8');
  const lines = createLineEndNormalizer();
  let text = lines.write(decoder.write(sample));
  if (complete) text += lines.write(decoder.end()) + lines.end();
  text = text.replace(/\0/g, '');
  if (!complete) {
    const cut = text.lastIndexOf('\n');
    if (cut === -1) {
      throw new TableReadError('line-too-long', { variant: 'first-line', kb: SAMPLE_BYTES / 1024 });
    }
    text = text.slice(0, cut + 1);
  }
  return text;
}

/**
 * Sniffs format, encoding, delimiter, header row and sheets from the start of the file (xlsx: the
 * workbook). Options override detection. Throws TableReadError: not-found, unreadable, empty-file,
 * binary-file, unsupported-format, corrupt-xlsx, no-header, line-too-long. Safe to call off the main thread.
 */
export async function openTable(path: string, options: ReadOptions = {}): Promise<TableInfo> {
  let size: number;
  let sample: Uint8Array;
  try {
    const st = await stat(path);
    if (st.isDirectory()) throw Object.assign(new Error('folder'), { code: 'EISDIR' });
    size = st.size;
    sample = size === 0 ? new Uint8Array(0) : await readAt(path, 0, SAMPLE_BYTES);
  } catch (e) {
    throw fsError(e, path);
  }
  if (sample.length === 0) {
    throw new TableReadError('empty-file', { variant: 'file' });
  }
  if (sniffFormat(sample) === 'zip') return openXlsx(path, size, options);
  const complete = sample.length >= size;
  let later: Uint8Array[] = [];
  if (options.encoding === undefined && !complete && sample.every((b) => b < 0x80)) {
    try {
      later = await laterWindows(path, size);
    } catch (e) {
      throw fsError(e, path);
    }
  }
  const encoding = detectEncoding(sample, complete, options.encoding, later);
  const text = sampleText(sample, complete, { encoding });
  if (text.trim() === '') {
    throw new TableReadError('empty-file', { variant: 'blank' });
  }
  const layout = sniffCsv(text, { delimiter: options.delimiter, headerRow: options.headerRow });
  return {
    format: 'csv',
    encoding,
    delimiter: layout.delimiter,
    delimiterSource: layout.delimiterSource,
    headerRow: layout.headerRow,
    headerRowSource: layout.headerRowSource,
    headers: layout.headers,
    headerNotes: describeHeaders(layout.headers),
    sheets: [],
    sheetsWithData: [],
    emptySheetsSkipped: [],
    sheet: null,
    sizeBytes: size,
  };
}
