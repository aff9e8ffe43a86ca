// plainCell takes the shapes spreadsheet writers give nearly every cell, and only those.
import { describe, expect, it } from 'vitest';
import { plainCell } from './xlsx-plain-cell.js';

/** What plainCell reads from `xml` (a cell followed by more of the sheet), or null. */
function read(xml: string): { column: number; type: string | undefined; style: number; value: string | null; digits: number; rest: string } | null {
  const cell = plainCell(Buffer.from(xml, 'latin1'), 0);
  if (cell === null) return null;
  return { column: cell.column, type: cell.type, style: cell.style, value: cell.valueStart < 0 ? null : xml.slice(cell.valueStart, cell.valueEnd), digits: cell.digits, rest: xml.slice(cell.end) };
}

describe('plainCell', () => {
  it('reads the plain shapes whole', () => {
    expect(read('<c r="B2" t="s"><v>12</v></c><c')).toEqual({ column: 2, type: 's', style: 0, value: '12', digits: 12, rest: '<c' });
    expect(read('<c r="AB10" s="3"><v>45716</v></c></row>')).toEqual({ column: 28, type: undefined, style: 3, value: '45716', digits: 45716, rest: '</row>' });
    expect(read('<c r="XFD1" s="1" t="str"><v>a > b</v></c>')).toEqual({ column: 16384, type: 'str', style: 1, value: 'a > b', digits: -1, rest: '' });
    expect(read('<c s="2" r="c7"/>x')).toEqual({ column: 3, type: undefined, style: 2, value: null, digits: -1, rest: 'x' });
    expect(read('<c t="n"><v></v></c>')).toEqual({ column: 0, type: 'n', style: 0, value: '', digits: -1, rest: '' });
    expect(read('<c  r="A1"  ></c>')).toEqual({ column: 1, type: undefined, style: 0, value: null, digits: -1, rest: '' });
  });

  it('reads a value in place only when String() of the number gives its text back', () => {
    const digits = (v: string): number | undefined => read(`<c r="A1"><v>${v}</v></c>`)?.digits;
    expect(digits('0')).toBe(0);
    expect(digits('7')).toBe(7);
    expect(digits('123456789012345')).toBe(123456789012345);
    for (const v of ['007', '00', '1234567890123456', '12.5', '-3', ' 4', '1E3', '']) expect(digits(v), v).toBe(-1);
  });

  it('leaves every other shape to the scanner', () => {
    for (const xml of [
      '<c r="A1" t="s"><v>1</v></c', // cut by the end of a piece
      '<c r="A1" t="s"><v>1</v>',
      '<c r="A1" t="s"><v>1',
      '<c r="A1" t="s"',
      '<c r="A1" t="s"><v>1</v></c >',
      '<c r="A1"><v>1</v><v>2</v></c>',
      '<c r="A1"><f>A2</f><v>1</v></c>',
      '<c r="A1" t="inlineStr"><is><t>x</t></is></c>',
      '<c r="A1"><v>x &amp; y</v></c>',
      '<c r="A1"><v>a\r\nb</v></c>',
      '<c r=\'A1\'><v>1</v></c>',
      '<c r="A1" r="B1"><v>1</v></c>',
      '<c r="A1" cm="1"><v>1</v></c>',
      '<c r="1"><v>1</v></c>',
      '<c r="A1B"><v>1</v></c>',
      '<c r="XFE1"><v>1</v></c>',
      '<c s=""><v>1</v></c>',
      '<c s="1234567890"><v>1</v></c>',
      '<c t=""><v>1</v></c>',
      '<c t="s1"><v>1</v></c>',
      '<c\tr="A1"><v>1</v></c>',
      '<cx r="A1"><v>1</v></cx>',
      '<x:c r="A1"><x:v>1</x:v></x:c>',
      '<c r="A1"><v/></c>',
    ]) {
      expect(read(xml), xml).toBeNull();
    }
  });
});
