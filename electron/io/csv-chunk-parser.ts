// Incremental CSV parsing on top of papaparse's own parser (the engine under Papa.parse's stream
// mode): text arrives in chunks, complete records come out as string arrays, and the unfinished last
// record waits for the next chunk. Driving the parser from our read loop gives real back-pressure,
// cancellation between chunks, and a bound on the length of one record.
import Papa from 'papaparse';
import type { ParseError } from 'papaparse';
import type { Delimiter } from './table-types.js';

export interface ParsedPiece {
  readonly records: string[][];
  /** Errors whose `row` indexes `records`. */
  readonly errors: readonly ParseError[];
}

export interface CsvChunkParser {
  /** Parses `text` after what is pending; returns the complete records. */
  push(text: string): ParsedPiece;
  /** Parses what is pending as the last record(s) of the file. */
  finish(): ParsedPiece;
  /** Characters of the unfinished record held back. */
  readonly pendingLength: number;
}

interface RawResult {
  readonly data: string[][];
  readonly errors: ParseError[];
  readonly meta: { readonly cursor: number };
}

/** Returns a parser for LF-separated text (normalise line ends first) with `"` quotes. */
export function createCsvChunkParser(delimiter: Delimiter): CsvChunkParser {
  let pending = '';
  const config = { delimiter, newline: '\n' as const, quoteChar: '"' };
  const run = (input: string, last: boolean): ParsedPiece => {
    const result = new Papa.Parser(config).parse(input, 0, !last) as RawResult;
    pending = last ? '' : input.substring(result.meta.cursor);
    const count = result.data.length;
    const errors = result.errors.filter((e) => e.row !== undefined && e.row < count);
    return { records: result.data, errors };
  };
  return {
    push: (text) => run(pending + text, false),
    finish: () => (pending === '' ? { records: [], errors: [] } : run(pending, true)),
    get pendingLength() {
      return pending.length;
    },
  };
}

/** Parses a whole (sample) text into records; a trailing newline does not make an extra record. */
export function parseAll(text: string, delimiter: Delimiter): string[][] {
  const parser = createCsvChunkParser(delimiter);
  const first = parser.push(text);
  return [...first.records, ...parser.finish().records];
}
