// A pass-through HTTP recorder for tests: forwards every request byte for byte to the sandbox and
// notes what went by (method, path, a hash of the body, the answer). It never answers on its own,
// so the client still talks to the real sandbox; a reset upstream becomes a reset downstream.
import { createHash } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One exchange as the proxy saw it. */
export interface Exchange {
  readonly at: number;
  readonly method: string;
  readonly path: string;
  readonly bodyHash: string;
  /** HTTP status, or 0 when the upstream connection broke. */
  readonly status: number;
  /** True when the answer was an accepted submit (`<success>true</success>`). */
  readonly accepted: boolean;
  readonly authorization: string | undefined;
}

/** A running recorder. */
export interface RecordingProxy {
  readonly baseUrl: string;
  readonly exchanges: Exchange[];
  close(): Promise<void>;
}

/** Starts a recorder on 127.0.0.1 that forwards to `target` (an http:// base URL). */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const upstream = new URL(target);
  const exchanges: Exchange[] = [];
  const server: Server = createServer((req, res) => {
    const at = Date.now();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const bodyHash = createHash('sha1').update(body).digest('hex');
      const base = { at, method: req.method ?? 'GET', path: req.url ?? '/', bodyHash, authorization: req.headers.authorization };
      const up = request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host }, agent: false },
        (upRes) => {
          const out: Buffer[] = [];
          upRes.on('data', (c: Buffer) => out.push(c));
          upRes.on('end', () => {
            const text = Buffer.concat(out).toString('utf8');
            exchanges.push({ ...base, status: upRes.statusCode ?? 0, accepted: /<success>\s*true\s*<\/success>/.test(text) });
            res.writeHead(upRes.statusCode ?? 502, upRes.headers);
            res.end(text);
          });
          upRes.on('error', () => {
            exchanges.push({ ...base, status: 0, accepted: false });
            res.socket?.destroy();
          });
        },
      );
      up.on('error', () => {
        exchanges.push({ ...base, status: 0, accepted: false });
        res.socket?.destroy();
      });
      up.end(body);
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    exchanges,
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}
