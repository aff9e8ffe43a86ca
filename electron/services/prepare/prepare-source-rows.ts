import type { Issue } from '../../../shared/validation/issue.js';
import { createAtomicFile, type AtomicFile } from '../../store/atomic-file.js';

/** The prepared folder's copy of every input row as read, for the result CSV (`source-rows.csv`). */
export const SOURCE_ROWS_FILE = 'source-rows.csv';

const NEEDS_QUOTES = /[",\r\n]/;

/** One plain CSV cell: quoted when it holds a comma, quote or line break; never altered otherwise (an internal file, not a report). */
function plainCell(s: string): string {
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The blocking issues of a row as the `why` cell keeps them: code, column and params, as JSON ('' for none). */
export function blockingWhy(issues: readonly Issue[]): string {
  const blocking = issues.filter((i) => i.severity === 'blocking').map((i) => ({ code: i.code, column: i.column, params: i.params }));
  return blocking.length === 0 ? '' : JSON.stringify(blocking);
}

/**
 * Writes `source-rows.csv`: a header (`row`, `why`, then the file's headers) and one line per input row
 * in row order — its row number, the blocking issues that held it back (JSON, empty when none) and its
 * cells exactly as read, before edits and transforms — so the result CSV can hand every row back as it
 * was. Internal: plain CSV quoting, no formula guard (the result CSV adds it). The file appears only
 * when closed; a failed write throws WriteFailedError.
 */
export class SourceRowsWriter {
  private buffer: string[] = [];
  private size = 0;

  private constructor(private readonly file: AtomicFile) {}

  /** Creates the file with its header line; throws WriteFailedError. */
  static async create(path: string, headers: readonly string[]): Promise<SourceRowsWriter> {
    const w = new SourceRowsWriter(await createAtomicFile(path));
    w.buffer.push(['row', 'why', ...headers].map(plainCell).join(',') + '\n');
    return w;
  }

  /** Adds input row `row` with its `why` cell (see blockingWhy) and its cells `flat[offset … offset + count)`. */
  add(row: number, why: string, flat: readonly string[], offset: number, count: number): void {
    let line = `${row},${plainCell(why)}`;
    for (let k = offset; k < offset + count; k++) line += `,${plainCell(flat[k] ?? '')}`;
    line += '\n';
    this.buffer.push(line);
    this.size += line.length;
  }

  /** Writes what is buffered once it is large (or always, with `force`); throws WriteFailedError. */
  async drain(force = false): Promise<void> {
    if (!force && this.size < 1 << 20) return;
    const text = this.buffer.join('');
    this.buffer = [];
    this.size = 0;
    if (text !== '') await this.file.write(text);
  }

  /** Flushes and puts the file in place; throws WriteFailedError (the temp file is removed). */
  async close(): Promise<void> {
    await this.drain(true);
    await this.file.commit();
  }

  /** Drops the file being written; never throws. */
  async abort(): Promise<void> {
    await this.file.abort();
  }
}
