import { describe, expect, it } from 'vitest';
import { checkProfileFields, withScheme } from './profile-fields.js';

const ok = { name: 'Acme', clientCode: 'acme', baseUrl: 'https://acme.tt.omtrdc.net', token: '', production: 'no' as const, isNew: true };

describe('connection form fields', () => {
  it('adds https:// to a bare host name and leaves full addresses alone', () => {
    expect(withScheme(' acme.tt.omtrdc.net ')).toBe('https://acme.tt.omtrdc.net');
    expect(withScheme('http://127.0.0.1:4010')).toBe('http://127.0.0.1:4010');
    expect(withScheme('')).toBe('');
  });

  it('names the problem of each field, and nothing for a good form', () => {
    expect(checkProfileFields(ok)).toEqual({});
    expect(checkProfileFields({ ...ok, name: ' ', clientCode: '', baseUrl: '', production: '' })).toEqual({
      name: 'fieldName',
      clientCode: 'fieldClientCode',
      baseUrl: 'fieldBaseUrl',
      production: 'productionChoose',
    });
    expect(checkProfileFields({ ...ok, clientCode: 'ac me', baseUrl: 'https://', token: 'two words' })).toEqual({
      clientCode: 'fieldClientCodeChars',
      baseUrl: 'fieldBaseUrlBad',
      token: 'fieldToken',
    });
    // An existing connection keeps its saved choice: no production answer is demanded again.
    expect(checkProfileFields({ ...ok, production: '', isNew: false })).toEqual({});
  });
});
