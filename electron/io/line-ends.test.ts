import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirForTests } from './fixtures/temp-dir-for-tests.js';
import { createLineEndNormalizer } from './line-ends.js';
import { openTable } from './open-table.js';
import { readAllRows } from './read-all.js';

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

describe('line-end kinds through the reader, across 48 KB reads', () => {
  const { dir } = tempDirForTests('line-ends-');

  /** Writes `rows` data rows (each `row(i)`) after a header, joined by `eol`, and reads them back. */
  async function read(name: string, eol: string, row: (i: number) => string, rows = 3000): Promise<{ rows: string[][]; codes: string[] }> {
    const path = join(dir(), name);
    const lines = ['id,note'];
    for (let i = 1; i <= rows; i++) lines.push(row(i));
    await writeFile(path, lines.join(eol) + eol);
    const info = await openTable(path);
    const out = await readAllRows(path, info);
    return { rows: out.rows as string[][], codes: out.notes.map((n) => `${n.row}:${n.code}`) };
  }

  it('a CRLF file with line breaks inside quoted cells is not "mixed", whichever read a cell starts in', async () => {
    const r = await read('crlf-cells.csv', '\r\n', (i) => `${i},"line one of ${i}\nline two, with ""quotes""\nthree"`);
    expect(r.rows).toHaveLength(3000);
    expect(r.rows[2999]).toEqual(['3000', 'line one of 3000\nline two, with "quotes"\nthree']);
    expect(r.codes).toEqual([]);
  });

  it('a CR line end first met deep in an LF file is noted once', async () => {
    const r = await read('late-cr.csv', '\n', (i) => (i === 2500 ? `${i},"x\ny"\r` : `${i},"a ""b"" c"`));
    expect(r.rows).toHaveLength(3000);
    expect(r.codes).toEqual(['0:mixed-line-endings']);
  });

  it('a NUL met deep in the file is stripped and noted on its row', async () => {
    const r = await read('late-nul.csv', '\n', (i) => (i === 2900 ? `${i},a\0b` : `${i},plain`));
    expect(r.rows[2899]).toEqual(['2900', 'ab']);
    expect(r.codes).toEqual(['2900:nul-stripped']);
  });
});
