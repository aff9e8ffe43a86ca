import { safeCsvLine } from '../../../shared/jobs/csv-cell.js';
import type { Issue } from '../../../shared/validation/issue.js';
import { describeIssue } from '../../messages/issue-words.js';
import { createAtomicFile, type AtomicFile } from '../../store/atomic-file.js';

/**
 * Writes `rejected-rows.csv` (UTF-8 with BOM so Excel shows Korean correctly): one line per rejected row
 * with its row number, issue codes, English reasons, then the row's original cells, every cell
 * formula-safe. The file appears only when closed; a failed write throws WriteFailedError.
 */
export class RejectedReportWriter {
  private buffer: string[] = [];
  private size = 0;
  private count = 0;

  private constructor(private readonly file: AtomicFile) {}

  /** Creates the report with its header line; throws WriteFailedError. */
  static async create(path: string, headers: readonly string[]): Promise<RejectedReportWriter> {
    const w = new RejectedReportWriter(await createAtomicFile(path));
    w.buffer.push('\uFEFF' + safeCsvLine(['row', 'codes', 'reasons', ...headers]) + '\r\n');
    return w;
  }

  /** Adds a rejected row with the issues that rejected it. */
  add(row: number, issues: readonly Issue[], cells: readonly string[]): void {
    const codes = [...new Set(issues.map((i) => i.code))].join(' ');
    const reasons = issues.map(describeIssue).join(' | ');
    const line = safeCsvLine([String(row), codes, reasons, ...cells]) + '\r\n';
    this.buffer.push(line);
    this.size += line.length;
    this.count++;
  }

  /** Rows written so far. */
  get rows(): number {
    return this.count;
  }

  /** Writes what is buffered once it is large (or always, with `force`); throws WriteFailedError. */
  async drain(force = false): Promise<void> {
    if (!force && this.size < 1 << 19) return;
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
