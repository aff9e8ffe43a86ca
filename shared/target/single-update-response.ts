import { TARGET_MESSAGES } from './messages.js';
import { buildResponseXml, parseResponseElement, textOf } from './xml-util.js';

/** Returns the E4/E5 acknowledgement body (`success=true`, `Request successfully submitted`). */
export function buildSingleUpdateAckXml(): string {
  return buildResponseXml([
    ['success', 'true'],
    ['message', TARGET_MESSAGES.requestSubmitted],
  ]);
}

/** Parses an E4/E5 body: `{ success, message }`, or undefined when it is not the XML form. Never throws. */
export function parseSingleUpdateResponse(xml: string): { readonly success: boolean; readonly message: string } | undefined {
  const el = parseResponseElement(xml);
  const success = el === undefined ? undefined : textOf(el, 'success')?.toLowerCase();
  if (el === undefined || (success !== 'true' && success !== 'false')) return undefined;
  return { success: success === 'true', message: textOf(el, 'message') ?? '' };
}
