import { isBatchStatus, type BatchStatus } from './batch-status.js';
import { buildResponseXml, countOf, escapeXml, parseResponseElement, textOf, type ResponseElement } from './xml-util.js';

/** The four `showDetails=true` counters; consumedCount = successfulUpdates + profilesNotFound + failedUpdates. */
export interface BatchCounters {
  readonly consumedCount: number;
  readonly successfulUpdates: number;
  readonly profilesNotFound: number;
  readonly failedUpdates: number;
}

/** One v2 per-row entry (`<profile><id/><status/></profile>`); since 2020 only failures are listed. */
export interface BatchProfileRow {
  readonly id: string;
  readonly status: string;
}

/** What an E3 (batchStatus) response body says. */
export type BatchStatusResponse =
  | {
      readonly kind: 'status';
      readonly batchId: string;
      /** The status text as sent; `knownStatus` is set only for documented values. */
      readonly status: string;
      readonly knownStatus: BatchStatus | undefined;
      readonly batchSize: number | undefined;
      /** Present only when all four counters are present. */
      readonly counters: BatchCounters | undefined;
      readonly profiles: readonly BatchProfileRow[];
    }
  | { readonly kind: 'rejected'; readonly message: string }
  | { readonly kind: 'unreadable'; readonly detail: string };

/** Input of {@link buildBatchStatusXml}. */
export interface BatchStatusXmlInput {
  readonly batchId: string;
  readonly status: BatchStatus;
  readonly batchSize: number;
  readonly counters?: BatchCounters | undefined;
  /** The older detailed form (§12.3): the three outcome counters without `consumedCount`. */
  readonly omitConsumedCount?: boolean | undefined;
  readonly profiles?: readonly BatchProfileRow[] | undefined;
}

/** Returns the batchStatus body: 3 elements, the counters when given, then one `<profile>` per row given. */
export function buildBatchStatusXml(input: BatchStatusXmlInput): string {
  const children: (readonly [string, string | number] | { raw: string })[] = [
    ['batchId', input.batchId],
    ['status', input.status],
    ['batchSize', input.batchSize],
  ];
  if (input.counters) {
    const c = input.counters;
    if (!input.omitConsumedCount) children.push(['consumedCount', c.consumedCount]);
    children.push(['successfulUpdates', c.successfulUpdates], ['profilesNotFound', c.profilesNotFound], ['failedUpdates', c.failedUpdates]);
  }
  for (const p of input.profiles ?? []) {
    children.push({ raw: `    <profile>\n        <id>${escapeXml(p.id)}</id>\n        <status>${escapeXml(p.status)}</status>\n    </profile>` });
  }
  return buildResponseXml(children);
}

function readProfiles(el: ResponseElement): BatchProfileRow[] {
  const raw = el['profile'];
  if (!Array.isArray(raw)) return [];
  const rows: BatchProfileRow[] = [];
  for (const item of raw as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const p = item as ResponseElement;
    rows.push({ id: textOf(p, 'id') ?? '', status: textOf(p, 'status') ?? '' });
  }
  return rows;
}

/**
 * Parses an E3 response body (default, `showDetails=true`, v2 `<profile>` rows); never throws. A
 * detailed answer without `consumedCount` (§12.3) gets it derived from the three outcome counters.
 */
export function parseBatchStatusResponse(xml: string): BatchStatusResponse {
  const el = parseResponseElement(xml);
  if (el === undefined) return { kind: 'unreadable', detail: 'The response is not an XML <response> document.' };
  const status = textOf(el, 'status');
  const batchId = textOf(el, 'batchId');
  if (status === undefined || batchId === undefined) {
    if (textOf(el, 'success')?.toLowerCase() === 'false') return { kind: 'rejected', message: textOf(el, 'message') ?? '' };
    return { kind: 'unreadable', detail: 'The response has no <batchId> and <status>.' };
  }
  const successfulUpdates = countOf(el, 'successfulUpdates');
  const profilesNotFound = countOf(el, 'profilesNotFound');
  const failedUpdates = countOf(el, 'failedUpdates');
  const derived = successfulUpdates !== undefined && profilesNotFound !== undefined && failedUpdates !== undefined ? successfulUpdates + profilesNotFound + failedUpdates : undefined;
  const consumedCount = el['consumedCount'] === undefined ? derived : countOf(el, 'consumedCount');
  const counters =
    consumedCount !== undefined && successfulUpdates !== undefined && profilesNotFound !== undefined && failedUpdates !== undefined
      ? { consumedCount, successfulUpdates, profilesNotFound, failedUpdates }
      : undefined;
  return {
    kind: 'status',
    batchId,
    status,
    knownStatus: isBatchStatus(status) ? status : undefined,
    batchSize: countOf(el, 'batchSize'),
    counters,
    profiles: readProfiles(el),
  };
}
