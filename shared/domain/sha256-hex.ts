import { sha256 } from '@noble/hashes/sha2.js';

// Pure JavaScript (no node:crypto), so the same hash runs in the prepare worker and in the window's preview.
const encoder = new TextEncoder();
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** The SHA-256 of the text's UTF-8 bytes as 64 lower-case hex characters. */
export function sha256Hex(text: string): string {
  const digest = sha256(encoder.encode(text));
  let out = '';
  for (let i = 0; i < digest.length; i++) out += HEX[digest[i]!]!;
  return out;
}
