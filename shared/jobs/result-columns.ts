/**
 * The result CSV's machine columns, after the file's own: stable names and codes for scripts, prefixed
 * `pl_` (Profile Loader) so they never clash with a spreadsheet's headers.
 */
export const RESULT_MACHINE_HEADER = ['pl_row', 'pl_key', 'pl_outcome', 'pl_batch', 'pl_batch_id', 'pl_verified', 'pl_verify_detail'] as const;

/**
 * The columns a result CSV added to the user's own (its first two, plain outcome and reason, and the
 * machine columns at its end) when `headers` are a result CSV's loaded again; [] for any other file.
 */
export function resultCsvColumns(headers: readonly string[]): readonly string[] {
  const n = RESULT_MACHINE_HEADER.length;
  if (headers.length < n + 2) return [];
  const tail = headers.slice(-n);
  if (!RESULT_MACHINE_HEADER.every((h, i) => tail[i] === h)) return [];
  return [headers[0] as string, headers[1] as string, ...tail];
}
