import type { PersonalDataColumn } from '../../../shared/privacy/personal-data-kind.js';
import type { CliIo } from '../cli-types.js';
import { personalKindWords } from '../../messages/issue-words.js';

/** Prints one line per column the personal-data guard found: its kind, how it was found, and whether it is sent. */
export function printPersonalData(io: CliIo, columns: readonly PersonalDataColumn[]): void {
  for (const c of columns) {
    const how = c.evidence === 'header' ? 'by its header' : 'by its values';
    const fate = c.sent ? 'SENT by your choice' : c.kind === 'rrn' ? 'never sent' : 'not sent (--allow-personal-data to send it)';
    io.stdout(`personal data: "${c.column}" holds ${personalKindWords[c.kind]} (found ${how}, ${c.rows} rows): ${fate}\n`);
  }
}
