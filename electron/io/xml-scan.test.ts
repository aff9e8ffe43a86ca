// The fast scanner reads what saxes (XmlFeed) reads, however the bytes are cut into chunks, and refuses
// what would make a reading wrong.
import { describe, expect, it } from 'vitest';
import { XmlScanner } from './xml-scan.js';
import { XmlFeed } from './xml-stream.js';
import { XLSX_LIMITS } from './xlsx-limits.js';

const NAMES = ['sheetData', 'row', 'c', 'v', 'is', 't', 'r', 'rPh', 'rPr', 'b', 'f', 'si', 'sst', 'x', 'worksheet', 'item'];

type Event = string;

/** saxes' events: open with every attribute, close, text runs joined (whitespace outside the root, which no reader uses, left out). */
function saxesEvents(xml: Buffer): Event[] {
  const out: Event[] = [];
  let text = '';
  let depth = 0;
  const flush = (): void => {
    if (text !== '' && depth > 0) out.push(`text ${JSON.stringify(text)}`);
    text = '';
  };
  const feed = new XmlFeed('test.xml', {
    open(name, attrs) {
      flush();
      depth++;
      out.push(`open ${name} ${JSON.stringify(Object.entries(attrs).sort())}`);
    },
    close(name) {
      flush();
      depth--;
      out.push(`close ${name}`);
    },
    text(t) {
      text += t;
    },
  });
  feed.write(xml);
  feed.end();
  flush();
  return out;
}

/** The scanner's events for `xml` cut into chunks of `size` bytes, asking for the attributes saxes saw. */
function scannerEvents(xml: Buffer, size: number, attrNames: (tag: string) => string[]): Event[] {
  const out: Event[] = [];
  let text = '';
  const flush = (): void => {
    if (text !== '') out.push(`text ${JSON.stringify(text)}`);
    text = '';
  };
  const scanner: XmlScanner = new XmlScanner('test.xml', NAMES, {
    open(tag) {
      flush();
      const name = NAMES[tag] ?? '?';
      const attrs = attrNames(name).map((a) => [a, scanner.attr(a)]);
      out.push(`open ${name} ${JSON.stringify(attrs.sort())}`);
    },
    close(tag) {
      flush();
      out.push(`close ${NAMES[tag] ?? '?'}`);
    },
    text(source, start, end) {
      text += source.slice(start, end);
    },
  });
  scanner.wantText = true;
  for (let at = 0; at < xml.length; at += size) scanner.write(xml.subarray(at, at + size));
  scanner.end();
  return out;
}

const DOCUMENTS: Record<string, string> = {
  sheet:
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
    '<row r="1" spans="1:3"><c r="A1" t="s"><v>0</v></c><c r="B1" s="3"><v>45716.5</v></c><c r="C1" t="inlineStr"><is><t xml:space="preserve"> 홍 길동 </t></is></c></row>' +
    '<row r="2"><c r="A2" t="str"><f>A1&amp;"x"</f><v>a&lt;b&gt;c &amp; &quot;d&quot; &apos;e&apos; &#65;&#x42;&#x1F600;</v></c><c r="B2"/></row>' +
    '</sheetData></worksheet>',
  prefixes:
    '<x:worksheet xmlns:x="urn:x"><x:sheetData><x:row r="3"><x:c r="AB3" t = \'s\' ><x:v>12</x:v></x:c></x:row></x:sheetData></x:worksheet>',
  richAndPhonetic:
    '<sst count="1"><si><r><rPr><b/></rPr><t>홍</t></r><r><t>길동</t></r><rPh sb="0" eb="1"><t>ホン</t></rPh></si><si><t>a\r\nb\rc\nd</t></si></sst>',
  skipped:
    '<!DOCTYPE worksheet><worksheet><!-- a <comment> with > inside --><sheetData><row><c><v><![CDATA[<not a tag>]]>7</v></c><?pi data?></row></sheetData></worksheet>',
  attributes: '<worksheet><item a="1 &amp; 2" b=\'x"y\' c="tab\there" d="line\r\nbreak" e="gt > inside" f=""/></worksheet>',
  shortComments: '<worksheet><!----><v>1</v><!--x--></worksheet><!---->',
  whitespace: '<worksheet>\n  <sheetData>\n    <row r="1">\n      <c r="A1"><v>1</v></c>\n    </row>\n  </sheetData>\n</worksheet>\n',
};

describe('XmlScanner reads what saxes reads', () => {
  for (const [name, xml] of Object.entries(DOCUMENTS)) {
    it(`${name}: every chunk size from 1 byte up gives saxes' events`, () => {
      const bytes = Buffer.from(xml);
      const expected = saxesEvents(bytes);
      const attrsOf = new Map<string, Set<string>>();
      for (const e of expected) {
        const m = /^open (\S+) (.*)$/.exec(e);
        if (m) for (const [k] of JSON.parse(m[2] as string) as [string, string][]) attrsOf.set(m[1] as string, (attrsOf.get(m[1] as string) ?? new Set()).add(k));
      }
      const attrNames = (tag: string): string[] => [...(attrsOf.get(tag) ?? [])];
      for (let size = 1; size <= bytes.length; size += size < 40 ? 1 : 17) {
        // Attributes an element lacks are asked for too: both sides give undefined.
        const got = scannerEvents(bytes, size, attrNames).map((e) => e.replace(/,null\]/g, ']'));
        const want = expected.map((e) => {
          const m = /^open (\S+) (.*)$/.exec(e);
          if (!m) return e;
          const own = Object.fromEntries(JSON.parse(m[2] as string) as [string, string][]);
          return `open ${m[1]} ${JSON.stringify(attrNames(m[1] as string).map((a) => (own[a] === undefined ? [a] : [a, own[a]])).sort())}`;
        });
        expect(got, `chunks of ${size} bytes`).toEqual(want);
      }
    });
  }

  it('tells apart only the names it is given; others are -1', () => {
    const tags: number[] = [];
    const scanner = new XmlScanner('p', ['row'], { open: (t) => tags.push(t), close: () => undefined, text: () => undefined });
    scanner.write(Buffer.from('<x:sheetData><x:row/><rows/><ro/></x:sheetData>'));
    scanner.end();
    expect(tags).toEqual([-1, 0, -1, -1]);
  });
});

function scanAll(xml: string | Buffer, chunk = 7): void {
  const scanner = new XmlScanner('xl/worksheets/sheet1.xml', NAMES, { open: () => undefined, close: () => undefined, text: () => undefined });
  scanner.wantText = true;
  const bytes = typeof xml === 'string' ? Buffer.from(xml) : xml;
  for (let at = 0; at < bytes.length; at += chunk) scanner.write(bytes.subarray(at, at + chunk));
  scanner.end();
}

describe('XmlScanner refuses what would make a reading wrong', () => {
  const corrupt: Record<string, string> = {
    'a close tag that does not match': '<worksheet><row></c></worksheet>',
    'an element left open': '<worksheet><row>',
    'a tag cut off': '<worksheet></worksheet',
    'a second root': '<worksheet/><worksheet/>',
    'text outside the root': '<worksheet/>stray',
    'an unknown entity': '<worksheet><v>&nbsp;</v></worksheet>',
    'an unfinished entity': '<worksheet><v>a & b</v></worksheet>',
    'a character reference XML forbids': '<worksheet><v>&#0;</v></worksheet>',
    'an unquoted attribute': '<worksheet><c r=A1/></worksheet>',
    'an element without a name': '<worksheet>< c/></worksheet>',
    'no root at all': '<?xml version="1.0"?>',
  };
  for (const [what, xml] of Object.entries(corrupt)) {
    it(`${what} → corrupt-xlsx`, () => {
      expect(() => scanAll(xml)).toThrow(expect.objectContaining({ code: 'corrupt-xlsx', params: expect.objectContaining({ variant: 'part-not-xml' }) }));
    });
  }

  it('a text run past the limit → workbook-limit text-run, in any chunking', () => {
    const long = `<worksheet><v>${'a'.repeat(XLSX_LIMITS.textRunChars + 10)}</v></worksheet>`;
    for (const chunk of [16_384, 65_536, 1 << 20]) {
      expect(() => scanAll(long, chunk)).toThrow(expect.objectContaining({ code: 'workbook-limit', params: expect.objectContaining({ variant: 'text-run' }) }));
    }
  });

  it('a Korean text run is counted in characters, not bytes: just under the limit it is read', () => {
    let got = 0;
    const scanner = new XmlScanner('p', ['v'], { open: () => undefined, close: () => undefined, text: (_s, start, end) => (got += end - start) });
    scanner.wantText = true;
    const bytes = Buffer.from(`<v>${'한'.repeat(XLSX_LIMITS.textRunChars - 10)}</v>`);
    for (let at = 0; at < bytes.length; at += 16_384) scanner.write(bytes.subarray(at, at + 16_384));
    scanner.end();
    expect(got).toBe(XLSX_LIMITS.textRunChars - 10);
  });

  it('nesting past the limit → workbook-limit xml-depth', () => {
    const deep = `<worksheet>${'<x>'.repeat(XLSX_LIMITS.xmlDepth)}${'</x>'.repeat(XLSX_LIMITS.xmlDepth)}</worksheet>`;
    expect(() => scanAll(deep)).toThrow(expect.objectContaining({ code: 'workbook-limit', params: expect.objectContaining({ variant: 'xml-depth' }) }));
  });
});
