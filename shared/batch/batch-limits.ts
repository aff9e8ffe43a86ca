/** Target's limits for one batch (spec §4): at most 500,000 rows, and under 50 MB. */
export const MAX_BATCH_ROWS = 500_000;
/** Bytes a batch body must stay below; counted in decimal megabytes to keep a margin under 50 MiB. */
export const MAX_BATCH_BYTES = 50_000_000;

export interface BatchLimits {
  readonly maxRows: number;
  readonly maxBytes: number;
}

/** Returns the limits to plan with: a lower row count or byte size on request, never above Target's. */
export function batchLimits(requestedRows?: number, requestedBytes?: number): BatchLimits {
  const rows = requestedRows !== undefined && requestedRows >= 1 ? Math.min(Math.floor(requestedRows), MAX_BATCH_ROWS) : MAX_BATCH_ROWS;
  const bytes = requestedBytes !== undefined && requestedBytes >= 1024 ? Math.min(Math.floor(requestedBytes), MAX_BATCH_BYTES) : MAX_BATCH_BYTES;
  return { maxRows: rows, maxBytes: bytes };
}
