/**
 * The result CSV's machine columns, after the file's own: stable names and codes for scripts (the names
 * issue "a result file to work with" and the verification spell out). A file with a header of the same
 * name keeps its own column as it is; that machine column is then written as `pl_<name>` (Profile Loader).
 */
export const RESULT_MACHINE_HEADER = ['row', 'key', 'outcome', 'batch', 'batch_id', 'verified', 'verify_detail'] as const;

/** The machine column names for a result CSV whose other headers are `taken`: each plain name, or `pl_<name>` where a header has it. */
export function machineHeader(taken: readonly string[]): string[] {
  const used = new Set(taken);
  return RESULT_MACHINE_HEADER.map((name) => (used.has(name) ? `pl_${name}` : name));
}

/**
 * The columns a result CSV added to the user's own (its first two, plain outcome and reason, and the
 * machine columns at its end) when `headers` are a result CSV's loaded again; [] for any other file.
 */
export function resultCsvColumns(headers: readonly string[]): readonly string[] {
  const n = RESULT_MACHINE_HEADER.length;
  if (headers.length < n + 2) return [];
  const tail = headers.slice(-n);
  if (!RESULT_MACHINE_HEADER.every((h, i) => tail[i] === h || tail[i] === `pl_${h}`)) return [];
  return [headers[0] as string, headers[1] as string, ...tail];
}
