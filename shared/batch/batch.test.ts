import { describe, expect, it } from 'vitest';
import { encodeCell } from './url-encode.js';
import { batchPrefix } from './batch-header.js';
import { BatchPlanner, locateLine } from './batch-planner.js';
import { batchLimits, MAX_BATCH_BYTES, MAX_BATCH_ROWS } from './batch-limits.js';
import { mergeEncodedLines } from './merge-lines.js';
import { encodeInto, LineBytes } from './line-bytes.js';

describe('encodeCell', () => {
  it('matches encodeURIComponent on every kind of text, and encodes % & + =', () => {
    const samples = ['abc', 'A-Z_0.9~', "it's (ok)!*", '50%', 'a&b', 'a+b', 'a=b', '홍길동', 'Straße', '日本語', 'a b', '😀', ',', '\n', ''];
    for (const s of samples) expect(encodeCell(s)).toBe(encodeURIComponent(s));
    let seed = 7;
    for (let i = 0; i < 2000; i++) {
      let s = '';
      for (let j = 0; j < 8; j++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        s += String.fromCharCode(32 + (seed % 0x2fff));
      }
      if (/[\uD800-\uDFFF]/.test(s)) continue;
      expect(encodeCell(s)).toBe(encodeURIComponent(s));
    }
    for (const ch of ['%', '&', '+', '=']) expect(encodeCell(ch)).toMatch(/^%[0-9A-F]{2}$/);
  });
  it('returns null for a lone surrogate', () => {
    expect(encodeCell('a\uD800')).toBeNull();
  });
});

describe('batch header and limits', () => {
  it('starts with batch= and the key, names URL-encoded', () => {
    expect(batchPrefix('thirdPartyId', ['loyaltyTier', 'loyalty tier', '등급'])).toBe('batch=thirdPartyId,loyaltyTier,loyalty%20tier,%EB%93%B1%EA%B8%89');
    expect(batchPrefix('pcId', [])).toBe('batch=pcId');
  });
  it('never goes above Target limits', () => {
    expect(batchLimits()).toEqual({ maxRows: MAX_BATCH_ROWS, maxBytes: MAX_BATCH_BYTES });
    expect(batchLimits(1000).maxRows).toBe(1000);
    expect(batchLimits(900_000).maxRows).toBe(MAX_BATCH_ROWS);
    expect(batchLimits(undefined, 60_000_000).maxBytes).toBe(MAX_BATCH_BYTES);
  });
});

describe('BatchPlanner', () => {
  it('splits on the row limit', () => {
    const p = new BatchPlanner(10, { maxRows: 2, maxBytes: 1000 });
    expect([5, 5, 5, 5, 5].map((n) => p.add(n))).toEqual([true, false, true, false, true]);
    expect(p.batches.map((b) => [b.index, b.firstLine, b.rows, b.bytes])).toEqual([[1, 0, 2, 22], [2, 2, 2, 22], [3, 4, 1, 16]]);
    expect(locateLine(p.batches, 3)).toEqual({ batch: 2, line: 2 });
    expect(locateLine(p.batches, 5)).toBeNull();
  });
  it('keeps every batch strictly under the byte limit', () => {
    const p = new BatchPlanner(10, { maxRows: 100, maxBytes: 40 });
    for (let i = 0; i < 10; i++) p.add(9);
    for (const b of p.batches) expect(b.bytes).toBeLessThan(40);
    expect(p.batches.reduce((n, b) => n + b.rows, 0)).toBe(10);
    expect(p.batches[0]!.rows).toBe(2);
  });
});

describe('mergeEncodedLines', () => {
  it('keeps the last non-empty value per column', () => {
    expect(mergeEncodedLines(['a,1,,x', 'a,,2,', 'a,3,,'])).toBe('a,3,2,x');
  });
});

describe('encodeInto (the worker fast path)', () => {
  const run = (s: string): string | null => {
    const out = new LineBytes(4);
    out.pos = 1;
    out.bytes[0] = 120;
    if (!encodeInto(s, out)) {
      expect(out.pos).toBe(1);
      return null;
    }
    return String.fromCharCode(...out.bytes.subarray(1, out.pos));
  };
  it('writes exactly what encodeURIComponent gives, or declines values the rules must see', () => {
    for (const s of ['abc', "A-z_0.9~!*'()", '50% & a+b=c', '홍길동', 'Straße', '日本語 ①', '😀x', 'a b@c.d', '']) expect(run(s)).toBe(encodeURIComponent(s));
    let seed = 11;
    for (let i = 0; i < 3000; i++) {
      let s = '';
      for (let j = 0; j < 6; j++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        s += String.fromCodePoint(seed % 5 === 0 ? 0x10000 + (seed % 0x1000) : 32 + (seed % 0xd000));
      }
      if (/[,\u007f\u2028\u2029\ufffd]/.test(s)) expect(run(s)).toBeNull();
      else expect(run(s)).toBe(encodeURIComponent(s));
    }
    for (const s of ['a,b', 'a\nb', 'a\tb', 'x\u2028', 'bad\uFFFD', 'lone\uD800', 'lone\uDC00x', '\u007f']) expect(run(s)).toBeNull();
  });
});
