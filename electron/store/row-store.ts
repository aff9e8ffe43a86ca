import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';

const BLOCK = 256;

/**
 * A spill-to-disk store of a file's rows so the Node side can serve any page without holding the file
 * in memory: rows are appended as JSON lines, and the byte offset of every 256th row is kept (about
 * 4,000 numbers per million rows). Single writer; reads may interleave with appends.
 */
export class RowStore {
  private readonly blockOffsets: number[] = [0];
  private bytes = 0;
  private count = 0;
  private pendingWrite: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly handle: FileHandle,
    readonly path: string,
  ) {}

  /** Creates (truncating) the store file at `path`. */
  static async create(path: string): Promise<RowStore> {
    return new RowStore(await open(path, 'w+'), path);
  }

  /** Rows appended so far. */
  get rowCount(): number {
    return this.count;
  }

  /** Appends rows in order; resolves once they are written. Appends are serialised. */
  append(rows: readonly (readonly string[])[]): Promise<void> {
    const parts: string[] = [];
    let size = 0;
    for (const row of rows) {
      const line = `${JSON.stringify(row)}\n`;
      parts.push(line);
      this.count += 1;
      size += Buffer.byteLength(line);
      if (this.count % BLOCK === 0) this.blockOffsets.push(this.bytes + size);
    }
    const buffer = Buffer.from(parts.join(''));
    const at = this.bytes;
    this.bytes += buffer.length;
    const write = this.pendingWrite.then(() => this.handle.write(buffer, 0, buffer.length, at));
    this.pendingWrite = write.catch(() => undefined);
    return write.then(() => undefined);
  }

  /** Reads rows `first`..`first+count-1` (1-based); returns fewer when the store holds fewer. */
  async read(first: number, count: number): Promise<string[][]> {
    await this.pendingWrite;
    const last = Math.min(this.count, first + count - 1);
    if (first > last) return [];
    const startBlock = Math.floor((first - 1) / BLOCK);
    const endBlock = Math.floor((last - 1) / BLOCK) + 1;
    const from = this.blockOffsets[startBlock] ?? 0;
    const to = this.blockOffsets[endBlock] ?? this.bytes;
    const buffer = Buffer.alloc(to - from);
    await this.handle.read(buffer, 0, buffer.length, from);
    const lines = buffer.toString('utf8').split('\n');
    const skip = first - 1 - startBlock * BLOCK;
    return lines.slice(skip, skip + (last - first + 1)).map((line) => JSON.parse(line) as string[]);
  }

  /** Closes the file; the caller deletes it. */
  async close(): Promise<void> {
    await this.pendingWrite;
    await this.handle.close();
  }
}
