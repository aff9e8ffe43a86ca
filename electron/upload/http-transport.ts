import { createReadStream } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { HttpOutcome } from '../../shared/jobs/http-decision.js';
import { isLoopbackHost } from '../../shared/target/secure-url.js';
import type { TlsTrust } from './tls-trust.js';

/** One request as the engine makes it. The token travels only in `bearer` and is never echoed anywhere. */
export interface TransportRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly bearer?: string | undefined;
  /** True when the body carries a secret (Adobe sign-in): it then travels under the same rule as a token. */
  readonly secretBody?: boolean | undefined;
  /** Extra headers (e.g. `X-Api-Key`); a `Content-Type` here replaces the form type. Never a credential's value other than `bearer`. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** Certificate authorities to trust for https (the connection's, with its CA file); Node's own when absent. */
  readonly trust?: TlsTrust | undefined;
  /** For POST: the file whose bytes are the body, sent as is, and its size. */
  readonly bodyFile?: { readonly path: string; readonly bytes: number } | undefined;
  readonly body?: string | undefined;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal | undefined;
  /** Called as body bytes are handed to the socket. */
  readonly onProgress?: ((bytesSent: number) => void) | undefined;
}

/** Sends HTTP requests; tests and the app use the same real implementation. */
export interface Transport {
  /** Resolves to the response or a network outcome; never rejects. Response bodies are capped at 8 MB. */
  send(request: TransportRequest): Promise<HttpOutcome>;
  /** Closes idle pooled connections so the process can exit. */
  close(): void;
}

const MAX_RESPONSE = 8 * 1024 * 1024;
/** Failures before a byte of the request could reach the server: refused or unknown hosts, and TLS handshakes that did not pass. */
const NEVER_ARRIVED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ERR_INVALID_URL',
  'ERR_INSECURE_CREDENTIAL',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
]);

/** The errno code of a socket error (put into words by the message tables), else its first line; never anything from the request. */
function describe(error: NodeJS.ErrnoException): string {
  return error.code ? `${error.code}` : error.message.split('\n')[0] ?? 'network error';
}

/**
 * The Node http/https transport. Status polls reuse keep-alive connections; each POST gets a fresh
 * connection so a stale pooled socket can never turn a batch into an unknown outcome. The body streams
 * from disk with Content-Type `application/x-www-form-urlencoded` and an exact Content-Length.
 */
export function createHttpTransport(): Transport {
  const plainAgent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  const tlsAgents = new Map<string, https.Agent>();
  const tlsAgent = (trust: TlsTrust | undefined): https.Agent => {
    const id = trust?.id ?? 'node';
    let agent = tlsAgents.get(id);
    if (!agent) {
      agent = new https.Agent({ keepAlive: true, maxSockets: 8, ...(trust?.ca ? { ca: [...trust.ca] } : {}) });
      tlsAgents.set(id, agent);
    }
    return agent;
  };
  return {
    close() {
      plainAgent.destroy();
      for (const a of tlsAgents.values()) a.destroy();
      tlsAgents.clear();
    },
    send(req) {
      return new Promise<HttpOutcome>((resolve) => {
        let url: URL;
        try {
          url = new URL(req.url);
        } catch {
          resolve({ kind: 'network', mayHaveArrived: false, message: 'ERR_INVALID_URL' });
          return;
        }
        const isHttps = url.protocol === 'https:';
        if (!isHttps && url.protocol !== 'http:') {
          resolve({ kind: 'network', mayHaveArrived: false, message: 'ERR_UNSUPPORTED_SCHEME' });
          return;
        }
        // The last line of defence: a credential never leaves this computer over plain http.
        if (!isHttps && (req.bearer || req.secretBody) && !isLoopbackHost(url.hostname)) {
          resolve({ kind: 'network', mayHaveArrived: false, message: 'ERR_INSECURE_CREDENTIAL' });
          return;
        }
        const headers: Record<string, string | number> = { Accept: 'application/xml, text/xml, */*' };
        const isPost = req.method === 'POST';
        let bodyLength = 0;
        if (isPost) {
          bodyLength = req.bodyFile ? req.bodyFile.bytes : Buffer.byteLength(req.body ?? '');
          headers['Content-Type'] = 'application/x-www-form-urlencoded';
          headers['Content-Length'] = bodyLength;
        }
        Object.assign(headers, req.headers);
        if (req.bearer) headers.Authorization = `Bearer ${req.bearer}`;
        const lib = isHttps ? https : http;
        let connected = false;
        let done = false;
        const finish = (outcome: HttpOutcome) => {
          if (done) return;
          done = true;
          req.signal?.removeEventListener('abort', onAbort);
          resolve(outcome);
        };
        let request: http.ClientRequest;
        try {
          request = lib.request(url, {
            method: req.method,
            headers,
            agent: isPost ? false : isHttps ? tlsAgent(req.trust) : plainAgent,
            ...(isPost && isHttps && req.trust?.ca ? { ca: [...req.trust.ca] } : {}),
            timeout: req.timeoutMs,
          });
        } catch (error) {
          // e.g. a header value Node refuses; the message names the header, never its value.
          resolve({ kind: 'network', mayHaveArrived: false, message: describe(error as NodeJS.ErrnoException) });
          return;
        }
        const onAbort = () => request.destroy(Object.assign(new Error('aborted'), { code: 'ABORTED' }));
        if (req.signal?.aborted) {
          finish({ kind: 'network', mayHaveArrived: false, message: 'ABORTED' });
          return;
        }
        req.signal?.addEventListener('abort', onAbort, { once: true });
        request.on('socket', (socket) => {
          // A pooled socket is already connected; only a new one gets a (one-time) connect listener.
          if (!socket.connecting) connected = true;
          else socket.once('connect', () => (connected = true));
        });
        request.on('timeout', () => request.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
        request.on('error', (error: NodeJS.ErrnoException) => {
          const code = error.code ?? '';
          finish({ kind: 'network', mayHaveArrived: connected && !NEVER_ARRIVED.has(code) && code !== 'ABORTED_BEFORE_SEND', message: describe(error) });
        });
        request.on('response', (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (c: Buffer) => {
            size += c.length;
            if (size <= MAX_RESPONSE) chunks.push(c);
          });
          res.on('error', (error: NodeJS.ErrnoException) => finish({ kind: 'network', mayHaveArrived: true, message: describe(error) }));
          res.on('end', () => {
            const ra = res.headers['retry-after'];
            finish({
              kind: 'response',
              status: res.statusCode ?? 0,
              retryAfter: typeof ra === 'string' ? ra : null,
              body: Buffer.concat(chunks).toString('utf8'),
            });
          });
        });
        if (!isPost) {
          request.end();
          return;
        }
        if (!req.bodyFile) {
          request.end(req.body ?? '');
          req.onProgress?.(bodyLength);
          return;
        }
        let sent = 0;
        const stream = createReadStream(req.bodyFile.path, { highWaterMark: 1 << 20 });
        stream.on('data', (chunk) => {
          sent += chunk.length;
          req.onProgress?.(sent);
        });
        stream.on('error', (error) => request.destroy(error));
        stream.pipe(request);
      });
    },
  };
}
