// Incremental CSV parsing on top of papaparse's own parser (the engine under Papa.parse's stream
// mode): text arrives in chunks, complete records come out as string arrays, and the unfinished last
// record waits for the next chunk. Driving the parser from our read loop gives real back-pressure,
// cancellation between chunks, and a bound on the length of one record.
//
// A quote that is opened and never closed would swallow every following line into one cell. When
// such a record grows past QUOTE_SPAN_LIMIT (Target's own 64 KB row limit, so no sendable row is
// that long) or reaches the end of the file, its first line is taken as the whole record and
// parsing resumes on the next line: the rows after a stray quote survive.
import Papa from 'papaparse';
import type { ParseError } from 'papaparse';
import type { Delimiter } from './table-types.js';

/** Length beyond which an unfinished quoted record is cut at its first line end. */
export const QUOTE_SPAN_LIMIT = 64 * 1024;

export type QuoteProblem = 'unclosed-quote' | 'malformed-quotes' | 'quote-cut-at-line-end';

export interface PieceError {
  /** Index into `records`. */
  readonly row: number;
  readonly kind: QuoteProblem;
}

export interface ParsedPiece {
  readonly records: string[][];
  readonly errors: readonly PieceError[];
}

export interface CsvChunkParser {
  /** Parses `text` after what is pending; returns the complete records. */
  push(text: string): ParsedPiece;
  /** Parses what is pending as the last record(s) of the file. */
  finish(): ParsedPiece;
  /** Characters of the unfinished record held back. */
  readonly pendingLength: number;
  /** True when the unfinished record holds an odd number of quotes: text pushed next starts inside a quoted cell. */
  pendingInQuote(): boolean;
}

interface RawResult {
  readonly data: string[][];
  readonly errors: ParseError[];
  readonly meta: { readonly cursor: number };
}

const EMPTY: ParsedPiece = { records: [], errors: [] };

/** Returns `a` followed by `b`, with `b`'s error rows shifted. */
export function mergePieces(a: ParsedPiece, b: ParsedPiece): ParsedPiece {
  if (b.records.length === 0 && b.errors.length === 0) return a;
  if (a.records.length === 0 && a.errors.length === 0) return b;
  const offset = a.records.length;
  return {
    records: [...a.records, ...b.records],
    errors: [...a.errors, ...b.errors.map((e) => ({ row: e.row + offset, kind: e.kind }))],
  };
}

/** Returns a parser for LF-separated text (normalise line ends first) with `"` quotes. */
export function createCsvChunkParser(delimiter: Delimiter): CsvChunkParser {
  let pending = '';
  const config = { delimiter, newline: '\n' as const, quoteChar: '"' };
  // One papaparse Parser for every chunk: its parse() starts from a clean state on each call.
  const papa = new Papa.Parser(config);
  const parse = (input: string, last: boolean): { piece: ParsedPiece; cursor: number; unclosedLast: boolean } => {
    const result = papa.parse(input, 0, !last) as RawResult;
    const count = result.data.length;
    const errors: PieceError[] = [];
    let unclosedLast = false;
    for (const e of result.errors) {
      if (e.row === undefined || e.row >= count) continue;
      if (e.code === 'MissingQuotes') {
        errors.push({ row: e.row, kind: 'unclosed-quote' });
        if (e.row === count - 1) unclosedLast = true;
      } else errors.push({ row: e.row, kind: 'malformed-quotes' });
    }
    return { piece: { records: result.data, errors }, cursor: result.meta.cursor, unclosedLast };
  };
  /** The first line of `text` as one record of its own (its quote problem noted), and the rest after it. */
  const cutFirstLine = (text: string): { piece: ParsedPiece; rest: string } => {
    const nl = text.indexOf('\n');
    const line = (new Papa.Parser(config).parse(text.slice(0, nl), 0, false) as RawResult).data.slice(0, 1);
    return { piece: { records: line, errors: line.length > 0 ? [{ row: 0, kind: 'quote-cut-at-line-end' }] : [] }, rest: text.slice(nl + 1) };
  };
  const run = (input: string, last: boolean): ParsedPiece => {
    let out = EMPTY;
    let text = input;
    for (;;) {
      const { piece, cursor, unclosedLast } = parse(text, last);
      pending = last ? '' : text.substring(cursor);
      if (last && unclosedLast) {
        // The file ends inside a quote: keep every complete record, then re-read the open one line by line.
        const records = piece.records.slice(0, -1);
        const open = text.slice(records.length === 0 ? 0 : cursorOf(text, records.length));
        if (open.includes('\n')) {
          out = mergePieces(out, { records, errors: piece.errors.filter((e) => e.row < records.length) });
          const cut = cutFirstLine(open);
          out = mergePieces(out, cut.piece);
          text = cut.rest;
          continue;
        }
      }
      out = mergePieces(out, piece);
      if (last || pending.length <= QUOTE_SPAN_LIMIT || !pending.includes('\n')) return out;
      // An unfinished record this long is a stray quote: cut it at its first line and go on.
      const cut = cutFirstLine(pending);
      out = mergePieces(out, cut.piece);
      text = cut.rest;
      pending = '';
    }
  };
  /** Offset in `text` where record number `n` (0-based) starts, found by re-parsing with a preview. */
  const cursorOf = (text: string, n: number): number =>
    (new Papa.Parser({ ...config, preview: n }).parse(text, 0, false) as RawResult).meta.cursor;
  return {
    push: (text) => run(pending + text, false),
    finish: () => (pending === '' ? EMPTY : run(pending, true)),
    get pendingLength() {
      return pending.length;
    },
    pendingInQuote() {
      let odd = false;
      for (let i = pending.indexOf('"'); i !== -1; i = pending.indexOf('"', i + 1)) odd = !odd;
      return odd;
    },
  };
}

/** Parses a whole (sample) text into records; a trailing newline does not make an extra record. */
export function parseAll(text: string, delimiter: Delimiter): string[][] {
  const parser = createCsvChunkParser(delimiter);
  const first = parser.push(text);
  return [...first.records, ...parser.finish().records];
}
