// Encoding detection and streaming decoding: a character split between two reads must survive.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { tempDirForTests } from './fixtures/temp-dir-for-tests.js';
import { detectEncoding } from './detect-encoding.js';
import { openTable } from './open-table.js';
import { readAllRows } from './read-all.js';
import { READ_BYTES } from './read-csv.js';
import type { EncodingName } from './table-types.js';
import { createTextDecoder } from './text-decoder.js';

const SAMPLES: Record<EncodingName, string> = {
  'utf-8': 'id,name\n1,홍길동 😀 Müller\n',
  'utf-16le': 'id,name\n1,홍길동 😀 Müller\n',
  'utf-16be': 'id,name\n1,홍길동 😀 Müller\n',
  cp949: 'id,name\n1,홍길동 똠 뷁 햏\n',
  shift_jis: 'id,name\n1,山田太郎 髙橋 ①\n',
  'windows-1252': 'id,name\n1,Müller Renée € œ\n',
};

function encode(text: string, encoding: EncodingName): Buffer {
  return iconv.encode(text, encoding === 'cp949' ? 'cp949' : encoding);
}

describe('streaming decoder', () => {
  for (const [encoding, text] of Object.entries(SAMPLES) as [EncodingName, string][]) {
    it(`${encoding}: feeding one byte at a time gives the same text`, () => {
      const bytes = encode(text, encoding);
      const decoder = createTextDecoder(encoding);
      let out = '';
      for (let i = 0; i < bytes.length; i++) out += decoder.write(bytes.subarray(i, i + 1));
      out += decoder.end();
      expect(out).toBe(text);
    });
  }
});

describe('detectEncoding', () => {
  it('BOM wins and is reported', () => {
    expect(detectEncoding(Buffer.from([0xef, 0xbb, 0xbf, 0x61]), true)).toEqual({ encoding: 'utf-8', bom: true, confidence: 1, source: 'bom' });
    expect(detectEncoding(Buffer.from([0xff, 0xfe, 0x61, 0]), true).encoding).toBe('utf-16le');
    expect(detectEncoding(Buffer.from([0xfe, 0xff, 0, 0x61]), true).encoding).toBe('utf-16be');
  });

  it('UTF-16 without BOM is recognised from its zero bytes', () => {
    const text = 'thirdPartyId\tname\nA1\tAnn\nA2\tBo\n';
    expect(detectEncoding(Buffer.from(text, 'utf16le'), true)).toMatchObject({ encoding: 'utf-16le', bom: false, source: 'detected' });
    expect(detectEncoding(encode(text, 'utf-16be'), true)).toMatchObject({ encoding: 'utf-16be', bom: false });
  });

  it('valid non-ASCII UTF-8 is certain, even when the sample ends inside a character', () => {
    const bytes = Buffer.from('id,name\n1,홍길동\n2,김철수\n');
    expect(detectEncoding(bytes, true)).toMatchObject({ encoding: 'utf-8', confidence: 1 });
    expect(detectEncoding(bytes.subarray(0, bytes.length - 3), false)).toMatchObject({ encoding: 'utf-8', confidence: 1 });
  });

  it('pure ASCII is UTF-8, less than certain when only a sample was seen', () => {
    expect(detectEncoding(Buffer.from('a,b\n1,2\n'), true).confidence).toBe(1);
    expect(detectEncoding(Buffer.from('a,b\n1,2\n'), false).confidence).toBeLessThan(1);
  });

  it('CP949 (chardet says EUC-KR) maps to cp949, Shift_JIS and Windows-1252 are told apart', () => {
    const korean = ['이름,등급', ...Array.from({ length: 30 }, (_, i) => `홍길동${i},골드 회원 똠`)].join('\r\n');
    const japanese = ['氏名,会員ランク', ...Array.from({ length: 30 }, (_, i) => `山田太郎${i},ゴールド会員`)].join('\r\n');
    const german = ['Name;Stadt;Umsatz', ...Array.from({ length: 30 }, (_, i) => `Jürgen Müller ${i};Zürich;1.234,50 €`)].join('\r\n');
    expect(detectEncoding(encode(korean, 'cp949'), true)).toMatchObject({ encoding: 'cp949', source: 'detected' });
    expect(detectEncoding(encode(japanese, 'shift_jis'), true).encoding).toBe('shift_jis');
    expect(detectEncoding(encode(german, 'windows-1252'), true).encoding).toBe('windows-1252');
  });

  it('an override wins and says so', () => {
    expect(detectEncoding(Buffer.from('abc'), true, 'shift_jis')).toEqual({ encoding: 'shift_jis', bom: false, confidence: 1, source: 'override' });
  });
});

describe('reading big files in every encoding', () => {
  const { dir } = tempDirForTests('io-enc-');

  /** True when byte `at` falls inside a character, so the reader's read boundary splits it. */
  const splits = (bytes: Buffer, at: number, encoding: EncodingName): boolean => {
    if (encoding === 'utf-16le' || encoding === 'utf-16be') {
      const unit = encoding === 'utf-16le' ? bytes.readUInt16LE(at - 2) : bytes.readUInt16BE(at - 2);
      return unit >= 0xd800 && unit <= 0xdbff; // a surrogate pair cut in half
    }
    return !encode(iconv.decode(bytes.subarray(0, at), encoding), encoding).equals(bytes.subarray(0, at));
  };

  for (const encoding of ['utf-8', 'cp949', 'shift_jis', 'utf-16le', 'utf-16be'] as const) {
    it(`${encoding}: a character split by the first read boundary survives (${encoding === 'utf-16be' ? 'with BOM' : 'detected'})`, async () => {
      const word = encoding === 'shift_jis' ? '山田髙橋' : encoding.startsWith('utf-16') ? '홍길동😀' : '홍길동똠';
      let rows: string[][] = [];
      let bytes: Buffer = Buffer.alloc(0);
      // Pad the first row until the first read boundary falls inside a character.
      for (let pad = 0; pad < 40; pad++) {
        rows = Array.from({ length: 20_000 }, (_, i) => [`ID-${i}`, `${word.repeat(1 + (i % 7))}${'x'.repeat(i === 0 ? pad : i % 3)}`]);
        const text = `${encoding === 'utf-16be' ? '\uFEFF' : ''}id,name\r\n${rows.map((r) => r.join(',')).join('\r\n')}\r\n`;
        bytes = encode(text, encoding);
        if (splits(bytes, READ_BYTES, encoding)) break;
      }
      expect(splits(bytes, READ_BYTES, encoding)).toBe(true);
      const path = join(dir(), `${encoding}.csv`);
      await writeFile(path, bytes);
      const info = await openTable(path);
      expect(info.encoding?.encoding).toBe(encoding);
      const read = await readAllRows(path, info);
      expect(read.notes).toEqual([]);
      expect(read.rows).toEqual(rows);
    });
  }

  it('the encoding override decodes a file detection would get wrong', async () => {
    const path = join(dir(), 'override.csv');
    await writeFile(path, encode('id,name\r\n1,Müller\r\n', 'windows-1252'));
    const info = await openTable(path, { encoding: 'cp949' });
    expect(info.encoding?.source).toBe('override');
    const fixed = await openTable(path, { encoding: 'windows-1252' });
    expect((await readAllRows(path, fixed)).rows).toEqual([['1', 'Müller']]);
  });

  it('a file whose first 256 KB are ASCII is judged by windows further in (Windows-1252 at the end)', async () => {
    const path = join(dir(), 'late-latin1.csv');
    const head = Buffer.from(`id,name\n${Array.from({ length: 30_000 }, (_, i) => `${i},plain`).join('\n')}\n`);
    expect(head.length).toBeGreaterThan(256 * 1024);
    await writeFile(path, Buffer.concat([head, encode('30000,Müller\n30001,Zoë\n', 'windows-1252')]));
    const info = await openTable(path);
    expect(info.encoding).toMatchObject({ encoding: 'windows-1252', source: 'detected' });
    const { notes, rows } = await readAllRows(path, info);
    expect(notes).toEqual([]);
    expect(rows.slice(-2)).toEqual([['30000', 'Müller'], ['30001', 'Zoë']]);
  });

  it('a UTF-8 file with a few damaged bytes stays UTF-8; the damaged rows are noted as decoding-errors', async () => {
    const path = join(dir(), 'damaged-utf8.csv');
    const good = (from: number, n: number): Buffer => Buffer.from(Array.from({ length: n }, (_, i) => `${from + i},홍길동 ${from + i}\n`).join(''));
    await writeFile(path, Buffer.concat([Buffer.from('id,name\n'), good(1, 50), Buffer.from([0x35, 0x31, 0x2c, 0xff, 0x41, 0x0a]), good(52, 50)]));
    const info = await openTable(path);
    expect(info.encoding).toMatchObject({ encoding: 'utf-8', confidence: 0.7 });
    const { notes, rows } = await readAllRows(path, info);
    expect(rows).toHaveLength(101);
    expect(rows[50]).toEqual(['51', '\uFFFDA']);
    expect(rows[100]).toEqual(['101', '홍길동 101']);
    expect(notes).toEqual([expect.objectContaining({ row: 51, code: 'decoding-errors' })]);
  });
});
