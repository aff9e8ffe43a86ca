// Streams the data rows of a CSV/TSV/TXT file: bytes → decoder → line ends → papaparse → rows, in
// bounded memory (one 48 KB read, one chunk of rows and one unfinished record at a time).
import { createReadStream } from 'node:fs';
import { createCsvChunkParser, mergePieces, type ParsedPiece } from './csv-chunk-parser.js';
import { createLineEndNormalizer } from './line-ends.js';
import { cancelledError, fsError, TableReadError } from './table-read-error.js';
import { createTextDecoder } from './text-decoder.js';
import type { ReaderNote, ReadTableOptions, RowChunk, TableInfo } from './table-types.js';

/** Longest line accepted (characters). Target takes at most 64 KB per row; longer is a broken file. */
export const MAX_RECORD_CHARS = 2 * 1024 * 1024;
/**
 * Rows per emitted chunk (the last chunk may be smaller). Small enough that a chunk's cells are still in
 * the CPU cache when the consumer reads them right after parsing (about one 48 KB read's worth of rows):
 * with 2,000-row chunks the first touch of each cell waited on memory and preparing took ~5% longer.
 */
export const ROWS_PER_CHUNK = 400;
/**
 * Bytes per read. Small enough that a read's decoded text (up to two bytes a character) and the strings
 * cut from it stay under V8's large-object size (128 KB) and die young: with 256 KB reads every chunk's
 * text went straight to the old generation and peak memory grew by a third.
 */
export const READ_BYTES = 48 * 1024;

class RowCollector {
  rows: string[][] = [];
  notes: ReaderNote[] = [];
  record = 0;
  dataRows = 0;
  firstRow = 1;
  constructor(
    private readonly headerRow: number,
    private readonly width: number,
  ) {}

  /** Adds the data records of one parsed piece; `scan` asks to look for NUL and U+FFFD in cells. */
  add(piece: ParsedPiece, scan: { nul: boolean; bad: boolean }): void {
    const { records, errors } = piece;
    const width = this.width;
    let errorAt = 0;
    for (let i = 0; i < records.length; i++) {
      this.record++;
      let row = records[i] as string[];
      const isData = this.record > this.headerRow && !(row.length === 1 && row[0] === '');
      const dataRow = isData ? this.dataRows + 1 : 0;
      let quoteNoted = false;
      while (errorAt < errors.length && (errors[errorAt]?.row as number) === i) {
        const e = errors[errorAt++];
        if (!isData || e === undefined) continue;
        // An unclosed quote swallowed the rest of the file, or was cut at its line end (the lines after it read as rows).
        if (e.kind === 'unclosed-quote' || e.kind === 'quote-cut-at-line-end') {
          this.notes.push({ row: dataRow, code: 'unclosed-quote' });
        } else if (!quoteNoted) {
          quoteNoted = true;
          this.notes.push({ row: dataRow, code: 'malformed-quotes' });
        }
      }
      while (errorAt < errors.length && (errors[errorAt]?.row as number) < i) errorAt++;
      if (!isData) continue;
      this.dataRows = dataRow;
      if (scan.nul && row.some((c) => c.includes('\0'))) {
        row = row.map((c) => c.replace(/\0/g, ''));
        this.notes.push({ row: dataRow, code: 'nul-stripped' });
      }
      if (scan.bad && row.some((c) => c.includes('\uFFFD'))) {
        this.notes.push({ row: dataRow, code: 'decoding-errors' });
      }
      if (row.length > width) {
        // Trailing empty cells ("a,b,,") lose nothing: drop them quietly; only real extra values are noted.
        let used = row.length;
        while (used > width && row[used - 1] === '') used--;
        if (used > width) this.notes.push({ row: dataRow, code: 'extra-cells' });
        row.length = used;
      } else if (row.length < width) {
        this.notes.push({ row: dataRow, code: 'missing-cells' });
        while (row.length < width) row.push('');
      }
      this.rows.push(row);
    }
  }

  /** Removes and returns up to `max` rows with their notes (file-level notes, row 0, go with the first chunk). */
  take(max: number): RowChunk {
    const rows = this.rows.length > max ? this.rows.splice(0, max) : this.rows;
    if (rows === this.rows) this.rows = [];
    const end = this.firstRow + rows.length;
    const last = this.rows.length === 0;
    const notes = this.notes.filter((n) => last || n.row < end);
    this.notes = notes.length === this.notes.length ? [] : this.notes.filter((n) => n.row >= end);
    const chunk: RowChunk = notes.length > 0 ? { firstRow: this.firstRow, rows, notes } : { firstRow: this.firstRow, rows };
    this.firstRow = end;
    return chunk;
  }
}

function tooLong(row: number): TableReadError {
  return new TableReadError('line-too-long', { variant: 'row', row, mb: MAX_RECORD_CHARS / 1024 / 1024 });
}

/** Streams the data rows of a text table described by `info` (from openTable). Throws TableReadError. */
export async function* readCsv(path: string, info: TableInfo, opts: ReadTableOptions = {}): AsyncGenerator<RowChunk> {
  const { signal, onProgress } = opts;
  if (signal?.aborted) throw cancelledError();
  const encoding = info.encoding?.encoding ?? 'utf-8';
  const decoder = createTextDecoder(encoding);
  const parser = createCsvChunkParser(info.delimiter ?? ',');
  const lines = createLineEndNormalizer(() => parser.pendingInQuote());
  // In these encodings a NUL character is a 0 byte, which memchr finds in the raw bytes; in decoded
  // (two-byte) text every ASCII character carries a 0 high byte and the same search crawls.
  const nulInBytes = encoding !== 'utf-16le' && encoding !== 'utf-16be';
  const out = new RowCollector(info.headerRow, info.headers.length);
  const stream = createReadStream(path, { highWaterMark: READ_BYTES });
  let bytesRead = 0;
  let mixedNoted = false;
  let pendingScan = { nul: false, bad: false };
  const feed = (text: string, last: boolean, nulSeen: boolean | null): void => {
    const nul = nulSeen ?? text.includes('\0');
    const bad = text.includes('\uFFFD');
    const scan = { nul: nul || pendingScan.nul, bad: bad || pendingScan.bad };
    const piece = last ? mergePieces(parser.push(text), parser.finish()) : parser.push(text);
    out.add(piece, scan);
    pendingScan = parser.pendingLength > 0 ? scan : { nul: false, bad: false };
    if (parser.pendingLength > MAX_RECORD_CHARS) throw tooLong(out.dataRows + 1);
    if (!mixedNoted && lines.kinds.size > 1) {
      mixedNoted = true;
      out.notes.push({ row: 0, code: 'mixed-line-endings' });
    }
  };
  try {
    for await (const bytes of stream as AsyncIterable<Buffer>) {
      if (signal?.aborted) throw cancelledError();
      bytesRead += bytes.length;
      feed(lines.write(decoder.write(bytes)), false, nulInBytes ? bytes.includes(0) : null);
      if (out.rows.length >= ROWS_PER_CHUNK) onProgress?.({ bytesRead, totalBytes: info.sizeBytes, rows: out.dataRows });
      while (out.rows.length >= ROWS_PER_CHUNK) {
        yield out.take(ROWS_PER_CHUNK);
        if (signal?.aborted) throw cancelledError();
      }
    }
    feed(lines.write(decoder.end()) + lines.end(), true, null);
    onProgress?.({ bytesRead, totalBytes: Math.max(info.sizeBytes, bytesRead), rows: out.dataRows });
    while (out.rows.length > 0 || out.notes.length > 0) yield out.take(ROWS_PER_CHUNK);
  } catch (e) {
    throw e instanceof TableReadError ? e : fsError(e, path);
  } finally {
    stream.destroy();
  }
}
