/** The message key (under `settings.`) of what is wrong with each field, or `server:` + a message from the Node side. */
export interface FieldProblems {
  name?: string | undefined;
  clientCode?: string | undefined;
  baseUrl?: string | undefined;
  token?: string | undefined;
  production?: string | undefined;
}

/** What the connection form holds when it is checked. */
export interface ProfileFields {
  readonly name: string;
  readonly clientCode: string;
  readonly baseUrl: string;
  readonly token: string;
  readonly production: 'yes' | 'no' | '';
  readonly isNew: boolean;
}

/** Adds `https://` to an address typed without a scheme (`acme.tt.omtrdc.net` → `https://acme.tt.omtrdc.net`); anything else is returned trimmed. */
export function withScheme(address: string): string {
  const a = address.trim();
  if (a === '' || /^[a-z][a-z0-9+.-]*:\/\//i.test(a)) return a;
  return `https://${a}`;
}

/**
 * Checks every field of the connection form the way the Node side will, so each problem shows under
 * its own field before anything is sent. Returns only the fields with a problem (empty: all good).
 */
export function checkProfileFields(f: ProfileFields): FieldProblems {
  const out: FieldProblems = {};
  if (f.name.trim() === '') out.name = 'fieldName';
  if (f.clientCode.trim() === '') out.clientCode = 'fieldClientCode';
  else if (!/^[A-Za-z0-9._-]+$/.test(f.clientCode.trim())) out.clientCode = 'fieldClientCodeChars';
  const url = withScheme(f.baseUrl);
  if (url === '') out.baseUrl = 'fieldBaseUrl';
  else {
    try {
      const parsed = new URL(url);
      if ((parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || parsed.hostname === '') out.baseUrl = 'fieldBaseUrlBad';
    } catch {
      out.baseUrl = 'fieldBaseUrlBad';
    }
  }
  if (f.token !== '' && !/^[\x21-\x7e]+$/.test(f.token)) out.token = 'fieldToken';
  if (f.isNew && f.production === '') out.production = 'productionChoose';
  return out;
}
