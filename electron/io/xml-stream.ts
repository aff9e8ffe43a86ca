// Drives saxes over a stream of XML bytes with the reader's limits: a text run (characters between two
// tags, where saxes would otherwise gather a 2 GB cell in memory) and the element depth are bounded
// before saxes sees them. Element names lose their namespace prefix (`x:row` is `row`).
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { corruptXlsx } from './zip-archive.js';
import { limitError, XLSX_LIMITS } from './xlsx-limits.js';

/** What a part reader does with the elements it meets. */
export interface XmlHandlers {
  open(name: string, attributes: Readonly<Record<string, string>>): void;
  close(name: string): void;
  text(text: string): void;
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/**
 * Feeds XML byte chunks to handlers. `write` may call the handlers many times; after each write the
 * caller can collect what they built. Throws TableReadError `workbook-limit` for a text run longer
 * than XLSX_LIMITS.textRunChars or nesting deeper than XLSX_LIMITS.xmlDepth, and `corrupt-xlsx` for XML
 * that does not parse.
 */
export class XmlFeed {
  private readonly parser = new SaxesParser({ xmlns: false, position: false });
  private readonly decoder = new StringDecoder('utf8');
  private run = 0;
  private depth = 0;
  private failure: Error | null = null;

  constructor(
    private readonly part: string,
    handlers: XmlHandlers,
  ) {
    this.parser.on('opentag', (tag: SaxesTagPlain) => {
      if (++this.depth > XLSX_LIMITS.xmlDepth) throw limitError('xml-depth', XLSX_LIMITS.xmlDepth, part);
      handlers.open(localName(tag.name), tag.attributes as Record<string, string>);
      if (tag.isSelfClosing) {
        this.depth--;
        handlers.close(localName(tag.name));
      }
    });
    this.parser.on('closetag', (tag: SaxesTagPlain) => {
      if (tag.isSelfClosing) return;
      this.depth--;
      handlers.close(localName(tag.name));
    });
    this.parser.on('text', (text: string) => handlers.text(text));
    this.parser.on('error', (e: Error) => {
      this.failure ??= e;
    });
  }

  /** Parses the next chunk of bytes. */
  write(chunk: Buffer): void {
    const text = this.decoder.write(chunk);
    this.guard(text);
    this.feed(text);
  }

  /** Ends the document (an unclosed element is an error). */
  end(): void {
    const rest = this.decoder.end();
    this.guard(rest);
    this.feed(rest);
    try {
      this.parser.close();
    } catch (e) {
      throw this.failed(e);
    }
    if (this.failure) throw this.failed(this.failure);
  }

  private feed(text: string): void {
    if (text === '') return;
    try {
      this.parser.write(text);
    } catch (e) {
      throw this.failed(e);
    }
    if (this.failure) throw this.failed(this.failure);
  }

  /** Counts the characters since the last `<` or `>` across chunks, before saxes buffers them. */
  private guard(text: string): void {
    const last = Math.max(text.lastIndexOf('<'), text.lastIndexOf('>'));
    this.run = last < 0 ? this.run + text.length : text.length - last - 1;
    if (this.run > XLSX_LIMITS.textRunChars) throw limitError('text-run', XLSX_LIMITS.textRunChars, this.part);
  }

  private failed(e: unknown): Error {
    if (e instanceof Error && e.name === 'TableReadError') return e;
    return corruptXlsx('part-not-xml', { part: this.part, detail: e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e) });
  }
}
