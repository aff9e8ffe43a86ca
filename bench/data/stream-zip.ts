/**
 * A minimal streaming zip writer for benchmark data: each part is deflated as it is written (local
 * header with a data descriptor, so sizes and CRC need not be known up front), the central directory at
 * the end. No ZIP64: every part and the whole file must stay under 4 GB. Memory stays at one block.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { createDeflateRaw, crc32 } from 'node:zlib';

interface Written {
  readonly name: Buffer;
  readonly offset: number;
  readonly crc: number;
  readonly size: number;
  readonly packed: number;
}

/** Writes a zip file part by part; call `part` for each part in turn, then `close`. */
export class StreamZip {
  private readonly out: WriteStream;
  private offset = 0;
  private readonly parts: Written[] = [];

  constructor(path: string) {
    this.out = createWriteStream(path, { highWaterMark: 1024 * 1024 });
  }

  private async raw(b: Buffer): Promise<void> {
    this.offset += b.length;
    if (!this.out.write(b)) await once(this.out, 'drain');
  }

  /** Writes one deflated part whose text comes from `blocks` (strings, UTF-8). Resolves when it is written. */
  async part(name: string, blocks: Iterable<string>): Promise<void> {
    const nameBytes = Buffer.from(name);
    const offset = this.offset;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0008, 6); // sizes and CRC follow the data
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(nameBytes.length, 26);
    await this.raw(Buffer.concat([local, nameBytes]));
    const deflate = createDeflateRaw({ level: 6 });
    let packed = 0;
    deflate.on('data', (chunk: Buffer) => {
      packed += chunk.length;
      this.offset += chunk.length;
      if (!this.out.write(chunk)) {
        deflate.pause();
        this.out.once('drain', () => deflate.resume());
      }
    });
    const ended = once(deflate, 'end');
    let crc = 0;
    let size = 0;
    for (const block of blocks) {
      const bytes = Buffer.from(block);
      crc = crc32(bytes, crc);
      size += bytes.length;
      if (!deflate.write(bytes)) await once(deflate, 'drain');
    }
    deflate.end();
    await ended;
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc >>> 0, 4);
    descriptor.writeUInt32LE(packed, 8);
    descriptor.writeUInt32LE(size, 12);
    await this.raw(descriptor);
    this.parts.push({ name: nameBytes, offset, crc: crc >>> 0, size, packed });
  }

  /** Writes the central directory and closes the file; resolves with the file's size in bytes. */
  async close(): Promise<number> {
    const start = this.offset;
    for (const p of this.parts) {
      const central = Buffer.alloc(46);
      central.writeUInt32LE(0x02014b50, 0);
      central.writeUInt16LE(20, 4);
      central.writeUInt16LE(20, 6);
      central.writeUInt16LE(0x0008, 8);
      central.writeUInt16LE(8, 10);
      central.writeUInt32LE(p.crc, 16);
      central.writeUInt32LE(p.packed, 20);
      central.writeUInt32LE(p.size, 24);
      central.writeUInt16LE(p.name.length, 28);
      central.writeUInt32LE(p.offset, 42);
      await this.raw(Buffer.concat([central, p.name]));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.parts.length, 8);
    end.writeUInt16LE(this.parts.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    await this.raw(end);
    this.out.end();
    await once(this.out, 'finish');
    return this.offset;
  }
}
