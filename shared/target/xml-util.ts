import { XMLParser } from 'fast-xml-parser';

/** Returns `text` with the five XML special characters escaped. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${({ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' } as const)[c as '&']};`);
}

/** Returns a `<response>` document with one child element per entry, in order (nested entries as given, already XML). */
export function buildResponseXml(children: readonly (readonly [string, string | number | boolean] | { readonly raw: string })[]): string {
  const lines = children.map((c) => ('raw' in c ? c.raw : `    <${c[0]}>${escapeXml(String(c[1]))}</${c[0]}>`));
  return `<response>\n${lines.join('\n')}\n</response>\n`;
}

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (_name: string, jpath: unknown) => jpath === 'response.profile',
});

/** A parsed `<response>` element: child names to text, or (for `profile`) to arrays of objects. */
export type ResponseElement = Readonly<Record<string, unknown>>;

/** Returns the `<response>` element of `xml`, or undefined when the text is not XML with that root. Never throws. */
export function parseResponseElement(xml: string): ResponseElement | undefined {
  let doc: unknown;
  try {
    doc = parser.parse(xml);
  } catch {
    return undefined;
  }
  if (typeof doc !== 'object' || doc === null) return undefined;
  const root = (doc as Record<string, unknown>)['response'];
  if (root === '') return {};
  if (typeof root !== 'object' || root === null || Array.isArray(root)) return undefined;
  return root as ResponseElement;
}

/** Returns the element's text when it is a plain string, else undefined. */
export function textOf(el: ResponseElement, name: string): string | undefined {
  const v = el[name];
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** Returns the element's text as a non-negative integer, or undefined when absent or not a whole number. */
export function countOf(el: ResponseElement, name: string): number | undefined {
  const t = textOf(el, name);
  if (t === undefined || !/^\d+$/.test(t)) return undefined;
  return Number(t);
}
