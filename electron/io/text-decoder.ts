// A streaming decoder for every supported encoding. A multi-byte character split between two chunks
// is held back until its last byte arrives (TextDecoder `stream: true`; iconv-lite's decoder state).
import { StringDecoder } from 'node:string_decoder';
import iconv from 'iconv-lite';
import type { EncodingName } from './table-types.js';

export interface ChunkDecoder {
  /** Decodes the next bytes; bytes of an unfinished character are kept for the next call. */
  write(bytes: Uint8Array): string;
  /** Flushes what is left (an unfinished character becomes U+FFFD). */
  end(): string;
}

/** Returns a streaming decoder for `encoding`; a leading BOM of that encoding is dropped. */
export function createTextDecoder(encoding: EncodingName): ChunkDecoder {
  if (encoding === 'cp949') {
    // Node's TextDecoder('euc-kr') lacks CP949's extended Hangul (e.g. U+B620, U+BDC1); iconv-lite has them.
    const d = iconv.getDecoder('cp949');
    return {
      write: (bytes) => d.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)),
      end: () => d.end() ?? '',
    };
  }
  if (encoding === 'utf-16le') {
    // Node's StringDecoder is faster than TextDecoder for UTF-16LE; it keeps the BOM, so drop it here.
    // (For UTF-8 it is the other way round: TextDecoder's streaming decode takes about half the time.)
    const d = new StringDecoder('utf16le');
    let first = true;
    const dropBom = (text: string): string => {
      if (!first || text === '') return text;
      first = false;
      return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    };
    return {
      write: (bytes) => dropBom(d.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))),
      end: () => dropBom(d.end()),
    };
  }
  const d = new TextDecoder(encoding);
  return {
    write: (bytes) => d.decode(bytes, { stream: true }),
    end: () => d.decode(),
  };
}
