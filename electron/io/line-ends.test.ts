import { describe, expect, it } from 'vitest';
import { createLineEndNormalizer } from './line-ends.js';

function run(chunks: readonly string[]): { text: string; kinds: string[] } {
  const n = createLineEndNormalizer();
  const text = chunks.map((c) => n.write(c)).join('') + n.end();
  return { text, kinds: [...n.kinds].sort() };
}

describe('line-end normaliser', () => {
  it('a CRLF split between two chunks stays one line end', () => {
    expect(run(['a,b\r', '\n1,2\r', '\n'])).toEqual({ text: 'a,b\n1,2\n', kinds: ['crlf'] });
  });

  it('a final lone CR becomes LF', () => {
    expect(run(['a\rb\r'])).toEqual({ text: 'a\nb\n', kinds: ['cr'] });
  });

  it('LF inside quoted cells of a CRLF file is not "mixed"', () => {
    expect(run(['id,note\r\n1,"two\nlines"\r\n2,"say ""hi""\n', 'again"\r\n'])).toEqual({
      text: 'id,note\n1,"two\nlines"\n2,"say ""hi""\nagain"\n',
      kinds: ['crlf'],
    });
  });

  it('LF and CR ending records in a CRLF file are all noted', () => {
    expect(run(['id\r\n1\n2', '\r3\r\n']).kinds).toEqual(['cr', 'crlf', 'lf']);
  });
});
