/**
 * Batch ids look like `<clientcode>-<13-digit epoch millis>-<number>` in Adobe's examples (§3.1), but
 * clients must treat them as opaque strings: the only source of truth is the `batchId` query parameter
 * of the status URL returned on submit.
 */

/** Loose shape of a documented batch id; used only for checks and tests, never to reject a server's id. */
export const BATCH_ID_SHAPE = /^(.+)-(\d{13})-(\d+)$/;

/** Returns `<client>-<epochMillis>-<8 digits>`, the shape the sandbox issues; `serial` is reduced modulo 10^8. */
export function formatBatchId(client: string, epochMillis: number, serial: number): string {
  const digits = String(Math.abs(Math.trunc(serial)) % 100_000_000).padStart(8, '0');
  return `${client}-${String(Math.trunc(epochMillis)).padStart(13, '0')}-${digits}`;
}

/** Returns the `batchId` query parameter of an absolute batchStatus URL, or undefined when it has none or the URL is invalid. */
export function batchIdFromStatusUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  const id = parsed.searchParams.get('batchId');
  return id === null || id === '' ? undefined : id;
}
