import { describe, expect, it } from 'vitest';
import { isLoopbackHost, secureRequestUrl, upgradeToHttps } from './secure-url.js';

describe('secureRequestUrl', () => {
  it('fetches an http:// status URL as https:// on an https connection, host, path and query kept verbatim', () => {
    const status = 'http://mboxedge19.tt.omtrdc.net/m2/demo/v2/profile/batchStatus?batchId=demo-1845664501&m2Node=00&mboxPC=a%7Cb';
    expect(secureRequestUrl(status, 'https://demo.tt.omtrdc.net', true)).toEqual({
      kind: 'send',
      url: 'https://mboxedge19.tt.omtrdc.net/m2/demo/v2/profile/batchStatus?batchId=demo-1845664501&m2Node=00&mboxPC=a%7Cb',
    });
    // Without a token too: every call of an https connection goes over https.
    expect(secureRequestUrl('http://127.0.0.1:4010/x?a=1', 'https://127.0.0.1:4010', false)).toEqual({ kind: 'send', url: 'https://127.0.0.1:4010/x?a=1' });
    expect(upgradeToHttps('http://edge:80/s?b=1')).toBe('https://edge/s?b=1');
    expect(upgradeToHttps('http://edge:8080/s')).toBe('https://edge:8080/s');
  });

  it('lets a token travel over plain http only between a plain-http loopback connection and a loopback host', () => {
    expect(secureRequestUrl('http://127.0.0.1:4010/m2/a/profile/batchStatus?batchId=1', 'http://127.0.0.1:4010', true).kind).toBe('send');
    expect(secureRequestUrl('http://localhost:9/s', 'http://[::1]:4010', true).kind).toBe('send');
    const refused = secureRequestUrl('http://mboxedge31.tt.omtrdc.net/m2/a/profile/batchStatus?batchId=1', 'http://127.0.0.1:4010', true);
    expect(refused).toEqual({ kind: 'refuse', reason: { code: 'insecure-url', params: { variant: 'plain-http', host: 'mboxedge31.tt.omtrdc.net' } } });
    // The same URL without a token may go (there is nothing to protect).
    expect(secureRequestUrl('http://mboxedge31.tt.omtrdc.net/s', 'http://127.0.0.1:4010', false).kind).toBe('send');
  });

  it('refuses other schemes and junk', () => {
    expect(secureRequestUrl('ftp://edge/s', 'https://a', true)).toEqual({ kind: 'refuse', reason: { code: 'insecure-url', params: { variant: 'scheme', scheme: 'ftp:', host: 'edge' } } });
    expect(secureRequestUrl('not a url', 'https://a', true)).toEqual({ kind: 'refuse', reason: { code: 'insecure-url', params: { variant: 'not-a-url', url: 'not a url' } } });
  });

  it('knows loopback names', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', 'app.localhost', '[::1]', '::1']) expect(isLoopbackHost(h)).toBe(true);
    for (const h of ['128.0.0.1', 'localhost.example.com', 'mboxedge31.tt.omtrdc.net', '0.0.0.0']) expect(isLoopbackHost(h)).toBe(false);
  });
});
