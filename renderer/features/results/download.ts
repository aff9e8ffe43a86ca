import type { ClientApi } from '../../api/index.js';
import type { ResultCsvWords, ResultWords } from '../../../shared/contract/result-words.js';
import { languages } from '../../i18n/languages.js';

/** What a download attempt gave: the file handed to the browser, or only its path when too large to carry. */
export type DownloadOutcome = { readonly kind: 'downloaded'; readonly name: string; readonly rows: number } | { readonly kind: 'path-only'; readonly path: string };

/**
 * The words the result CSV is written in for UI language `language` (English for one the UI does not
 * speak): its `results.csv` table, its locale and its issue words, so the file says what the screen says.
 */
export function resultWordsFor(language: string): ResultWords {
  const entry = languages.find((l) => l.code === language) ?? languages[0];
  const csv: ResultCsvWords = entry.messages.results.csv;
  return { locale: entry.locale, csv, issueCodes: entry.messages.issues.codes, issueAtColumn: entry.messages.issues.at.column };
}

/**
 * Asks the Node side for a job's result CSV in UI language `language` and hands it to the browser as a
 * download (a link to a Blob, which works in Electron and in browser mode). The file starts with a
 * byte-order mark (written by the Node side) so Excel reads Korean text correctly. Throws the AppError
 * of `results.download`.
 */
export async function downloadResults(api: ClientApi, jobId: string, language: string): Promise<DownloadOutcome> {
  const file = await api.call['results.download']({ jobId, words: resultWordsFor(language) });
  if (file.text === null) return { kind: 'path-only', path: file.path };
  const url = URL.createObjectURL(new Blob([file.text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { kind: 'downloaded', name: file.name, rows: file.rows };
}
