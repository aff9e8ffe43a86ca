/**
 * Characters `encodeURIComponent` leaves as they are. A string made only of these is already its own
 * encoding, so one compiled regex spares the encoder for most names.
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
