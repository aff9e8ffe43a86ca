import { createReadStream } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { HttpOutcome } from '../../shared/jobs/http-decision.js';

/** One request as the engine makes it. The token travels only in `bearer` and is never echoed anywhere. */
export interface TransportRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly bearer?: string | undefined;
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
const NEVER_ARRIVED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_INVALID_URL', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'ERR_TLS_CERT_ALTNAME_INVALID']);

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
  const agents = {
    http: new http.Agent({ keepAlive: true, maxSockets: 8 }),
    https: new https.Agent({ keepAlive: true, maxSockets: 8 }),
  };
  return {
    close() {
      agents.http.destroy();
      agents.https.destroy();
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
        const headers: Record<string, string | number> = { Accept: 'application/xml, text/xml, */*' };
        if (req.bearer) headers.Authorization = `Bearer ${req.bearer}`;
        const isPost = req.method === 'POST';
        let bodyLength = 0;
        if (isPost) {
          bodyLength = req.bodyFile ? req.bodyFile.bytes : Buffer.byteLength(req.body ?? '');
          headers['Content-Type'] = 'application/x-www-form-urlencoded';
          headers['Content-Length'] = bodyLength;
        }
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
            agent: isPost ? false : isHttps ? agents.https : agents.http,
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
