import { TARGET_MESSAGES } from './messages.js';
import { buildResponseXml } from './xml-util.js';

/** Returns the E4/E5 acknowledgement body (`success=true`, `Request successfully submitted`). */
export function buildSingleUpdateAckXml(): string {
  return buildResponseXml([
    ['success', 'true'],
    ['message', TARGET_MESSAGES.requestSubmitted],
  ]);
}
