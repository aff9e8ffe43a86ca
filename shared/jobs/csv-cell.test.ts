import { describe, expect, it } from 'vitest';
import { safeCsvCell, safeCsvLine } from './csv-cell.js';

describe('safeCsvCell (results and rejected-rows reports)', () => {
  it.each([
    ['plain', 'plain'],
    ['=1+1', "'=1+1"],
    ['+82 10', "'+82 10"],
    ['-5', "'-5"],
    ['-x', "'-x"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', `"'\rx"`],
    ['a,"b"', '"a,""b"""'],
    ['=a,b', `"'=a,b"`],
  ])('prefixes formula starters and quotes as RFC 4180 asks: %j', (cell, written) => {
    expect(safeCsvCell(cell)).toBe(written);
  });

  it('prefixes a cell whose first non-blank character is a formula starter', () => {
    expect(safeCsvCell('  =HYPERLINK("x")')).toBe(`"'  =HYPERLINK(""x"")"`);
    expect(safeCsvCell(' +1')).toBe("' +1");
    expect(safeCsvCell('\u00a0-1')).toBe("'\u00a0-1");
    expect(safeCsvCell('\u3000@x')).toBe("'\u3000@x");
    expect(safeCsvCell('\n=1')).toBe(`"'\n=1"`);
  });

  it('prefixes the full-width ＝ ＋ － ＠', () => {
    for (const c of ['＝', '＋', '－', '＠']) expect(safeCsvCell(`${c}SUM(A1)`)).toBe(`'${c}SUM(A1)`);
    expect(safeCsvCell(' ＝1')).toBe("' ＝1");
  });

  it('leaves other text and numbers alone', () => {
    expect(safeCsvCell('a=b')).toBe('a=b');
    expect(safeCsvCell('  plain ')).toBe('  plain ');
    expect(safeCsvCell('홍길동')).toBe('홍길동');
    expect(safeCsvCell(-5)).toBe('-5');
    expect(safeCsvLine(['=x', 3, 'y'])).toBe("'=x,3,y");
    expect(safeCsvLine(['=a', 'b\nc', 3])).toBe(`'=a,"b\nc",3`);
  });
});
