import type { ClientApi } from '../../api/index.js';

/** What a download attempt gave: the file handed to the browser, or only its path when too large to carry. */
export type DownloadOutcome = { readonly kind: 'downloaded'; readonly name: string; readonly rows: number } | { readonly kind: 'path-only'; readonly path: string };

/**
 * Asks the Node side for a job's result CSV and hands it to the browser as a download (a link to a
 * Blob, which works in Electron and in browser mode). A byte-order mark is added so Excel reads
 * Korean text correctly. Throws the AppError of `results.download`.
 */
export async function downloadResults(api: ClientApi, jobId: string): Promise<DownloadOutcome> {
  const file = await api.call['results.download']({ jobId });
  if (file.text === null) return { kind: 'path-only', path: file.path };
  const url = URL.createObjectURL(new Blob(['\ufeff', file.text], { type: 'text/csv;charset=utf-8' }));
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
