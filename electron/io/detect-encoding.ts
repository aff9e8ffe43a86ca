// Encoding detection: BOM first, then UTF-16 without BOM, then a strict UTF-8 check of the sample,
// then chardet's statistics restricted to the encodings we support. chardet calls CP949 "EUC-KR";
// we decode it as CP949 (a superset) so Hangul outside EUC-KR's 2,350 syllables survives.
import { analyse } from 'chardet';
import { looksLikeUtf16 } from './sniff-format.js';
import { createTextDecoder } from './text-decoder.js';
import type { EncodingGuess, EncodingName } from './table-types.js';

const CHARDET_NAMES: Readonly<Record<string, EncodingName>> = {
  'UTF-8': 'utf-8',
  'UTF-16LE': 'utf-16le',
  'UTF-16BE': 'utf-16be',
  'EUC-KR': 'cp949',
  'windows-949': 'cp949',
  Shift_JIS: 'shift_jis',
  'windows-1252': 'windows-1252',
  'ISO-8859-1': 'windows-1252',
  'ISO-8859-15': 'windows-1252',
};

function bomOf(sample: Uint8Array): EncodingName | null {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8';
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be';
  return null;
}

function isAscii(sample: Uint8Array): boolean {
  for (let i = 0; i < sample.length; i++) if ((sample[i] as number) >= 0x80) return false;
  return true;
}

/** True when the sample is valid UTF-8 (an incomplete sequence at the very end is allowed unless `complete`). */
export function isValidUtf8(sample: Uint8Array, complete: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}

function replacementCount(sample: Uint8Array, encoding: EncodingName): number {
  const decoder = createTextDecoder(encoding);
  const text = decoder.write(sample);
  let n = 0;
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) n++;
  return n;
}

/** Counts well-formed multi-byte UTF-8 sequences and bytes that cannot be UTF-8 (a cut-off sequence at the end is ignored unless `complete`). */
export function utf8Stats(b: Uint8Array, complete: boolean): { readonly valid: number; readonly invalid: number } {
  let valid = 0;
  let invalid = 0;
  const n = b.length;
  for (let i = 0; i < n; ) {
    const c = b[i] as number;
    if (c < 0x80) {
      i++;
      continue;
    }
    const len = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (len === 0) {
      invalid++;
      i++;
      continue;
    }
    if (i + len > n) {
      if (complete) invalid++;
      break;
    }
    let ok = true;
    for (let k = 1; k < len; k++) if (((b[i + k] as number) & 0xc0) !== 0x80) ok = false;
    if (ok) {
      valid++;
      i += len;
    } else {
      invalid++;
      i++;
    }
  }
  return { valid, invalid };
}

function guessFromContent(sample: Uint8Array, complete: boolean): EncodingGuess {
  if (isValidUtf8(sample, complete)) return { encoding: 'utf-8', bom: false, confidence: 1, source: 'detected' };
  // A UTF-8 file with a few damaged bytes is still UTF-8: decoding it as anything else would garble every character.
  const { valid, invalid } = utf8Stats(sample, complete);
  if (valid >= 8 && invalid * 20 <= valid) return { encoding: 'utf-8', bom: false, confidence: 0.7, source: 'detected' };
  const ranked = analyse(sample);
  let best: { encoding: EncodingName; confidence: number; errors: number } | null = null;
  for (const match of ranked) {
    const encoding = CHARDET_NAMES[match.name];
    if (encoding === undefined || encoding === 'utf-8') continue;
    const errors = replacementCount(sample, encoding);
    const confidence = Math.max(0.05, Math.min(1, match.confidence / 100)) * (errors === 0 ? 1 : 0.5);
    if (best === null || (best.errors > 0 && errors === 0) || (errors === best.errors && confidence > best.confidence)) {
      best = { encoding, confidence, errors };
    }
    if (errors === 0) break;
  }
  if (best !== null) return { encoding: best.encoding, bom: false, confidence: Number(best.confidence.toFixed(2)), source: 'detected' };
  // No supported encoding matched: Windows-1252 decodes any byte, so the text stays readable and fixable.
  return { encoding: 'windows-1252', bom: false, confidence: 0.2, source: 'detected' };
}

/** Cuts a window taken from inside a file to whole lines (LF never occurs inside a character in the 8-bit encodings). */
function wholeLines(window: Uint8Array): Uint8Array {
  const first = window.indexOf(0x0a);
  const last = window.lastIndexOf(0x0a);
  return first === -1 || last <= first ? new Uint8Array(0) : window.subarray(first + 1, last + 1);
}

/**
 * Returns the encoding of a text file from its first bytes (`complete` = the sample is the whole
 * file). An override wins; otherwise BOM, UTF-16 pattern, strict UTF-8, mostly-UTF-8, then chardet.
 * When the start is pure ASCII, `later` (windows from further into the file) decide. Never throws.
 */
export function detectEncoding(sample: Uint8Array, complete: boolean, override?: EncodingName, later: readonly Uint8Array[] = []): EncodingGuess {
  const bom = bomOf(sample);
  if (override !== undefined) return { encoding: override, bom: bom === override, confidence: 1, source: 'override' };
  if (bom !== null) return { encoding: bom, bom: true, confidence: 1, source: 'bom' };
  const utf16 = looksLikeUtf16(sample);
  if (utf16 !== null) return { encoding: utf16, bom: false, confidence: 0.9, source: 'detected' };
  if (!isAscii(sample)) return guessFromContent(sample, complete);
  const rest = later.map(wholeLines).filter((w) => !isAscii(w));
  if (rest.length > 0) {
    const guess = guessFromContent(Buffer.concat(rest), true);
    return { ...guess, confidence: Math.min(guess.confidence, 0.9) };
  }
  // Pure ASCII reads the same in every supported 8-bit encoding; only unseen bytes could tell.
  return { encoding: 'utf-8', bom: false, confidence: complete ? 1 : 0.8, source: 'detected' };
}
