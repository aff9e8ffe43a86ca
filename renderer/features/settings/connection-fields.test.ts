import { describe, expect, it } from 'vitest';
import { daysUntil, tokenExpiryWarning } from '../../../shared/contract/token-expiry.js';
import { checkConnectionFields, tokenExpiresSoon, withScheme } from './connection-fields.js';

const ok = { name: 'Acme', clientCode: 'acme', baseUrl: 'https://acme.tt.omtrdc.net', token: '', production: 'no' as const, isNew: true };
const oauth = {
  ...ok,
  signIn: 'adobe-oauth' as const,
  clientId: 'cid',
  clientSecret: 's3cret',
  orgId: 'ORG@AdobeOrg',
  tenantId: 'acmetenant',
  scopes: 'openid,AdobeID,target_sdk',
  imsUrl: 'https://ims-na1.adobelogin.com',
  adminApiUrl: 'https://mc.adobe.io',
};

describe('connection form fields', () => {
  it('adds https:// to a bare host name and leaves full addresses alone', () => {
    expect(withScheme(' acme.tt.omtrdc.net ')).toBe('https://acme.tt.omtrdc.net');
    expect(withScheme('http://127.0.0.1:4010')).toBe('http://127.0.0.1:4010');
    expect(withScheme('')).toBe('');
  });

  it('names the problem of each field, and nothing for a good form', () => {
    expect(checkConnectionFields(ok)).toEqual({});
    expect(checkConnectionFields({ ...ok, name: ' ', clientCode: '', baseUrl: '', production: '' })).toEqual({
      name: 'fieldName',
      clientCode: 'fieldClientCode',
      baseUrl: 'fieldBaseUrl',
      production: 'productionChoose',
    });
    expect(checkConnectionFields({ ...ok, clientCode: 'ac me', baseUrl: 'https://', token: 'two words', tokenExpiresAt: '30.09.2026' })).toEqual({
      clientCode: 'fieldClientCodeChars',
      baseUrl: 'fieldBaseUrlBad',
      token: 'fieldToken',
      tokenExpiresAt: 'fieldExpiry',
    });
    expect(checkConnectionFields({ ...ok, tokenExpiresAt: '2026-09-30' })).toEqual({});
    // An existing connection keeps its saved choice: no production answer is demanded again.
    expect(checkConnectionFields({ ...ok, production: '', isNew: false })).toEqual({});
  });

  it('checks the Adobe Developer Console fields: all required, the secret only until one is saved, https service addresses', () => {
    expect(checkConnectionFields(oauth)).toEqual({});
    expect(checkConnectionFields({ ...oauth, clientId: ' ', clientSecret: '', orgId: '', tenantId: '', scopes: '', imsUrl: '', adminApiUrl: 'http://mc.adobe.io' })).toEqual({
      clientId: 'fieldClientId',
      clientSecret: 'fieldClientSecret',
      orgId: 'fieldOrgId',
      tenantId: 'fieldTenantId',
      scopes: 'fieldScopes',
      imsUrl: 'fieldServiceUrl',
      adminApiUrl: 'fieldServiceUrlHttp',
    });
    expect(checkConnectionFields({ ...oauth, clientSecret: '', hasClientSecret: true, tenantId: 'acme tenant', imsUrl: 'http://127.0.0.1:4010' })).toEqual({ tenantId: 'fieldTenantIdChars' });
    // A pasted token's fields do not apply to Adobe sign-in.
    expect(checkConnectionFields({ ...oauth, token: 'two words', tokenExpiresAt: 'x' })).toEqual({});
  });

  it('counts whole days to an expiry', () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    expect(daysUntil('2026-03-25T12:00:00Z', now)).toBe(83);
    expect(daysUntil('2025-12-31T12:00:00Z', now)).toBe(-1);
    expect(daysUntil(null, now)).toBeUndefined();
  });

  it('warns from 14 days before a pasted token expires, never for a minted one or without a token', () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    const pasted = (at: string | null) => ({ name: 'Old', auth: { kind: 'token' as const }, hasToken: true, tokenExpiresAt: at });
    expect(tokenExpiresSoon(pasted('2026-01-15T12:00:00Z'), now)).toBe(true);
    expect(tokenExpiresSoon(pasted('2026-01-16T13:00:00Z'), now)).toBe(false);
    expect(tokenExpiresSoon(pasted('2025-12-01T00:00:00Z'), now)).toBe(true);
    expect(tokenExpiresSoon(pasted(null), now)).toBe(false);
    expect(tokenExpiresSoon({ ...pasted('2026-01-02T00:00:00Z'), hasToken: false }, now)).toBe(false);
    const minted = { name: 'Minted', auth: { kind: 'adobe-oauth' as const, clientId: 'c', orgId: 'o', tenantId: 't', scopes: 's', imsUrl: 'https://i', adminApiUrl: 'https://a' }, hasToken: true, tokenExpiresAt: '2026-01-02T00:00:00Z' };
    expect(tokenExpiresSoon(minted, now)).toBe(false);
    // The one rule says how soon, for the Upload step and the CLI.
    expect(tokenExpiryWarning(pasted('2026-01-06T00:00:00Z'), now)).toEqual({ code: 'token-expiring', params: { variant: 'soon', name: 'Old', days: 4, date: '2026-01-06' } });
    expect(tokenExpiryWarning(pasted('2026-01-01T20:00:00Z'), now)).toMatchObject({ params: { variant: 'today', days: 0 } });
    expect(tokenExpiryWarning(pasted('2025-12-29T00:00:00Z'), now)).toMatchObject({ params: { variant: 'expired', days: 4 } });
    expect(tokenExpiryWarning(minted, now)).toBeNull();
  });
});
