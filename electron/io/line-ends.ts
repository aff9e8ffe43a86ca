// Normalises line ends to LF across chunk boundaries (CRLF split between two chunks stays one line
// end) and remembers which kinds were seen, so mixed CRLF/LF/CR files parse as one and are noted.

export type LineEndKind = 'crlf' | 'lf' | 'cr';

export interface LineEndNormalizer {
  /** Returns `text` with CRLF and lone CR turned into LF; a trailing CR waits for the next call. */
  write(text: string): string;
  /** Returns what is still held back (a final CR becomes LF). */
  end(): string;
  /** The kinds of line end seen so far. */
  readonly kinds: ReadonlySet<LineEndKind>;
}

const LONE_LF = /(^|[^\r])\n/;

/** Returns a new normaliser; it keeps at most one character between calls. */
export function createLineEndNormalizer(): LineEndNormalizer {
  let held = '';
  const kinds = new Set<LineEndKind>();
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
        if (!kinds.has('lf') && text.includes('\n')) kinds.add('lf');
        return text;
      }
      if (!kinds.has('lf') && LONE_LF.test(text)) kinds.add('lf');
      const before = text.length;
      text = text.replace(/\r\n/g, '\n');
      if (text.length !== before) kinds.add('crlf');
      if (text.includes('\r')) {
        kinds.add('cr');
        text = text.replace(/\r/g, '\n');
      }
      return text;
    },
    end(): string {
      if (held === '') return '';
      held = '';
      kinds.add('cr');
      return '\n';
    },
  };
}
