/**
 * Characters `encodeURIComponent` leaves as they are. A cell made only of these is already its own
 * encoding, so the hot path tests it with one compiled regex and skips the encoder (most ids, numbers,
 * codes and ASCII words).
 */
const ALREADY_ENCODED = /^[A-Za-z0-9\-_.!~*'()]*$/;

/** Returns the UTF-8 URL-encoding of a cell (encodeURIComponent semantics), or null for a lone surrogate. */
export function encodeCell(value: string): string | null {
  if (ALREADY_ENCODED.test(value)) return value;
  try {
    return encodeURIComponent(value);
  } catch {
    return null;
  }
}

/** Returns true when the value needs no encoding at all. */
export function isAlreadyEncoded(value: string): boolean {
  return ALREADY_ENCODED.test(value);
}
