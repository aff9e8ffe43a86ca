import type { IncomingMessage, ServerResponse } from 'node:http';

/** Outcome of reading a request body under a byte cap. */
export type BodyResult = { readonly kind: 'ok'; readonly body: Buffer } | { readonly kind: 'tooLarge'; readonly bytes: number } | { readonly kind: 'aborted' };

/** Reads the whole body; once `maxBytes` is reached it stops keeping bytes but drains the rest and reports `tooLarge`. */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (over) return;
      if (bytes >= maxBytes) {
        over = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? { kind: 'tooLarge', bytes } : { kind: 'ok', body: Buffer.concat(chunks, bytes) }));
    req.on('error', () => resolve({ kind: 'aborted' }));
    req.on('aborted', () => resolve({ kind: 'aborted' }));
  });
}

/** Sends a complete response (no-op when the socket is already gone). */
export function send(res: ServerResponse, status: number, body: string, contentType: string, headers: Readonly<Record<string, string>> = {}): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

/** Sends a JSON response. */
export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Readonly<Record<string, string>> = {}): void {
  send(res, status, `${JSON.stringify(value, null, 2)}\n`, 'application/json;charset=UTF-8', headers);
}

/** Returns the body parsed as JSON (empty body → `{}`), or undefined when it is not JSON. */
export function parseJsonBody(body: Buffer): unknown {
  const text = body.toString('utf8').trim();
  if (text === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Reads a JSON body of at most 1 MiB (empty → `{}`); `ok: false` when it is larger, cut off, or not JSON. */
export async function readJsonBody(req: IncomingMessage): Promise<{ readonly ok: true; readonly value: unknown } | { readonly ok: false }> {
  const read = await readBody(req, 1024 * 1024);
  if (read.kind !== 'ok') return { ok: false };
  const value = parseJsonBody(read.body);
  return value === undefined ? { ok: false } : { ok: true, value };
}

/** Sends a 400 JSON answer `{error, errors?}`. */
export function sendBadRequest(res: ServerResponse, message: string, errors?: readonly string[]): void {
  sendJson(res, 400, errors ? { error: message, errors } : { error: message });
}

/** Returns the bearer token of an Authorization header, or undefined. */
export function bearerToken(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  if (typeof h !== 'string') return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  return m ? m[1] : undefined;
}
