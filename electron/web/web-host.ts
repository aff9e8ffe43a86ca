import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { randomBytes, randomUUID } from 'node:crypto';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { AddressInfo } from 'node:net';
import type { AppServices } from '../services/app-services.js';
import { failedReply, okReply } from '../../shared/contract/reply.js';
import { dispatchCall } from '../services/dispatch.js';
import { TOKEN_COOKIE, TOKEN_HEADER, checkAccess } from './access-guard.js';
import { serveStatic } from './static-files.js';

export interface WebHostOptions {
  readonly services: AppServices;
  /** Folder with the built renderer (index.html and assets). */
  readonly staticDir: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Fixed token for tests; a random one per run otherwise. */
  readonly token?: string;
  readonly log?: (line: string) => void;
}

export interface WebHost {
  /** The address a person opens: it carries the run's token, which the host swaps for a cookie. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

const MAX_JSON_BYTES = 1024 * 1024;

/**
 * Browser mode's front door: serves the built renderer and the same contract as Electron's IPC on
 * 127.0.0.1 only — `POST /api/call/NAME` (JSON), `GET /api/events` (server-sent events) and
 * `POST /api/upload?name=F` (a streamed file, answered with the path to pass to `files.open`).
 * Every request must pass `checkAccess` (Host, Origin, token).
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const log = options.log ?? ((line: string) => console.error(line));
  const uploadsDir = join(options.services.homeDir, 'uploads');
  const sseClients = new Set<ServerResponse>();
  let port = 0;

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`[web] ${req.method} ${req.url} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!res.headersSent) sendJson(res, 500, failedReply('internal'));
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    // The printed address carries the token once; swap it for an HttpOnly cookie and drop it from the URL.
    if (req.method === 'GET' && url.pathname === '/' && url.searchParams.has('token')) {
      const verdict = checkAccess({ ...req.headers, [TOKEN_HEADER]: url.searchParams.get('token') ?? '' }, port, token);
      if (verdict) return sendText(res, verdict.status, verdict.reason);
      res.writeHead(302, {
        location: '/',
        'set-cookie': `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        'cache-control': 'no-store',
      });
      res.end();
      return;
    }
    const verdict = checkAccess(req.headers, port, token);
    if (verdict) return sendText(res, verdict.status, verdict.reason);

    if (url.pathname.startsWith('/api/call/')) {
      if (req.method !== 'POST') return sendText(res, 405, 'Use POST.');
      const name = decodeURIComponent(url.pathname.slice('/api/call/'.length));
      const body = await readJson(req);
      if (body === undefined) return sendJson(res, 400, failedReply('bad-arguments', { call: name, field: '', detail: 'the request body is not JSON' }));
      return sendJson(res, 200, await dispatchCall(options.services.handlers, name, body, log));
    }
    if (url.pathname === '/api/events' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': connected\n\n');
      sseClients.add(res);
      const unsubscribe = options.services.bus.subscribe((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
      const heartbeat = setInterval(() => res.write(': ping\n\n'), 15_000);
      req.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
        sseClients.delete(res);
      });
      return;
    }
    if (url.pathname === '/api/upload') {
      if (req.method !== 'POST') return sendText(res, 405, 'Use POST.');
      const name = basename(url.searchParams.get('name') ?? 'upload.csv').replace(/[^\p{L}\p{N}._ -]/gu, '_') || 'upload.csv';
      const dir = join(uploadsDir, randomUUID());
      await mkdir(dir, { recursive: true });
      const path = join(dir, name);
      try {
        await pipeline(req, createWriteStream(path));
      } catch {
        await rm(dir, { recursive: true, force: true });
        return sendJson(res, 400, failedReply('upload-interrupted'));
      }
      return sendJson(res, 200, okReply({ path }));
    }
    if (req.method === 'GET' && (await serveStatic(options.staticDir, url.pathname, res))) return;
    sendText(res, 404, 'Not found.');
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    async close() {
      for (const client of sseClients) client.end();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_JSON_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  try {
    const text = Buffer.concat(chunks).toString('utf8');
    return text === '' ? {} : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`${text}\n`);
}
