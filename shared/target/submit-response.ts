import { batchIdFromStatusUrl } from './batch-id.js';
import { TARGET_MESSAGES } from './messages.js';
import { buildResponseXml, parseResponseElement, textOf } from './xml-util.js';

/** What an E1/E2 (batchUpdate) response body says. */
export type SubmitResponse =
  /** `success=true` with an absolute status URL; `batchId` is read from that URL's query. */
  | { readonly kind: 'accepted'; readonly batchStatusUrl: string; readonly batchId: string | undefined; readonly message: string }
  /** `success=false`: no batch was created (e.g. `Unexpected error`, `Batch is empty`). */
  | { readonly kind: 'rejected'; readonly message: string }
  /** Not the documented XML (an HTML error page, an empty body, `success=true` without a status URL…). */
  | { readonly kind: 'unreadable'; readonly detail: string };

/** Returns the documented 3-element success body (§3.1). */
export function buildSubmitAcceptedXml(batchStatusUrl: string, message: string = TARGET_MESSAGES.batchSubmitted): string {
  return buildResponseXml([
    ['success', 'true'],
    ['batchStatus', batchStatusUrl],
    ['message', message],
  ]);
}

/** Returns a `success=false` body with `message` (§3.2); also used for other `success=false` answers. */
export function buildFailureXml(message: string): string {
  return buildResponseXml([
    ['success', 'false'],
    ['message', message],
  ]);
}

/** Parses an E1/E2 response body; never throws. Only `<success>true</success>` plus a batchStatus URL counts as accepted. */
export function parseSubmitResponse(xml: string): SubmitResponse {
  const el = parseResponseElement(xml);
  if (el === undefined) return { kind: 'unreadable', detail: 'The response is not an XML <response> document.' };
  const success = textOf(el, 'success')?.toLowerCase();
  const message = textOf(el, 'message') ?? '';
  if (success === 'true') {
    const url = textOf(el, 'batchStatus');
    if (url === undefined || url === '') return { kind: 'unreadable', detail: 'success=true but no <batchStatus> URL.' };
    return { kind: 'accepted', batchStatusUrl: url, batchId: batchIdFromStatusUrl(url), message };
  }
  if (success === 'false') return { kind: 'rejected', message };
  return { kind: 'unreadable', detail: 'The response has no <success>true|false</success>.' };
}
