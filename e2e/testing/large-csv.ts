import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/**
 * Streams a CSV to `path`: the `header` line, then `rows` data lines made by `line(i)` (i from 1), each
 * ended with LF; resolves once it is on disk. Written in chunks, so millions of rows stay cheap.
 */
export async function writeLargeCsv(path: string, header: string, rows: number, line: (i: number) => string): Promise<void> {
  const out = createWriteStream(path);
  out.write(`${header}\n`);
  for (let start = 1; start <= rows; start += 1_000) {
    let chunk = '';
    for (let i = start; i < Math.min(start + 1_000, rows + 1); i++) chunk += `${line(i)}\n`;
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
