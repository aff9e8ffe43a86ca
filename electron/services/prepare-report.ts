import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Issue } from '../../shared/validation/issue.js';
import { describeIssue } from '../messages/issue-words.js';

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** Returns one CSV cell safe to open in a spreadsheet: formula starters get a leading `'`, then RFC 4180 quoting. */
export function reportCell(text: string): string {
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * Writes `rejected-rows.csv` (UTF-8 with BOM so Excel shows Korean correctly): one line per rejected row
 * with its row number, issue codes, English reasons, then the row's original cells.
 */
export class RejectedReportWriter {
  private buffer: string[] = [];
  private size = 0;
  private count = 0;

  private constructor(private readonly stream: WriteStream) {}

  /** Creates the report with its header line. */
  static create(path: string, headers: readonly string[]): RejectedReportWriter {
    const w = new RejectedReportWriter(createWriteStream(path));
    w.buffer.push('\uFEFF' + ['row', 'codes', 'reasons', ...headers].map(reportCell).join(',') + '\r\n');
    return w;
  }

  /** Adds a rejected row with the issues that rejected it. */
  add(row: number, issues: readonly Issue[], cells: readonly string[]): void {
    const codes = [...new Set(issues.map((i) => i.code))].join(' ');
    const reasons = issues.map(describeIssue).join(' | ');
    const line = [String(row), codes, reasons, ...cells].map(reportCell).join(',') + '\r\n';
    this.buffer.push(line);
    this.size += line.length;
    this.count++;
  }

  /** Rows written so far. */
  get rows(): number {
    return this.count;
  }

  /** Writes what is buffered once it is large (or always, with `force`). */
  async drain(force = false): Promise<void> {
    if (!force && this.size < 1 << 19) return;
    const text = this.buffer.join('');
    this.buffer = [];
    this.size = 0;
    if (text !== '' && !this.stream.write(text, 'utf8')) await once(this.stream, 'drain');
  }

  /** Flushes and closes the file. */
  async close(): Promise<void> {
    await this.drain(true);
    this.stream.end();
    await once(this.stream, 'finish');
  }
}
