import type { IdKind } from '../domain/id-kind.js';
import { encodeCell } from './url-encode.js';

/** Returns the first bytes of every batch body: `batch=` then the key header and the URL-encoded parameter names. */
export function batchPrefix(idKind: IdKind, paramNames: readonly string[]): string {
  return 'batch=' + [idKind, ...paramNames.map((n) => encodeCell(n) ?? encodeURIComponent(n.replace(/[\uD800-\uDFFF]/g, '\uFFFD')))].join(',');
}
