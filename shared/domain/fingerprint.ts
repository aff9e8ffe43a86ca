/** Returns a stable fingerprint of a header set: order-insensitive, ignoring case and surrounding spaces. */
export function headerFingerprint(headers: readonly string[]): string {
  const normal = headers.map((h) => h.normalize('NFKC').trim().toLowerCase()).sort();
  return `h1-${fnv1a64(normal.join('\u0001'))}`;
}

/** Returns the FNV-1a 64-bit hash of a string's UTF-16 code units as 16 hex digits. */
export function fnv1a64(text: string): string {
  // Two 32-bit halves keep this in plain numbers (no BigInt in the hot path).
  let h1 = 0x84222325;
  let h2 = 0xcbf29ce4;
  for (let i = 0; i < text.length; i++) {
    h1 ^= text.charCodeAt(i);
    // multiply the 64-bit value by the FNV prime 0x100000001b3
    const lo = h1 * 0x1b3;
    const hi = h2 * 0x1b3 + (h1 << 8) + Math.floor(lo / 0x100000000);
    h1 = lo >>> 0;
    h2 = hi >>> 0;
  }
  return h2.toString(16).padStart(8, '0') + h1.toString(16).padStart(8, '0');
}
