import { romanize } from 'es-hangul';
import { toRomaji } from 'wanakana';
import stems from './hangul-word-stems.json' with { type: 'json' };

/** A header spelled in ASCII words, and what it took: accents removed, Hangul or kana romanised, or letters no table covers. */
export interface AsciiWords {
  readonly words: readonly string[];
  /** Latin letters lost their accents or were spelled out (`é` → `e`, `ß` → `ss`). */
  readonly accents: boolean;
  /** Hangul (Revised Romanization) or kana (Hepburn) was romanised. */
  readonly romanised: boolean;
  /** Letters of a script no table here covers (kanji, Cyrillic…) were dropped. */
  readonly dropped: boolean;
}

// Latin letters that do not decompose into a base letter and a mark.
const SPELLED: Readonly<Record<string, string>> = {
  ß: 'ss', ẞ: 'SS', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ø: 'o', Ø: 'O', đ: 'd', Đ: 'D', ð: 'd', Ð: 'D',
  þ: 'th', Þ: 'TH', ł: 'l', Ł: 'L', ı: 'i', ħ: 'h', Ħ: 'H', ŋ: 'ng', Ŋ: 'NG', ſ: 's',
};
const HANGUL = /^[\uAC00-\uD7A3]$/;
const KANA = /^[\u3041-\u3096\u309D-\u309F\u30A1-\u30FA\u30FC-\u30FF]$/;
const ASCII_ALNUM = /^[A-Za-z0-9]$/;
const LETTER_OR_MARK = /^[\p{L}\p{M}\p{N}]$/u;
const STEMS: readonly string[] = [...stems].sort((a, b) => b.length - a.length);

type Kind = 'ascii' | 'latin' | 'hangul' | 'kana' | 'other' | 'gap';

function kindOf(ch: string): Kind {
  if (ASCII_ALNUM.test(ch)) return 'ascii';
  if (HANGUL.test(ch)) return 'hangul';
  if (KANA.test(ch)) return 'kana';
  if (SPELLED[ch] !== undefined) return 'latin';
  if (LETTER_OR_MARK.test(ch)) {
    const base = ch.normalize('NFD').replace(/\p{M}/gu, '');
    return base !== '' && /^[A-Za-z0-9]+$/.test(base) ? 'latin' : 'other';
  }
  return 'gap';
}

/** A run of Hangul cut where a common CRM word begins or ends (`hoewondeunggeup` → `hoewon`, `deunggeup`), so camelCase falls between words. */
function hangulWords(run: string): string[] {
  const out: string[] = [];
  let pending = '';
  for (let i = 0; i < run.length; ) {
    const stem = STEMS.find((s) => run.startsWith(s, i));
    if (stem === undefined) {
      pending += run[i];
      i++;
      continue;
    }
    if (pending !== '') out.push(pending);
    pending = '';
    out.push(stem);
    i += stem.length;
  }
  if (pending !== '') out.push(pending);
  return out;
}

/** Latin text without accents: `Straße` → `Strasse`, `Numéro` → `Numero`. */
function unaccent(text: string): string {
  let out = '';
  for (const ch of text) out += SPELLED[ch] ?? ch.normalize('NFD').replace(/\p{M}/gu, '');
  return out;
}

/**
 * Spells a header in ASCII words: Latin words as they are (accents removed), Hangul romanised by the
 * Revised Romanization (es-hangul, with its sound rules inside a word) and cut at common CRM words,
 * kana romanised (Hepburn, wanakana). Other scripts are dropped and say so. Pure.
 */
export function asciiWords(header: string): AsciiWords {
  const text = header.normalize('NFKC');
  const words: string[] = [];
  let accents = false;
  let romanised = false;
  let dropped = false;
  let run = '';
  let runKind: Kind = 'gap';
  const flush = (): void => {
    if (run === '') return;
    if (runKind === 'ascii') words.push(run);
    else if (runKind === 'latin') {
      accents = true;
      words.push(unaccent(run));
    } else if (runKind === 'hangul') {
      romanised = true;
      for (const w of hangulWords(run)) words.push(romanize(w));
    } else if (runKind === 'kana') {
      romanised = true;
      words.push(toRomaji(run).replace(/[^A-Za-z0-9]/g, ''));
    } else if (runKind === 'other') dropped = true;
    run = '';
  };
  for (const ch of text) {
    const k = kindOf(ch);
    // Accented letters and plain ones make one Latin word (`Straße`, `Numéro`).
    if ((k === 'ascii' && runKind === 'latin') || (k === 'latin' && runKind === 'ascii')) {
      runKind = 'latin';
      run += ch;
      continue;
    }
    // Digits stay with the word before them (`deunggeup2`).
    if (/^[0-9]$/.test(ch) && runKind !== 'gap' && runKind !== 'other') {
      run += ch;
      continue;
    }
    if (k !== runKind) {
      flush();
      runKind = k;
    }
    if (k !== 'gap') run += ch;
  }
  flush();
  return { words: words.filter((w) => w !== ''), accents, romanised, dropped };
}
