/**
 * The decode model of target-profile-api.md §2.4: the body is an x-www-form-urlencoded form, field
 * `batch` is decoded once. A raw `&` ends the field, a raw `+` becomes a space, and a `%` that is not
 * followed by valid percent-encoded UTF-8 makes the whole body undecodable.
 */

/** Outcome of reading field `batch` from a body. */
export type BatchFieldResult =
  | { readonly kind: 'ok'; readonly text: string }
  | { readonly kind: 'malformed' }
  | { readonly kind: 'missing' };

/** Returns `s` form-decoded (`+` → space, `%XX` UTF-8), or undefined when the percent-encoding is malformed. */
export function formDecode(s: string): string | undefined {
  const spaced = s.includes('+') ? s.replaceAll('+', ' ') : s;
  if (!spaced.includes('%')) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return undefined;
  }
}

/** Returns the decoded value of the first `batch` field of a form body. Never throws. */
export function readBatchField(body: string): BatchFieldResult {
  let start = 0;
  while (start <= body.length) {
    let end = body.indexOf('&', start);
    if (end < 0) end = body.length;
    const eq = body.indexOf('=', start);
    const nameEnd = eq >= 0 && eq < end ? eq : end;
    const name = formDecode(body.slice(start, nameEnd));
    if (name === undefined) return { kind: 'malformed' };
    if (name === 'batch') {
      const value = nameEnd === end ? '' : formDecode(body.slice(nameEnd + 1, end));
      return value === undefined ? { kind: 'malformed' } : { kind: 'ok', text: value };
    }
    start = end + 1;
  }
  return { kind: 'missing' };
}
