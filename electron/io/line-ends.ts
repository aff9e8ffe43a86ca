// Normalises line ends to LF across chunk boundaries (CRLF split between two chunks stays one line
// end) and remembers which kinds end records, so mixed CRLF/LF/CR files parse as one and are noted.
// Line breaks inside quoted cells (Excel writes LF inside cells of a CRLF file) do not count: a
// running quote parity tells them apart, which is exact for well-formed CSV.

export type LineEndKind = 'crlf' | 'lf' | 'cr';

export interface LineEndNormalizer {
  /** Returns `text` with CRLF and lone CR turned into LF; a trailing CR waits for the next call. */
  write(text: string): string;
  /** Returns what is still held back (a final CR becomes LF). */
  end(): string;
  /** The kinds of line end seen so far at the end of a record (outside quotes). */
  readonly kinds: ReadonlySet<LineEndKind>;
}

/**
 * Returns a new normaliser; it keeps at most one character between calls. Without `startsInQuote` it
 * counts every quote to know whether a line end is inside a quoted cell. With it, it asks only when a
 * line end could teach a new kind: the caller (the CSV parser, which holds the unfinished record) says
 * whether the next text starts inside a quoted cell, and files with one kind of line end are never scanned.
 */
export function createLineEndNormalizer(startsInQuote?: () => boolean): LineEndNormalizer {
  let held = '';
  let inQuote = false;
  const kinds = new Set<LineEndKind>();
  const countQuotes = (text: string): void => {
    for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) inQuote = !inQuote;
  };
  const classify = (text: string): void => {
    if (startsInQuote) inQuote = startsInQuote();
    const re = /["\r\n]/g;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const c = m[0];
      if (c === '"') inQuote = !inQuote;
      else if (c === '\n') {
        if (!inQuote) kinds.add('lf');
      } else if (text.charCodeAt(m.index + 1) === 10) {
        re.lastIndex++;
        if (!inQuote) kinds.add('crlf');
      } else if (!inQuote) kinds.add('cr');
    }
  };
  return {
    kinds,
    write(input: string): string {
      let text = held + input;
      held = '';
      if (text.endsWith('\r')) {
        held = '\r';
        text = text.slice(0, -1);
      }
      if (!text.includes('\r')) {
        if (!kinds.has('lf') && text.includes('\n')) classify(text);
        else if (!startsInQuote) countQuotes(text);
        return text;
      }
      const replaced = text.replaceAll('\r\n', '\n');
      const crlf = text.length - replaced.length;
      const loneCr = replaced.includes('\r');
      let loneLf = false;
      if (!kinds.has('lf')) {
        let lf = 0;
        for (let i = replaced.indexOf('\n'); i !== -1; i = replaced.indexOf('\n', i + 1)) lf++;
        loneLf = lf > crlf;
      }
      // Scan line breaks only when they could teach a new kind; otherwise just keep the quote parity (when counting).
      if ((crlf > 0 && !kinds.has('crlf')) || (loneCr && !kinds.has('cr')) || loneLf) classify(text);
      else if (!startsInQuote) countQuotes(text);
      return loneCr ? replaced.replace(/\r/g, '\n') : replaced;
    },
    end(): string {
      if (held === '') return '';
      held = '';
      if (startsInQuote) inQuote = startsInQuote();
      if (!inQuote) kinds.add('cr');
      return '\n';
    },
  };
}
