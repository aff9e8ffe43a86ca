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
  // Lines are encoded straight into bytes: a million rows built as strings cost several seconds of
  // garbage collection in the prepare worker (measured with `npm run bench -- prepare`).
  private bytes = Buffer.allocUnsafe(1 << 21);
  private pos = 0;

  private constructor(
    private readonly file: AtomicFile,
    /** Column indexes whose cells are never copied (kept empty): data that may not be stored at all. */
    private readonly withheld: ReadonlySet<number>,
  ) {}

  /**
   * Creates the file with its header line; the cells of the `withheld` column indexes are left empty in
   * every row (a resident registration number is not kept by the app, not even in this internal copy).
   * Throws WriteFailedError.
   */
  static async create(path: string, headers: readonly string[], withheld: ReadonlySet<number> = new Set()): Promise<SourceRowsWriter> {
    const w = new SourceRowsWriter(await createAtomicFile(path), withheld);
    w.putText(['row', 'why', ...headers].map(plainCell).join(',') + '\n');
    return w;
  }

  private ensure(more: number): void {
    if (this.pos + more <= this.bytes.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.pos + more));
    this.bytes.copy(bigger, 0, 0, this.pos);
    this.bytes = bigger;
  }

  private putText(s: string): void {
    this.ensure(s.length * 3);
    this.pos += this.bytes.write(s, this.pos, 'utf8');
  }

  private putCell(s: string): void {
    if (NEEDS_QUOTES.test(s)) this.putText(plainCell(s));
    else if (s.length > 0) {
      this.ensure(s.length * 3);
      this.pos += this.bytes.write(s, this.pos, 'utf8');
    }
  }

  /** Adds input row `row` with its `why` cell (see blockingWhy) and its cells `flat[offset … offset + count)`. */
  add(row: number, why: string, flat: readonly string[], offset: number, count: number): void {
    this.putText(String(row));
    this.ensure(1);
    this.bytes[this.pos++] = 44; // ,
    this.putCell(why);
    for (let k = offset; k < offset + count; k++) {
      this.ensure(1);
      this.bytes[this.pos++] = 44;
      if (!this.withheld.has(k - offset)) this.putCell(flat[k] ?? '');
    }
    this.ensure(1);
    this.bytes[this.pos++] = 10; // \n
  }

  /** Writes what is buffered once it is large (or always, with `force`); throws WriteFailedError. */
  async drain(force = false): Promise<void> {
    if (!force && this.pos < 1 << 20) return;
    if (this.pos === 0) return;
    await this.file.write(this.bytes.subarray(0, this.pos));
    this.pos = 0;
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
