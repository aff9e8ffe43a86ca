import type { ProfileKeyKind } from '../shared/target/urls.js';

/** The decoded header row of a batch. */
export type HeaderResult =
  | { readonly kind: 'ok'; readonly header: readonly string[]; readonly keyKind: ProfileKeyKind; readonly bodyStart: number }
  | { readonly kind: 'bad' };

/** Returns the line that starts at `offset` (without its LF, and without one trailing CR when `stripCr`) and where the next one starts. */
export function lineAt(text: string, offset: number, stripCr: boolean): { readonly line: string; readonly next: number } {
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  let line = text.slice(offset, end);
  if (stripCr && line.endsWith('\r')) line = line.slice(0, -1);
  return { line, next: end + 1 };
}

/** Returns the 1-based number of the line that starts at `offset` (the header is line 1): one more than the LFs before it. */
export function lineNumberAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Reads and checks the header row: the first column must be `pcId` or `thirdPartyId` (any case when `caseInsensitive`). */
export function parseHeader(text: string, stripCr: boolean, caseInsensitive: boolean): HeaderResult {
  const { line, next } = lineAt(text, 0, stripCr);
  const header = line.split(',');
  const key = header[0] ?? '';
  const norm = caseInsensitive ? key.toLowerCase() : key;
  const keyKind: ProfileKeyKind | undefined =
    norm === (caseInsensitive ? 'pcid' : 'pcId') ? 'pcId' : norm === (caseInsensitive ? 'thirdpartyid' : 'thirdPartyId') ? 'thirdPartyId' : undefined;
  if (keyKind === undefined) return { kind: 'bad' };
  return { kind: 'ok', header, keyKind, bodyStart: Math.min(next, text.length) };
}

/** Counts data rows (non-empty lines after the header) and whether any row has a non-empty value cell. */
export function scanRows(text: string, bodyStart: number, stripCr: boolean): { readonly rows: number; readonly anyValue: boolean } {
  let rows = 0;
  let anyValue = false;
  let offset = bodyStart;
  while (offset < text.length) {
    let end = text.indexOf('\n', offset);
    if (end < 0) end = text.length;
    let last = end;
    if (stripCr && last > offset && text.charCodeAt(last - 1) === 13) last--;
    if (last > offset) {
      rows++;
      if (!anyValue) {
        // A value exists when some character after the first comma is not a comma.
        let afterComma = false;
        for (let i = offset; i < last; i++) {
          const ch = text.charCodeAt(i);
          if (ch === 44) afterComma = true;
          else if (afterComma) {
            anyValue = true;
            break;
          }
        }
      }
    }
    offset = end + 1;
  }
  return { rows, anyValue };
}

/** Returns the keys (first cells) of up to `max` non-empty rows starting at `offset`. */
export function keysFrom(text: string, offset: number, stripCr: boolean, max: number): string[] {
  const keys: string[] = [];
  for (let off = offset; off < text.length && keys.length < max; ) {
    const { line, next } = lineAt(text, off, stripCr);
    if (line !== '') keys.push(line.split(',', 1)[0] as string);
    off = next;
  }
  return keys;
}
